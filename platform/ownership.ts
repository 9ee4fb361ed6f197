/**
 * System-of-record ownership: per legal entity and object type (item, customer, price list…), exactly one
 * connector owns the master data. An update from any other connector, or for an object type with no rule, is never
 * applied silently: it is refused with a reason and kept in quarantine for a person to release or discard.
 */
import type { Collection, Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { HubError } from './errors';
import type { Quarantine } from './quarantine';
import { isDuplicateKeyError } from './mongo';

/** Which connector is the system of record for one object type of one legal entity. */
export interface OwnershipRule {
  legalEntityId: string;
  objectType: string;
  ownerConnectorId: string;
  updatedAt: Date;
  updatedBy?: string;
}

/** A master-data update as it arrived from a connector. */
export interface MasterDataUpdate {
  legalEntityId: string;
  objectType: string;
  /** The connector that sent the update. */
  connectorId: string;
  document: unknown;
  correlationId?: string;
}

/** Apply it, or it was quarantined and why. */
export type OwnershipDecision = { allowed: true } | { allowed: false; quarantineId: string; reason: string };

/** The ownership rules and the check every master-data update goes through. */
export interface Ownership {
  /** Creates the unique index on (legalEntityId, objectType) (idempotent); call at start-up. */
  ensureIndexes(): Promise<void>;
  /** Makes `ownerConnectorId` the system of record, replacing any previous owner. */
  setOwner(rule: {
    legalEntityId: string;
    objectType: string;
    ownerConnectorId: string;
    by?: string;
  }): Promise<OwnershipRule>;
  /** Every rule, or those of one legal entity, ordered by legal entity and object type. */
  listRules(filter?: { legalEntityId?: string }): Promise<OwnershipRule[]>;
  /** Allows the update when `connectorId` owns the object type; otherwise quarantines the document. */
  checkMasterDataUpdate(update: MasterDataUpdate): Promise<OwnershipDecision>;
}

function required(fields: Record<string, unknown>): void {
  const missing = Object.entries(fields).filter(([, v]) => typeof v !== 'string' || !v.trim());
  if (missing.length) {
    throw new HubError('data', `missing ${missing.map(([k]) => k).join(', ')}`, {
      fieldErrors: missing.map(([path]) => ({ path, message: 'is required' })),
    });
  }
}

/** Builds the ownership rules over `COLLECTIONS.ownershipRules`, quarantining refused updates in `quarantine`. */
export function createOwnership(db: Db, quarantine: Quarantine): Ownership {
  const rules: Collection<OwnershipRule> = db.collection<OwnershipRule>(COLLECTIONS.ownershipRules);
  const projection = { _id: 0 } as const;

  return {
    async ensureIndexes() {
      await rules.createIndex(
        { legalEntityId: 1, objectType: 1 },
        { name: 'entity_object_unique', unique: true },
      );
    },

    async setOwner({ legalEntityId, objectType, ownerConnectorId, by }) {
      required({ legalEntityId, objectType, ownerConnectorId });
      const rule: OwnershipRule = { legalEntityId, objectType, ownerConnectorId, updatedAt: new Date() };
      if (by !== undefined) rule.updatedBy = by;
      // Two concurrent upserts of a new rule can both try to insert; the unique index refuses one, which then
      // finds the document and updates it.
      for (let pass = 0; ; pass++) {
        try {
          await rules.replaceOne({ legalEntityId, objectType }, rule, { upsert: true });
          return rule;
        } catch (err) {
          if (!isDuplicateKeyError(err) || pass > 0) throw err;
        }
      }
    },

    listRules: (filter = {}) =>
      rules
        .find(filter.legalEntityId === undefined ? {} : { legalEntityId: filter.legalEntityId }, {
          projection,
        })
        .sort({ legalEntityId: 1, objectType: 1 })
        .toArray(),

    async checkMasterDataUpdate(update) {
      required({
        legalEntityId: update.legalEntityId,
        objectType: update.objectType,
        connectorId: update.connectorId,
      });
      const rule = await rules.findOne(
        { legalEntityId: update.legalEntityId, objectType: update.objectType },
        { projection },
      );
      if (rule?.ownerConnectorId === update.connectorId) return { allowed: true };
      const reason = rule
        ? `${update.connectorId} is not the system of record for ${update.objectType} of legal entity ` +
          `${update.legalEntityId}; ${rule.ownerConnectorId} is`
        : `no system of record is configured for ${update.objectType} of legal entity ${update.legalEntityId}; ` +
          `updates from ${update.connectorId} are held until one is`;
      const held = await quarantine.hold({
        legalEntityId: update.legalEntityId,
        objectType: update.objectType,
        connectorId: update.connectorId,
        document: update.document,
        reason,
        ...(update.correlationId === undefined ? {} : { correlationId: update.correlationId }),
      });
      return { allowed: false, quarantineId: held._id, reason };
    },
  };
}
