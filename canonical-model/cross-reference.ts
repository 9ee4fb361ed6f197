import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from '../platform/collections';
import { HubError } from '../platform/errors';
import { isDuplicateKeyError } from '../platform/mongo';

/**
 * The cross-reference store: which canonical id an external record maps to, per connector and object type, and
 * back. Two unique indexes make each direction one-to-one. Uses only what FerretDB v1 supports: plain and unique
 * compound indexes, single-document writes (no transactions, change streams, TTL or partial indexes).
 */

/** A record's key in an external system: the connector instance, the kind of object and its id there. */
export interface ExternalKey {
  connectorId: string;
  objectType: string;
  externalId: string;
}

/** One stored link between an external key and a canonical id. */
export interface CrossReference extends ExternalKey {
  canonicalId: string;
  createdAt: Date;
}

/** Whether `link` stored a new link or found the same one already there. */
export type LinkOutcome = 'created' | 'unchanged';

/** Maps external ids to canonical ids and back. */
export interface CrossReferenceStore {
  /** Creates the two unique indexes; safe to call at every start. */
  ensureIndexes(): Promise<void>;
  /** Links an external key to a canonical id; idempotent, and a conflicting link is a 'data' HubError. */
  link(key: ExternalKey, canonicalId: string): Promise<LinkOutcome>;
  /** The canonical id an external key is linked to, if any. */
  toCanonical(key: ExternalKey): Promise<string | undefined>;
  /** The external id a canonical id has in one connector for one object type, if any. */
  toExternal(canonicalId: string, connectorId: string, objectType: string): Promise<string | undefined>;
}

/** Names of the unique indexes, stable so operators can find them. */
export const CROSS_REFERENCE_INDEXES = {
  byExternalKey: 'connector_object_external_unique',
  byCanonicalId: 'canonical_connector_object_unique',
} as const;

const MAX_LENGTH = 256;

function requireString(field: string, value: unknown): string {
  // Only strings reach a query, so nothing a caller passes can become a query operator.
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) {
    const message = `must be a non-empty string of at most ${MAX_LENGTH} characters`;
    throw new HubError('data', `cross-reference ${field} ${message}`, {
      fieldErrors: [{ path: `/${field}`, message }],
    });
  }
  return value;
}

function checkedKey(key: ExternalKey): ExternalKey {
  return {
    connectorId: requireString('connectorId', key.connectorId),
    objectType: requireString('objectType', key.objectType),
    externalId: requireString('externalId', key.externalId),
  };
}

function describe(key: ExternalKey): string {
  return `${key.objectType} "${key.externalId}" of connector "${key.connectorId}"`;
}

function externalConflict(key: ExternalKey, existing: string, wanted: string): HubError {
  const message = `${describe(key)} is already linked to canonical id "${existing}", not "${wanted}"`;
  return new HubError('data', message, { fieldErrors: [{ path: '/externalId', message }] });
}

function canonicalConflict(
  key: ExternalKey,
  canonicalId: string,
  otherExternalId: string | undefined,
): HubError {
  const other = otherExternalId === undefined ? 'another record' : `"${otherExternalId}"`;
  const message = `canonical id "${canonicalId}" is already linked to ${key.objectType} ${other} of connector "${key.connectorId}"`;
  return new HubError('data', message, { fieldErrors: [{ path: '/canonicalId', message }] });
}

/** Creates the store over the hub's database; nothing is read or written until a method is called. */
export function createCrossReferenceStore(db: Db): CrossReferenceStore {
  const collection: Collection<CrossReference> = db.collection<CrossReference>(COLLECTIONS.crossReferences);

  async function canonicalOf(key: ExternalKey): Promise<string | undefined> {
    const found = await collection.findOne(key, { projection: { _id: 0, canonicalId: 1 } });
    return found?.canonicalId;
  }

  async function externalOf(canonicalId: string, connectorId: string, objectType: string) {
    const filter = { canonicalId, connectorId, objectType };
    const found = await collection.findOne(filter, { projection: { _id: 0, externalId: 1 } });
    return found?.externalId;
  }

  return {
    async ensureIndexes() {
      // One index per command: FerretDB v1 drops the connection when a multi-index createIndexes finds them all
      // already there, which is exactly what a restart does.
      await collection.createIndex(
        { connectorId: 1, objectType: 1, externalId: 1 },
        { name: CROSS_REFERENCE_INDEXES.byExternalKey, unique: true },
      );
      await collection.createIndex(
        { canonicalId: 1, connectorId: 1, objectType: 1 },
        { name: CROSS_REFERENCE_INDEXES.byCanonicalId, unique: true },
      );
    },

    async link(rawKey, rawCanonicalId) {
      const key = checkedKey(rawKey);
      const canonicalId = requireString('canonicalId', rawCanonicalId);
      const existing = await canonicalOf(key);
      if (existing === canonicalId) return 'unchanged';
      if (existing !== undefined) throw externalConflict(key, existing, canonicalId);
      try {
        await collection.insertOne({ ...key, canonicalId, createdAt: new Date() });
        return 'created';
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // Either a concurrent caller linked the same key (fine if to the same id), or the canonical id is taken.
        const now = await canonicalOf(key);
        if (now === canonicalId) return 'unchanged';
        if (now !== undefined) throw externalConflict(key, now, canonicalId);
        throw canonicalConflict(
          key,
          canonicalId,
          await externalOf(canonicalId, key.connectorId, key.objectType),
        );
      }
    },

    async toCanonical(rawKey) {
      return canonicalOf(checkedKey(rawKey));
    },

    async toExternal(rawCanonicalId, rawConnectorId, rawObjectType) {
      return externalOf(
        requireString('canonicalId', rawCanonicalId),
        requireString('connectorId', rawConnectorId),
        requireString('objectType', rawObjectType),
      );
    },
  };
}
