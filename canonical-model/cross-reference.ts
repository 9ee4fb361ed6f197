import type { Collection, Db, ObjectId } from 'mongodb';
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

/** A stored link: keyed by its external key, so a lookup reads one document on every server. */
type LinkDocument = CrossReference & { _id: string | ObjectId };
/** The way back, keyed by canonical id: which external id it has (written before the link itself). */
type ReverseDocument = { _id: string; externalId: string };

/** The id of a link: the external key as one string. Links made before this had generated ids (legacy). */
export const linkId = (key: ExternalKey) => JSON.stringify([key.connectorId, key.objectType, key.externalId]);
const reverseId = (canonicalId: string, connectorId: string, objectType: string) =>
  JSON.stringify([connectorId, objectType, canonicalId]);

/**
 * Creates the store over the hub's database; nothing is read or written until a method is called.
 * Every lookup is by `_id` (FerretDB's SQLite backend reads a whole collection for any other filter): a link is
 * keyed by its external key, and a second collection keys the way back by canonical id. Links stored before that
 * (with generated ids) still resolve: `ensureIndexes` writes their way back, and lookups fall back to the fields
 * while any remain.
 */
export function createCrossReferenceStore(db: Db): CrossReferenceStore {
  const collection: Collection<LinkDocument> = db.collection<LinkDocument>(COLLECTIONS.crossReferences);
  const reverse: Collection<ReverseDocument> = db.collection<ReverseDocument>(
    COLLECTIONS.crossReferencesBack,
  );
  /** Whether links with generated ids exist; undefined until first asked. */
  let legacy: Promise<boolean> | undefined;
  const hasLegacy = () =>
    (legacy ??= collection
      .findOne({ _id: { $not: { $type: 'string' } } }, { projection: { _id: 1 } })
      .then((d) => d !== null)
      .catch((err: unknown) => {
        legacy = undefined;
        throw err;
      }));

  async function canonicalOf(key: ExternalKey): Promise<string | undefined> {
    const projection = { _id: 0, canonicalId: 1 };
    const found =
      (await collection.findOne({ _id: linkId(key) }, { projection })) ??
      ((await hasLegacy()) ? await collection.findOne(key, { projection }) : null);
    return found?.canonicalId;
  }

  async function externalOf(canonicalId: string, connectorId: string, objectType: string) {
    const back = await reverse.findOne({ _id: reverseId(canonicalId, connectorId, objectType) });
    if (!back) return undefined;
    // The way back is written first, so it may name an external id whose link lost a race: check the link.
    const linked = await canonicalOf({ connectorId, objectType, externalId: back.externalId });
    return linked === undefined || linked === canonicalId ? back.externalId : undefined;
  }

  /** Claims the way back for `key`; false when the canonical id already has another external id that is linked. */
  async function claimReverse(key: ExternalKey, canonicalId: string): Promise<boolean> {
    const _id = reverseId(canonicalId, key.connectorId, key.objectType);
    try {
      await reverse.insertOne({ _id, externalId: key.externalId });
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    const back = await reverse.findOne({ _id });
    if (!back || back.externalId === key.externalId) return true;
    const other = { ...key, externalId: back.externalId };
    if ((await canonicalOf(other)) === canonicalId) return false;
    // A claim whose link never landed (it lost a race, or the process died): take it over.
    await reverse.updateOne({ _id }, { $set: { externalId: key.externalId } });
    return true;
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
      // Links from before the way back existed get theirs (idempotent; only such links are read).
      for await (const old of collection.find({ _id: { $not: { $type: 'string' } } })) {
        const _id = reverseId(old.canonicalId, old.connectorId, old.objectType);
        await reverse.updateOne({ _id }, { $set: { externalId: old.externalId } }, { upsert: true });
      }
    },

    async link(rawKey, rawCanonicalId) {
      const key = checkedKey(rawKey);
      const canonicalId = requireString('canonicalId', rawCanonicalId);
      const existing = await canonicalOf(key);
      if (existing === canonicalId) return 'unchanged';
      if (existing !== undefined) throw externalConflict(key, existing, canonicalId);
      if (!(await claimReverse(key, canonicalId)))
        throw canonicalConflict(
          key,
          canonicalId,
          await externalOf(canonicalId, key.connectorId, key.objectType),
        );
      try {
        await collection.insertOne({ _id: linkId(key), ...key, canonicalId, createdAt: new Date() });
        return 'created';
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        // Either a concurrent caller linked the same key (fine if to the same id), or the canonical id is taken.
        const now = await canonicalOf(key);
        if (now === canonicalId) return 'unchanged';
        if (now !== undefined) throw externalConflict(key, now, canonicalId);
        // The canonical id was linked by a concurrent caller after this one took over its way back: point the way
        // back at the link that won (found by its fields: a rare path, and the only full read).
        const won = await collection.findOne({
          canonicalId,
          connectorId: key.connectorId,
          objectType: key.objectType,
        });
        if (won) {
          const _id = reverseId(canonicalId, key.connectorId, key.objectType);
          await reverse.updateOne({ _id }, { $set: { externalId: won.externalId } }, { upsert: true });
        }
        throw canonicalConflict(key, canonicalId, won?.externalId);
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
