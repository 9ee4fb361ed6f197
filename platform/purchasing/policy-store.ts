/**
 * The stored purchasing policies, one per legal entity, with a revision each. Every revision is its own document
 * (`_id` = `legalEntityId#revision`, inserted, never updated), so two concurrent PUTs cannot both write the same
 * revision: the second insert hits the unique `_id` and reads again. The latest revision is the policy; older ones
 * stay as the history of what changed.
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { isDuplicateKeyError } from '../mongo';
import { ConflictError } from '../store-errors';
import { PURCHASING_POLICY_DEFAULTS } from './policy';
import type { PurchasingPolicy } from './policy';
import { validatePurchasingPolicy } from './policy-validate';
import type { PurchasingPolicyStore } from './store-types';

type StoredPolicy = PurchasingPolicy & { _id: string; revision: number; updatedAt: string };

const ATTEMPTS = 5;

/** The policy without its bookkeeping, with defaults for fields a revision stored before them leaves out. */
const present = ({
  _id: _i,
  revision: _r,
  updatedAt: _u,
  legalEntityId,
  ...policy
}: StoredPolicy): PurchasingPolicy => ({ legalEntityId, ...PURCHASING_POLICY_DEFAULTS, ...policy });

/** Builds the purchasing policy store over `COLLECTIONS.purchasingPolicies`. */
export function createPurchasingPolicyStore(db: Db): PurchasingPolicyStore {
  const policies: Collection<StoredPolicy> = db.collection<StoredPolicy>(COLLECTIONS.purchasingPolicies);

  const latest = async (legalEntityId: string): Promise<StoredPolicy | undefined> => {
    const [doc] = await policies.find({ legalEntityId }).sort({ revision: -1 }).limit(1).toArray();
    return doc;
  };

  return {
    async ensureIndexes() {
      await policies.createIndex(
        { legalEntityId: 1, revision: -1 },
        { name: 'entity_revision', unique: true },
      );
    },

    async get(legalEntityId) {
      const doc = await latest(legalEntityId);
      return doc ? present(doc) : undefined;
    },

    async listAll() {
      const newest = new Map<string, StoredPolicy>();
      for (const doc of await policies.find({}).toArray()) {
        const seen = newest.get(doc.legalEntityId);
        if (!seen || seen.revision < doc.revision) newest.set(doc.legalEntityId, doc);
      }
      return [...newest.values()].map(present);
    },

    async put(input) {
      const policy = validatePurchasingPolicy(input);
      for (let attempt = 1; ; attempt += 1) {
        const revision = ((await latest(policy.legalEntityId))?.revision ?? 0) + 1;
        const doc: StoredPolicy = {
          ...policy,
          _id: `${policy.legalEntityId}#${revision}`,
          revision,
          updatedAt: new Date().toISOString(),
        };
        try {
          await policies.insertOne(doc);
          return present(doc);
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // Someone stored this revision first: read the latest again and write the next one.
          if (attempt >= ATTEMPTS) {
            throw new ConflictError(
              `the purchasing policy of ${policy.legalEntityId} kept changing while it was written`,
              String(revision),
            );
          }
        }
      }
    },
  };
}
