/**
 * The stored projection of every order's OrderView, for the API's reads and lists (the workflow's live query is
 * the truth; this copy answers while no worker runs and lets people search). One document per order, `_id` =
 * orderId. A save never takes the projection back to an older version: the first save inserts, later ones replace
 * only a lower version, and two concurrent first saves meet at the unique `_id` (the loser falls back to the
 * version-guarded replace).
 */
import { idCursor, pageById } from '../id-pages';
import type { Collection, Db, Filter } from 'mongodb';
import type { OrderStatusCode, OrderView } from '../../workflows/order-to-cash/types';
import { COLLECTIONS } from '../collections';
import { HubError } from '../errors';
import { isDuplicateKeyError } from '../mongo';

/** What a save did: stored a new order, replaced an older version, or kept a newer (or equal) stored version. */
export type SaveOutcome = 'inserted' | 'replaced' | 'stale';

/** Filters and paging of an order listing (all filters are exact matches). */
export interface OrderListQuery {
  channel?: string;
  customerId?: string;
  customerPoNumber?: string;
  orderNumber?: string;
  status?: OrderStatusCode;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** One page of orders, ordered by orderId; `nextCursor` is null on the last page. */
export interface OrderPage {
  items: OrderView[];
  nextCursor: string | null;
}

/** The order projection's operations. */
export interface OrderStore {
  ensureIndexes(): Promise<void>;
  save(view: OrderView): Promise<SaveOutcome>;
  get(orderId: string): Promise<OrderView | undefined>;
  getByWorkflowId(workflowId: string): Promise<OrderView | undefined>;
  findByBusinessKey(businessKey: string): Promise<OrderView | undefined>;
  list(query?: OrderListQuery): Promise<OrderPage>;
}

/** Page size when a listing names none, and the largest one allowed. */
export const ORDER_PAGE = { default: 50, max: 200 } as const;

type StoredOrder = OrderView & { _id: string };

const CURSOR_PREFIX = 'ord:';

const present = ({ _id: _ignored, ...view }: StoredOrder): OrderView => view;

const CURSOR = idCursor(CURSOR_PREFIX, '/query/cursor');

/** Builds the order projection over `COLLECTIONS.orders`. */
export function createOrderStore(db: Db): OrderStore {
  const orders: Collection<StoredOrder> = db.collection<StoredOrder>(COLLECTIONS.orders);
  const findOne = async (filter: Filter<StoredOrder>) => {
    const doc = await orders.findOne(filter);
    return doc ? present(doc) : undefined;
  };

  const replaceOlder = async (doc: StoredOrder): Promise<SaveOutcome> => {
    const result = await orders.replaceOne({ _id: doc._id, version: { $lt: doc.version } }, doc);
    if (result.matchedCount > 0) return 'replaced';
    if ((await orders.countDocuments({ _id: doc._id }, { limit: 1 })) > 0) return 'stale';
    // Nothing with this orderId: the insert was refused because another order holds the business key.
    const owner = await orders.findOne({ businessKey: doc.businessKey });
    const message = `business key ${doc.businessKey} already belongs to order ${owner?._id ?? '(unknown)'}`;
    throw new HubError('data', message, { fieldErrors: [{ path: '/businessKey', message }] });
  };

  return {
    async ensureIndexes() {
      await orders.createIndex({ businessKey: 1 }, { name: 'business_key', unique: true });
      await orders.createIndex({ workflowId: 1 }, { name: 'workflow' });
      await orders.createIndex({ customerPoNumber: 1 }, { name: 'customer_po' });
      await orders.createIndex({ orderNumber: 1 }, { name: 'order_number' });
      await orders.createIndex({ status: 1 }, { name: 'status' });
    },

    async save(view) {
      const doc: StoredOrder = { ...view, _id: view.orderId };
      try {
        await orders.insertOne(doc);
        return 'inserted';
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      try {
        return await replaceOlder(doc);
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const message = `business key ${doc.businessKey} already belongs to another order`;
        throw new HubError('data', message, { fieldErrors: [{ path: '/businessKey', message }] });
      }
    },

    get: (orderId) => findOne({ _id: orderId }),
    getByWorkflowId: (workflowId) => findOne({ workflowId }),
    findByBusinessKey: (businessKey) => findOne({ businessKey }),

    async list(query = {}) {
      const limit = query.limit ?? ORDER_PAGE.default;
      if (!Number.isInteger(limit) || limit < 1 || limit > ORDER_PAGE.max) {
        const message = `must be an integer from 1 to ${ORDER_PAGE.max}`;
        throw new HubError('data', `limit ${message}`, { fieldErrors: [{ path: '/query/limit', message }] });
      }
      const filter: Record<string, unknown> = {};
      for (const field of ['channel', 'customerId', 'customerPoNumber', 'orderNumber', 'status'] as const) {
        if (query[field] !== undefined) filter[field] = query[field];
      }
      return pageById(
        orders,
        filter as Filter<StoredOrder>,
        { ...(query.cursor === undefined ? {} : { cursor: query.cursor }), limit, codec: CURSOR },
        present,
      );
    },
  };
}
