/**
 * The stored returns (RMAs) of orders: one document per return, `_id` = `<orderId>.ra<n>`, unique
 * (orderId, returnNumber). Creating one is a unique insert (two authorisations of one order racing for the same n:
 * the loser takes the next); the workflow's later saves go through the versioned projection (FerretDB v1 loses
 * concurrent updates).
 */
import type { Collection, Db } from 'mongodb';
import type { ReturnView } from '../../workflows/order-return/types';
import { HubError } from '../errors';
import { COLLECTIONS } from '../collections';
import { isDuplicateKeyError } from '../mongo';
import { versionedProjection } from '../versioned-projection';
import type { LoggedBody, LoggedVersion, Projected, SaveOutcome } from '../versioned-projection';

type StoredReturn = Projected<ReturnView>;

/** The return store's operations. */
export interface ReturnStore {
  ensureIndexes(): Promise<void>;
  /** Inserts a new return of the order under the next free `<orderId>.ra<n>`; `build` makes its view. */
  create(orderId: string, build: (returnId: string, n: number) => ReturnView): Promise<ReturnView>;
  save(view: ReturnView): Promise<SaveOutcome>;
  get(returnId: string): Promise<ReturnView | undefined>;
  listByOrder(orderId: string): Promise<ReturnView[]>;
}

const present = ({ _id: _ignored, ...view }: StoredReturn): ReturnView => view;
const MAX_TRIES = 50;

const numberConflict = (view: ReturnView): never => {
  const message = `order ${view.orderId} already has a return numbered ${view.returnNumber}`;
  throw new HubError('duplicate', message, { fieldErrors: [{ path: '/returnNumber', message }] });
};

/** Builds the return store over its collections of `db`. */
export function createReturnStore(db: Db): ReturnStore {
  const returns: Collection<StoredReturn> = db.collection<StoredReturn>(COLLECTIONS.orderReturns);
  const saver = versionedProjection<ReturnView>({
    projection: returns,
    log: db.collection<LoggedVersion>(COLLECTIONS.orderReturnVersions),
    bodies: db.collection<LoggedBody<ReturnView>>(COLLECTIONS.orderReturnVersionsBodies),
    idOf: (view) => view.returnId,
    keyConflict: (view) => Promise.resolve(numberConflict(view)),
  });
  const sequence = (id: string) => Number(/\.ra(\d+)$/.exec(id)?.[1] ?? 0);

  return {
    async ensureIndexes() {
      await returns.createIndex(
        { orderId: 1, returnNumber: 1 },
        { name: 'order_return_number', unique: true },
      );
      await saver.ensureIndexes();
    },

    async create(orderId, build) {
      const existing = await returns.find({ orderId }, { projection: { _id: 1 } }).toArray();
      let n = existing.reduce((top, r) => Math.max(top, sequence(r._id)), 0) + 1;
      for (let tries = 0; tries < MAX_TRIES; tries += 1, n += 1) {
        const view = build(`${orderId}.ra${n}`, n);
        try {
          await returns.insertOne({ ...view, _id: view.returnId });
          return view;
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // Our id taken by a racing authorisation: take the next. The number taken by another return: refuse.
          if (!(await returns.findOne({ _id: view.returnId }, { projection: { _id: 1 } })))
            numberConflict(view);
        }
      }
      throw new HubError('transient', `order ${orderId}: could not allocate a return id under contention`);
    },

    save: (view) => saver.save(view),

    async get(returnId) {
      const doc = await returns.findOne({ _id: returnId });
      return doc ? present(doc) : undefined;
    },

    async listByOrder(orderId) {
      const docs = await returns.find({ orderId }).toArray();
      return docs.map(present).sort((a, b) => sequence(a.returnId) - sequence(b.returnId));
    },
  };
}
