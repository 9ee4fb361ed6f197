/**
 * The stored count policies, one per legal entity, with a revision each (the purchasing policy's pattern): every
 * revision is its own document (`_id` = `legalEntityId#revision`, inserted, never updated), so two concurrent
 * writes cannot both take one revision, and older revisions stay as the history of which thresholds applied when.
 */
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '../mongo';
import { ConflictError } from '../store-errors';
import { COUNT_POLICY_DEFAULTS, defaultCountPolicy, validateCountPolicy } from './count-policy';
import type { CountPolicy } from './count-policy';

/** The collection of count policy revisions (not in platform/collections.ts yet: the lead adds it there). */
export const COUNT_POLICIES_COLLECTION = 'count_policies';

/** Count policies by legal entity. */
export interface CountPolicyStore {
  ensureIndexes(): Promise<void>;
  /** The stored policy with defaults filled in; undefined when the legal entity has none. */
  get(legalEntityId: string): Promise<CountPolicy | undefined>;
  /** The stored policy, else the defaults (what a count of the entity is judged by). */
  effective(legalEntityId: string): Promise<CountPolicy>;
  /** Validates (a `data` HubError naming each bad field) and stores the policy as a new revision. */
  put(policy: unknown): Promise<CountPolicy>;
}

type StoredPolicy = CountPolicy & { _id: string; revision: number; updatedAt: string };

const ATTEMPTS = 5;

const present = ({ _id: _i, revision: _r, updatedAt: _u, ...policy }: StoredPolicy): CountPolicy => ({
  ...COUNT_POLICY_DEFAULTS,
  ...policy,
});

/** Builds the count policy store over `count_policies`. */
export function createCountPolicyStore(db: Db): CountPolicyStore {
  const policies: Collection<StoredPolicy> = db.collection<StoredPolicy>(COUNT_POLICIES_COLLECTION);
  const latest = async (legalEntityId: string): Promise<StoredPolicy | undefined> => {
    const [doc] = await policies.find({ legalEntityId }).sort({ revision: -1 }).limit(1).toArray();
    return doc;
  };
  const get = async (legalEntityId: string) => {
    const doc = await latest(legalEntityId);
    return doc ? present(doc) : undefined;
  };
  return {
    async ensureIndexes() {
      await policies.createIndex(
        { legalEntityId: 1, revision: -1 },
        { name: 'entity_revision', unique: true },
      );
    },
    get,
    async effective(legalEntityId) {
      return (await get(legalEntityId)) ?? defaultCountPolicy(legalEntityId);
    },
    async put(input) {
      const policy = validateCountPolicy(input);
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
          if (attempt >= ATTEMPTS) {
            throw new ConflictError(
              `the count policy of ${policy.legalEntityId} kept changing while it was written`,
              String(revision),
            );
          }
        }
      }
    },
  };
}
