/**
 * The stored projection of every order's OrderView, for the API's reads and lists (the workflow's live query is
 * the truth; this copy answers while no worker runs and lets people search). One document per order, `_id` =
 * orderId. A save never takes the projection back to an older version, even when saves race on FerretDB
 * (see platform/versioned-projection.ts).
 */
import { idCursor, pageById } from '../id-pages';
import type { Collection, Db, Filter } from 'mongodb';
import type { OrderStatusCode, OrderView } from '../../workflows/order-to-cash/types';
import { COLLECTIONS } from '../collections';
import { HubError } from '../errors';
import { versionedProjection } from '../versioned-projection';
import type { LoggedBody, LoggedVersion, Projected, SaveOutcome } from '../versioned-projection';

export type { SaveOutcome } from '../versioned-projection';

type StoredOrder = Projected<OrderView>;

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

  const saver = versionedProjection<OrderView>({
    projection: orders,
    log: db.collection<LoggedVersion>(COLLECTIONS.orderViewVersions),
    bodies: db.collection<LoggedBody<OrderView>>(COLLECTIONS.orderViewVersionsBodies),
    idOf: (view) => view.orderId,
    async keyConflict(view) {
      const owner = await orders.findOne({ businessKey: view.businessKey });
      const message = `business key ${view.businessKey} already belongs to order ${owner?._id ?? '(unknown)'}`;
      throw new HubError('data', message, { fieldErrors: [{ path: '/businessKey', message }] });
    },
  });

  return {
    async ensureIndexes() {
      await orders.createIndex({ businessKey: 1 }, { name: 'business_key', unique: true });
      await orders.createIndex({ workflowId: 1 }, { name: 'workflow' });
      await orders.createIndex({ customerPoNumber: 1 }, { name: 'customer_po' });
      await orders.createIndex({ orderNumber: 1 }, { name: 'order_number' });
      await orders.createIndex({ status: 1 }, { name: 'status' });
      await saver.ensureIndexes();
    },

    save: (view) => saver.save(view),

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
