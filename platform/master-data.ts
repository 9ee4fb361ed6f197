/**
 * Master data (items, customers, suppliers, locations, legal entities) as the hub holds it: every update arrives as
 * a validated canonical document, is de-duplicated by (sender, object, version), goes through the system-of-record
 * check, and is then applied — or held in quarantine with the reason. Applying links the sender's external id to
 * the canonical id and never lets an older version overwrite a newer one from the same sender.
 */
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { CrossReferenceStore } from '../canonical-model/cross-reference';
import { COLLECTIONS } from './collections';
import { createWriteQueue } from './write-queue';
import { HubError, isHubError } from './errors';
import type { InboundDedup, InboundKey } from './inbound-dedup';
import type { Ownership } from './ownership';

/** The canonical document types that are master data, each owned by one system of record per legal entity. */
export const MASTER_DATA_TYPES = ['item', 'customer', 'supplier', 'location', 'legal-entity'] as const;

/** One master-data object type. */
export type MasterDataType = (typeof MASTER_DATA_TYPES)[number];

/** The fields of a canonical document this module reads; the schema has already checked the rest. */
export interface MasterDataDocument {
  documentType: MasterDataType;
  id: string;
  legalEntityId: string;
  source: { connectorId: string; system: string; externalId: string; version?: string };
  [field: string]: unknown;
}

/** A stored master-data record: the document as last applied, with when and from which version. */
export interface MasterDataRecord {
  _id: string;
  objectType: MasterDataType;
  canonicalId: string;
  legalEntityId: string;
  document: MasterDataDocument;
  sourceConnectorId: string;
  sourceVersion: string;
  appliedAt: Date;
  /** Every version applied so far, the first included. */
  revision: number;
}

/** What happened to one update. */
export type IngestOutcome =
  | { outcome: 'applied'; record: MasterDataRecord }
  | { outcome: 'unchanged'; record: MasterDataRecord }
  | { outcome: 'stale'; record: MasterDataRecord }
  | { outcome: 'duplicate' }
  | { outcome: 'held'; quarantineId: string; reason: string };

/** Applying a released or owned document: stored, already identical, or older than what is stored. */
export type ApplyOutcome = Extract<IngestOutcome, { record: MasterDataRecord }>;

/** The master-data store and its ingest pipeline. */
export interface MasterData {
  ensureIndexes(): Promise<void>;
  /** De-duplicates, checks ownership, then applies or quarantines; `document` has passed the canonical schema. */
  ingest(document: MasterDataDocument, options?: { correlationId?: string }): Promise<IngestOutcome>;
  /** Applies without the ownership check (a person released it from quarantine, or the owner sent it). */
  apply(document: MasterDataDocument): Promise<ApplyOutcome>;
  /** The record of a canonical id, or undefined. */
  get(objectType: MasterDataType, canonicalId: string): Promise<MasterDataRecord | undefined>;
}

/** True when `value` names a master-data object type. */
export function isMasterDataType(value: unknown): value is MasterDataType {
  return typeof value === 'string' && (MASTER_DATA_TYPES as readonly string[]).includes(value);
}

/** A stable version for a document that carries none: the hash of its content, so a resend is a duplicate. */
export function versionOf(document: MasterDataDocument): string {
  if (document.source.version !== undefined) return document.source.version;
  return `sha256:${createHash('sha256').update(stableJson(document)).digest('hex').slice(0, 32)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const INTEGER = /^\d{1,15}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Orders two versions of one record from one sender: revision numbers numerically, timestamps as instants.
 * Anything else (ETags, hashes) has no order, and the newest delivery wins.
 */
export function compareVersions(a: string, b: string): number | undefined {
  if (INTEGER.test(a) && INTEGER.test(b)) return Number(a) - Number(b);
  if (INSTANT.test(a) && INSTANT.test(b)) return Date.parse(a) - Date.parse(b);
  return undefined;
}

/** A cross-reference conflict, with its field paths pointing into the document that caused it. */
function inDocumentTerms(err: unknown): unknown {
  if (!isHubError(err) || err.kind !== 'data') return err;
  const paths: Record<string, string> = { '/externalId': '/source/externalId', '/canonicalId': '/id' };
  return new HubError('data', err.message, {
    fieldErrors: (err.fieldErrors ?? []).map((f) => ({ ...f, path: paths[f.path] ?? f.path })),
  });
}

/** Builds the store over `COLLECTIONS.masterData`; updates of one process are applied one at a time. */
export function createMasterData(
  db: Db,
  deps: { dedup: InboundDedup; ownership: Ownership; crossReferences: CrossReferenceStore },
): MasterData {
  const collection: Collection<MasterDataRecord> = db.collection<MasterDataRecord>(COLLECTIONS.masterData);
  // FerretDB v1 does not isolate read-compare-write on one document: updates of this process go one at a time.
  const write = createWriteQueue();

  const recordId = (type: string, id: string) => `${type}:${id}`;

  const apply = (document: MasterDataDocument): Promise<ApplyOutcome> =>
    write(async () => {
      const objectType = document.documentType;
      const version = versionOf(document);
      const _id = recordId(objectType, document.id);
      const current = await collection.findOne({ _id });
      if (current && current.sourceConnectorId === document.source.connectorId) {
        if (current.sourceVersion === version && stableJson(current.document) === stableJson(document)) {
          return { outcome: 'unchanged', record: current };
        }
        const order = compareVersions(version, current.sourceVersion);
        if (order !== undefined && order < 0) return { outcome: 'stale', record: current };
      }
      try {
        await deps.crossReferences.link(
          { connectorId: document.source.connectorId, objectType, externalId: document.source.externalId },
          document.id,
        );
      } catch (err) {
        throw inDocumentTerms(err);
      }
      const record: MasterDataRecord = {
        _id,
        objectType,
        canonicalId: document.id,
        legalEntityId: document.legalEntityId,
        document,
        sourceConnectorId: document.source.connectorId,
        sourceVersion: version,
        appliedAt: new Date(),
        revision: (current?.revision ?? 0) + 1,
      };
      await collection.replaceOne({ _id }, record, { upsert: true });
      return { outcome: 'applied', record };
    });

  return {
    async ensureIndexes() {
      await collection.createIndex({ objectType: 1, legalEntityId: 1 }, { name: 'type_entity' });
    },

    async ingest(document, options = {}) {
      const key: InboundKey = {
        sourceConnectorId: document.source.connectorId,
        externalId: `${document.documentType}/${document.source.externalId}`,
        version: versionOf(document),
      };
      if ((await deps.dedup.claim(key)) === 'duplicate') return { outcome: 'duplicate' };
      try {
        const decision = await deps.ownership.checkMasterDataUpdate({
          legalEntityId: document.legalEntityId,
          objectType: document.documentType,
          connectorId: document.source.connectorId,
          document,
          ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
        });
        if (!decision.allowed) {
          return { outcome: 'held', quarantineId: decision.quarantineId, reason: decision.reason };
        }
        return await apply(document);
      } catch (err) {
        // Nothing took effect: give the claim back so the sender's retry is processed, not skipped.
        await deps.dedup.release(key);
        throw err;
      }
    },

    apply,

    async get(objectType, canonicalId) {
      return (await collection.findOne({ _id: recordId(objectType, canonicalId) })) ?? undefined;
    },
  };
}
