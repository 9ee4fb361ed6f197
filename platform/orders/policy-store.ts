/**
 * The stored order policies, one per legal entity, with a revision each. Every revision is its own document
 * (`_id` = `legalEntityId#revision`, inserted, never updated), so two concurrent PUTs cannot both win: the second
 * insert of the same revision hits the unique `_id` and is a conflict. The latest revision is the policy; older
 * ones stay as the history of who changed what.
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../collections';
import { HubError } from '../errors';
import type { FieldError } from '../errors';
import { isDuplicateKeyError } from '../mongo';
import { ConflictError } from '../store-errors';
import { defaultOrderPolicy } from './policy';
import type { OrderPolicy } from './policy';

/** A policy as stored: revision 0 (and no updatedAt) means nothing is stored yet and it is the default. */
export interface OrderPolicyRecord extends OrderPolicy {
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** How a policy is written. */
export interface PutPolicyOptions {
  /** The revision the caller read (0: none stored yet); a different stored revision is a conflict. */
  expectedRevision?: number;
  by?: string;
}

/** The order policy store. */
export interface OrderPolicyStore {
  ensureIndexes(): Promise<void>;
  /** The latest stored policy of a legal entity, or the default policy (revision 0). */
  get(legalEntityId: string): Promise<OrderPolicyRecord>;
  /** Validates and stores a new revision; `data` HubError naming each bad field, ConflictError on a stale revision. */
  put(policy: OrderPolicy, options?: PutPolicyOptions): Promise<OrderPolicyRecord>;
}

/** The policy without its bookkeeping, as a workflow takes it. */
export function policyOf({
  revision: _r,
  updatedAt: _u,
  updatedBy: _b,
  ...policy
}: OrderPolicyRecord): OrderPolicy {
  return policy;
}

type StoredPolicy = OrderPolicyRecord & { _id: string; updatedAt: string };

const withoutId = ({ _id: _ignored, ...record }: StoredPolicy): OrderPolicyRecord => record;

const UNCONDITIONAL_ATTEMPTS = 5;

const STRATEGIES: readonly string[] = ['nearest-warehouse', 'fewest-splits', 'customer-priority'];
const SHORTAGE_ACTIONS: readonly string[] = ['backorder', 'cancel'];
const NON_NEGATIVE_DECIMAL = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?$/;
const MINUTE_FIELDS = [
  'holdTimeoutMinutes',
  'autoRejectAfterMinutes',
  'shipmentTimeoutMinutes',
  'backorderRecheckMinutes',
] as const;

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

/**
 * Checks a policy field by field and returns a copy; a `data` HubError lists every bad field by its JSON pointer
 * (`/warehouses/1/locationId`), relative to the policy. Unknown fields are the API contract's to refuse.
 */
export function validateOrderPolicy(input: OrderPolicy): OrderPolicy {
  const p = input as unknown as Record<string, unknown>;
  const errors: FieldError[] = [];
  const bad = (path: string, message: string) => errors.push({ path, message });
  if (!isText(p.legalEntityId)) bad('/legalEntityId', 'must be a non-empty string');
  for (const field of ['erpConnectorId', 'wmsConnectorId', 'webStoreCustomerId'] as const) {
    if (p[field] !== undefined && !isText(p[field])) bad(`/${field}`, 'must be a non-empty string');
  }
  const seen = new Set<string>();
  if (!Array.isArray(p.warehouses)) bad('/warehouses', 'must be a list of warehouses');
  else
    (p.warehouses as unknown[]).forEach((w, i) => {
      const warehouse = (w ?? {}) as Record<string, unknown>;
      if (!isText(warehouse.locationId)) bad(`/warehouses/${i}/locationId`, 'must be a non-empty string');
      else if (seen.has(warehouse.locationId)) {
        bad(`/warehouses/${i}/locationId`, `${warehouse.locationId} is listed more than once`);
      } else seen.add(warehouse.locationId);
      if (warehouse.regions !== undefined && !isTextList(warehouse.regions)) {
        bad(`/warehouses/${i}/regions`, 'must be a list of non-empty strings');
      }
    });
  if (!STRATEGIES.includes(p.strategy as string)) bad('/strategy', `must be one of ${STRATEGIES.join(', ')}`);
  if (typeof p.allowSplitShipments !== 'boolean') bad('/allowSplitShipments', 'must be true or false');
  if (!isTextList(p.priorityCustomerIds)) bad('/priorityCustomerIds', 'must be a list of customer ids');
  const percent = p.protectedStockPercent;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    bad('/protectedStockPercent', 'must be a number from 0 to 100');
  }
  const substitutes = p.substitutes;
  if (!substitutes || typeof substitutes !== 'object' || Array.isArray(substitutes)) {
    bad('/substitutes', 'must map a SKU to a list of substitute SKUs');
  } else {
    for (const [sku, list] of Object.entries(substitutes)) {
      if (!isTextList(list))
        bad(
          `/substitutes/${sku.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          'must be a list of non-empty SKUs',
        );
    }
  }
  for (const field of ['shortageAction', 'shortPickAction'] as const) {
    if (!SHORTAGE_ACTIONS.includes(p[field] as string)) bad(`/${field}`, 'must be one of backorder, cancel');
  }
  if (typeof p.priceTolerancePercent !== 'string' || !NON_NEGATIVE_DECIMAL.test(p.priceTolerancePercent)) {
    bad('/priceTolerancePercent', 'must be a non-negative decimal string like "2" or "0.5"');
  }
  for (const field of MINUTE_FIELDS) {
    const v = p[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
      bad(`/${field}`, 'must be a whole number ≥ 0');
  }
  if (errors.length) {
    throw new HubError('data', `invalid order policy: ${errors.map((e) => e.path).join(', ')}`, {
      fieldErrors: errors,
    });
  }
  return structuredClone(input);
}

/** Builds the policy store over `COLLECTIONS.orderPolicies`. */
export function createOrderPolicyStore(db: Db): OrderPolicyStore {
  const policies: Collection<StoredPolicy> = db.collection<StoredPolicy>(COLLECTIONS.orderPolicies);

  const latest = async (legalEntityId: string): Promise<OrderPolicyRecord> => {
    const [doc] = await policies.find({ legalEntityId }).sort({ revision: -1 }).limit(1).toArray();
    if (!doc) return { ...defaultOrderPolicy(legalEntityId), revision: 0, updatedAt: null, updatedBy: null };
    // A revision stored before a policy field existed gets that field's default.
    return { ...defaultOrderPolicy(legalEntityId), ...withoutId(doc) };
  };

  return {
    async ensureIndexes() {
      await policies.createIndex(
        { legalEntityId: 1, revision: -1 },
        { name: 'entity_revision', unique: true },
      );
    },

    get: latest,

    async put(input, options = {}) {
      const policy = validateOrderPolicy(input);
      for (let attempt = 1; ; attempt += 1) {
        const current = await latest(policy.legalEntityId);
        if (options.expectedRevision !== undefined && current.revision !== options.expectedRevision) {
          throw new ConflictError(
            `the order policy of ${policy.legalEntityId} is at revision ${current.revision}, not ${options.expectedRevision}`,
            String(current.revision),
          );
        }
        const revision = current.revision + 1;
        const doc: StoredPolicy = {
          ...policy,
          _id: `${policy.legalEntityId}#${revision}`,
          revision,
          updatedAt: new Date().toISOString(),
          updatedBy: options.by ?? null,
        };
        try {
          await policies.insertOne(doc);
          return withoutId(doc);
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // Someone stored this revision first: a conditional write lost; an unconditional one reads again.
          if (options.expectedRevision !== undefined || attempt >= UNCONDITIONAL_ATTEMPTS) {
            throw new ConflictError(
              `the order policy of ${policy.legalEntityId} changed meanwhile (revision ${revision} exists)`,
              String(revision),
            );
          }
        }
      }
    },
  };
}
