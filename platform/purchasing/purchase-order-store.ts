/**
 * The stored projection of every PO's PurchaseOrderView, for the API's reads and lists (the workflow's live query
 * is the truth; this copy answers while no worker runs and lets people search). One document per PO, `_id` =
 * purchaseOrderId; a PO number belongs to one PO per legal entity. A save never takes the projection back to an
 * older version, even when saves race on FerretDB (see platform/versioned-projection.ts).
 */
import type { Collection, Db, Filter } from 'mongodb';
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { PurchaseOrderStatusCode, PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { COLLECTIONS } from '../collections';
import { HubError } from '../errors';
import { idCursor, pageById } from '../id-pages';
import { versionedProjection } from '../versioned-projection';
import type { LoggedBody, LoggedVersion, Projected } from '../versioned-projection';
import type { PurchaseOrderStore } from './store-types';

type StoredPurchaseOrder = Projected<PurchaseOrderView>;

/** Page size when a listing names none, and the largest one allowed. */
export const PURCHASE_ORDER_PAGE = { default: 50, max: 200 } as const;

/** A PO in one of these will bring nothing more. */
const FINAL_STATUSES: readonly PurchaseOrderStatusCode[] = [
  'closed',
  'short-closed',
  'rejected',
  'cancelled',
];

const CURSOR = idCursor('po:', '/query/cursor');

const present = ({ _id: _ignored, ...view }: StoredPurchaseOrder): PurchaseOrderView => view;

/** Builds the PO projection over `COLLECTIONS.purchaseOrders`. */
export function createPurchaseOrderStore(db: Db): PurchaseOrderStore {
  const orders: Collection<StoredPurchaseOrder> = db.collection<StoredPurchaseOrder>(
    COLLECTIONS.purchaseOrders,
  );
  const findOne = async (filter: Filter<StoredPurchaseOrder>) => {
    const doc = await orders.findOne(filter, { sort: { _id: 1 } });
    return doc ? present(doc) : undefined;
  };

  const saver = versionedProjection<PurchaseOrderView>({
    projection: orders,
    log: db.collection<LoggedVersion>(COLLECTIONS.purchaseOrderViewVersions),
    bodies: db.collection<LoggedBody<PurchaseOrderView>>(COLLECTIONS.purchaseOrderViewVersionsBodies),
    idOf: (view) => view.purchaseOrderId,
    async keyConflict(view) {
      const owner = await orders.findOne({ legalEntityId: view.legalEntityId, poNumber: view.poNumber });
      const message = `PO number ${view.poNumber} of ${view.legalEntityId} already belongs to purchase order ${owner?._id ?? '(unknown)'}`;
      throw new HubError('data', message, { fieldErrors: [{ path: '/poNumber', message }] });
    },
  });

  return {
    async ensureIndexes() {
      await orders.createIndex({ legalEntityId: 1, poNumber: 1 }, { name: 'entity_po_number', unique: true });
      await orders.createIndex({ poNumber: 1 }, { name: 'po_number' });
      await orders.createIndex({ workflowId: 1 }, { name: 'workflow' });
      await orders.createIndex({ supplierId: 1 }, { name: 'supplier' });
      await orders.createIndex({ status: 1 }, { name: 'status' });
      await saver.ensureIndexes();
    },

    async save(view) {
      await saver.save(view);
    },

    get: (purchaseOrderId) => findOne({ _id: purchaseOrderId }),

    findByPoNumber: (poNumber, legalEntityId) =>
      findOne(legalEntityId === undefined ? { poNumber } : { poNumber, legalEntityId }),

    async list(query) {
      const limit = query.limit ?? PURCHASE_ORDER_PAGE.default;
      if (!Number.isInteger(limit) || limit < 1 || limit > PURCHASE_ORDER_PAGE.max) {
        const message = `must be an integer from 1 to ${PURCHASE_ORDER_PAGE.max}`;
        throw new HubError('data', `limit ${message}`, { fieldErrors: [{ path: '/query/limit', message }] });
      }
      const filter: Record<string, unknown> = {};
      for (const field of ['legalEntityId', 'poNumber', 'supplierId', 'status'] as const) {
        if (query[field] !== undefined) filter[field] = query[field];
      }
      const page = await pageById(
        orders,
        filter as Filter<StoredPurchaseOrder>,
        { ...(query.cursor === undefined ? {} : { cursor: query.cursor }), limit, codec: CURSOR },
        present,
      );
      return page.nextCursor === null
        ? { items: page.items }
        : { items: page.items, nextCursor: page.nextCursor };
    },

    async openQuantity(legalEntityId, sku, locationId) {
      const docs = await orders
        .find(
          { legalEntityId, locationId, status: { $nin: [...FINAL_STATUSES] }, 'lines.sku': sku },
          { projection: { lines: 1 } },
        )
        .toArray();
      let open = '0';
      for (const doc of docs) {
        for (const line of doc.lines) {
          if (line.sku !== sku) continue;
          const left = subtractDecimal(subtractDecimal(line.ordered, line.received), line.cancelled);
          if (compareDecimal(left, '0') > 0) open = addDecimal(open, left);
        }
      }
      return open;
    },
  };
}
