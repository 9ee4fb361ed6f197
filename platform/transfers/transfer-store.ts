/**
 * The stored projection of every transfer's TransferView, for the API's reads (the workflow's live query is the
 * truth; this copy answers while no worker runs). One document per transfer, `_id` = transferId; a transfer number
 * belongs to one transfer per legal entity. A save never takes the projection back to an older version, even when
 * saves race on FerretDB (platform/versioned-projection.ts); no transactions are needed.
 */
import type { Collection, Db } from 'mongodb';
import type { TransferView } from '../../workflows/transfer-order/types';
import { HubError } from '../errors';
import { versionedProjection } from '../versioned-projection';
import type { LoggedBody, LoggedVersion, Projected } from '../versioned-projection';

/** The collections of the transfer projection (named here so the module stands alone). */
export const TRANSFER_COLLECTIONS = {
  transfers: 'transfer_orders',
  versions: 'transfer_order_view_versions',
  bodies: 'transfer_order_view_versions_bodies',
} as const;

/** The transfer projection. */
export interface TransferStore {
  ensureIndexes(): Promise<void>;
  /** Stores the view unless a newer version is stored already. */
  save(view: TransferView): Promise<void>;
  get(transferId: string): Promise<TransferView | undefined>;
  findByNumber(legalEntityId: string, transferNumber: string): Promise<TransferView | undefined>;
}

type Stored = Projected<TransferView>;

const present = ({ _id: _ignored, ...view }: Stored): TransferView => view;

/** Builds the transfer projection over the TRANSFER_COLLECTIONS of `db`. */
export function createTransferStore(db: Db): TransferStore {
  const transfers: Collection<Stored> = db.collection<Stored>(TRANSFER_COLLECTIONS.transfers);
  const saver = versionedProjection<TransferView>({
    projection: transfers,
    log: db.collection<LoggedVersion>(TRANSFER_COLLECTIONS.versions),
    bodies: db.collection<LoggedBody<TransferView>>(TRANSFER_COLLECTIONS.bodies),
    idOf: (view) => view.transferId,
    async keyConflict(view) {
      const owner = await transfers.findOne({
        legalEntityId: view.legalEntityId,
        transferNumber: view.transferNumber,
      });
      const message = `transfer number ${view.transferNumber} of ${view.legalEntityId} already belongs to transfer ${owner?._id ?? '(unknown)'}`;
      throw new HubError('data', message, { fieldErrors: [{ path: '/transferNumber', message }] });
    },
  });
  return {
    async ensureIndexes() {
      await transfers.createIndex(
        { legalEntityId: 1, transferNumber: 1 },
        { name: 'entity_transfer_number', unique: true },
      );
      await saver.ensureIndexes();
    },
    async save(view) {
      await saver.save(view);
    },
    async get(transferId) {
      const doc = await transfers.findOne({ _id: transferId });
      return doc ? present(doc) : undefined;
    },
    async findByNumber(legalEntityId, transferNumber) {
      const doc = await transfers.findOne({ legalEntityId, transferNumber });
      return doc ? present(doc) : undefined;
    },
  };
}
