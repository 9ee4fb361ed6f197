/**
 * The audit trail of master-data changes: for every record a sync run applied, which fields changed from what to
 * what (by JSON pointer), from which revision to which, and in which run. One entry per run and record, so a
 * retried activity writes nothing twice; a run that changed nothing writes nothing.
 */
import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './mongo';
import type { MasterDataType } from './master-data';

/** The audit collection (kept here: platform/collections.ts is another module's). */
export const MASTER_DATA_AUDIT_COLLECTION = 'master_data_audit';

/** One changed field: its JSON pointer, the old value (absent: added) and the new one (absent: removed). */
export interface FieldChange {
  path: string;
  old?: unknown;
  new?: unknown;
}

/** One applied change of one record. */
export interface MasterDataAuditEntry {
  /** `<runId>|<objectType>:<canonicalId>`. */
  _id: string;
  runId: string;
  objectType: MasterDataType;
  canonicalId: string;
  legalEntityId: string;
  connectorId: string;
  /** 0 when the record is new. */
  fromRevision: number;
  toRevision: number;
  sourceVersion: string;
  changes: FieldChange[];
  at: Date;
}

/** The audit store. */
export interface MasterDataAudit {
  ensureIndexes(): Promise<void>;
  /** Stores an entry; false when this run had already audited the record. */
  record(entry: Omit<MasterDataAuditEntry, '_id' | 'at'>): Promise<boolean>;
  /** Every change a run made, in record order. */
  listByRun(runId: string): Promise<MasterDataAuditEntry[]>;
  /** The changes of one record, oldest first. */
  listFor(objectType: MasterDataType, canonicalId: string): Promise<MasterDataAuditEntry[]>;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that differ between two documents: objects field by field, arrays and scalars as whole values. */
export function diffDocuments(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      const at = `${path}/${escape(k)}`;
      if (!(k in after)) return [{ path: at, old: before[k] }];
      if (!(k in before)) return [{ path: at, new: after[k] }];
      return diffDocuments(before[k], after[k], at);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ path: path || '/', old: before, new: after }];
}

/** Builds the audit store over `MASTER_DATA_AUDIT_COLLECTION` of `db`. */
export function createMasterDataAudit(db: Db): MasterDataAudit {
  const entries: Collection<MasterDataAuditEntry> = db.collection(MASTER_DATA_AUDIT_COLLECTION);
  return {
    async ensureIndexes() {
      await entries.createIndex({ objectType: 1, canonicalId: 1, at: 1 }, { name: 'record_at' });
      await entries.createIndex({ runId: 1 }, { name: 'run' });
    },
    async record(entry) {
      const _id = `${entry.runId}|${entry.objectType}:${entry.canonicalId}`;
      try {
        await entries.insertOne({ ...entry, _id, at: new Date() });
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
    listByRun: (runId) => entries.find({ runId }).sort({ _id: 1 }).toArray(),
    listFor: (objectType, canonicalId) => entries.find({ objectType, canonicalId }).sort({ at: 1 }).toArray(),
  };
}
