/**
 * Trading partner profiles, one per (EDI connector, partner ISA identity, our ISA identity): an inbound
 * interchange finds its profile by the ISA sender and receiver it carries, so one SFTP mailbox or VAN connector
 * can serve many partners. The identity is unique (a second profile for the same pair is a conflict).
 */
import type { Collection, Db } from 'mongodb';
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import { COLLECTIONS } from '../collections';
import { newId } from '../ids';
import { isDuplicateKeyError } from '../mongo';
import { ConflictError, NotFoundError } from '../store-errors';

/** What a caller gives to create or replace a profile. */
export type TradingPartnerInput = Omit<TradingPartnerProfile, 'id' | 'createdAt' | 'updatedAt' | 'revision'>;

interface StoredProfile extends Omit<TradingPartnerProfile, 'id'> {
  _id: string;
  /** connector|partner qualifier|partner id|our qualifier|our id — unique. */
  identityKey: string;
}

/** The ISA ids as compared: trimmed, upper-case (ISA ids are space-padded and case is not significant in practice). */
export function identityKey(
  connectorId: string,
  partner: { qualifier: string; id: string },
  us: { qualifier: string; id: string },
): string {
  const norm = (v: string) => v.trim().toUpperCase();
  return [connectorId, norm(partner.qualifier), norm(partner.id), norm(us.qualifier), norm(us.id)].join('|');
}

/** The store of trading partner profiles. */
export interface PartnerStore {
  ensureIndexes(): Promise<void>;
  create(input: TradingPartnerInput): Promise<TradingPartnerProfile>;
  get(id: string): Promise<TradingPartnerProfile>;
  list(query?: { connectorId?: string }): Promise<TradingPartnerProfile[]>;
  /** Replaces the profile when `revision` is the stored one (409 otherwise). */
  replace(id: string, input: TradingPartnerInput, revision: number): Promise<TradingPartnerProfile>;
  remove(id: string): Promise<void>;
  /** The profile an interchange belongs to: sender is the partner, receiver is us; undefined when none. */
  findByInterchange(
    connectorId: string,
    sender: { qualifier: string; id: string },
    receiver: { qualifier: string; id: string },
  ): Promise<TradingPartnerProfile | undefined>;
}

const present = ({ _id, identityKey: _key, ...rest }: StoredProfile): TradingPartnerProfile => ({
  id: _id,
  ...rest,
});

/** Builds the profile store over `COLLECTIONS.ediPartners`. */
export function createPartnerStore(db: Db): PartnerStore {
  const collection: Collection<StoredProfile> = db.collection<StoredProfile>(COLLECTIONS.ediPartners);
  const load = async (id: string) => {
    const found = await collection.findOne({ _id: id });
    if (!found) throw new NotFoundError('trading partner', id);
    return found;
  };
  const conflict = (input: TradingPartnerInput) =>
    new ConflictError(
      `a trading partner for ${input.partner.isa.qualifier}/${input.partner.isa.id} → ` +
        `${input.us.isa.qualifier}/${input.us.isa.id} already exists on connector ${input.connectorId}`,
      'exists',
    );
  return {
    async ensureIndexes() {
      await collection.createIndex({ identityKey: 1 }, { name: 'identity', unique: true });
      await collection.createIndex({ connectorId: 1 }, { name: 'connector' });
    },
    async create(input) {
      const now = new Date().toISOString();
      const doc: StoredProfile = {
        _id: newId('tp', 16),
        ...input,
        identityKey: identityKey(input.connectorId, input.partner.isa, input.us.isa),
        createdAt: now,
        updatedAt: now,
        revision: 1,
      };
      try {
        await collection.insertOne(doc);
      } catch (err) {
        if (isDuplicateKeyError(err)) throw conflict(input);
        throw err;
      }
      return present(doc);
    },
    async get(id) {
      return present(await load(id));
    },
    async list(query = {}) {
      const filter = query.connectorId ? { connectorId: query.connectorId } : {};
      return (await collection.find(filter).sort({ name: 1, _id: 1 }).limit(1000).toArray()).map(present);
    },
    async replace(id, input, revision) {
      const current = await load(id);
      if (current.revision !== revision) {
        throw new ConflictError(
          `trading partner ${id} is at revision ${current.revision}, not ${revision}`,
          String(current.revision),
        );
      }
      const next: StoredProfile = {
        ...current,
        ...input,
        identityKey: identityKey(input.connectorId, input.partner.isa, input.us.isa),
        updatedAt: new Date().toISOString(),
        revision: current.revision + 1,
      };
      try {
        const result = await collection.replaceOne({ _id: id, revision }, next);
        if (result.matchedCount === 0)
          throw new ConflictError(`trading partner ${id} changed meanwhile`, '?');
      } catch (err) {
        if (isDuplicateKeyError(err)) throw conflict(input);
        throw err;
      }
      return present(next);
    },
    async remove(id) {
      const result = await collection.deleteOne({ _id: id });
      if (result.deletedCount === 0) throw new NotFoundError('trading partner', id);
    },
    async findByInterchange(connectorId, sender, receiver) {
      const found = await collection.findOne({ identityKey: identityKey(connectorId, sender, receiver) });
      return found ? present(found) : undefined;
    },
  };
}
