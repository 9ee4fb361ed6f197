/**
 * The business-transaction record: find any order, PO, EDI set or dead letter by any business number it carries
 * (customer PO, order, PO, ASN, invoice, shipment, receipt, ERP id, ISA13 / GS06 / ST02) and read everything about
 * it as one record with one timeline. Assembled at read time from the records the flows already keep, so it can
 * never disagree with them.
 */
import type { Db } from 'mongodb';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { HubError } from '../errors';
import { NotFoundError } from '../store-errors';
import { anchorOfDeadLetter, orderOfSet, purchaseOrderOfSet } from './link';
import {
  deadLetterNumbers,
  matchedOn,
  orderNumbers,
  purchaseOrderNumbers,
  setNumbers,
  titles,
} from './numbers';
import { deadLetterRecordOf, orderRecord, purchaseOrderRecord, setRecordOf } from './record';
import {
  deadLettersMatching,
  ordersMatching,
  purchaseOrdersMatching,
  setsMatching,
  transactionSources,
} from './sources';
import type { TransactionSources } from './sources';
import type { BusinessNumber, TransactionKind, TransactionRecord, TransactionSummary } from './types';

export type * from './types';

/** Most transactions one search returns, and the longest number searched for. */
export const TRANSACTION_SEARCH = { maxResults: 50, defaultResults: 20, maxQueryLength: 200 } as const;

/** Finding and reading business transactions. */
export interface TransactionIndex {
  /** Transactions carrying `q` as any business number, most recently changed first. */
  search(q: string, limit?: number): Promise<TransactionSummary[]>;
  /** One transaction by its id (`order:…`, `po:…`, `edi:…`, `dead-letter:…`); NotFoundError when there is none. */
  get(id: string): Promise<TransactionRecord>;
}

const strip = <T extends { _id: string }>({ _id: _ignored, ...rest }: T) => rest;
const OPEN_STATUSES = ['open', 'replaying'];

interface Hit {
  id: string;
  kind: TransactionKind;
  title: string;
  status: string;
  numbers: BusinessNumber[];
  matched: string[];
  updatedAt: string;
  ids: string[];
  workflowIds: string[];
}

const orderHit = (v: OrderView, q: string, extra: string[] = []): Hit => {
  const numbers = orderNumbers(v);
  return {
    id: `order:${v.orderId}`,
    kind: 'order',
    title: titles.order(v),
    status: v.status,
    numbers,
    matched: [...matchedOn(numbers, q), ...extra],
    updatedAt: v.updatedAt,
    ids: [v.orderId],
    workflowIds: [v.workflowId],
  };
};

const poHit = (v: PurchaseOrderView, q: string, extra: string[] = []): Hit => {
  const numbers = purchaseOrderNumbers(v);
  return {
    id: `po:${v.purchaseOrderId}`,
    kind: 'purchase-order',
    title: titles.purchaseOrder(v),
    status: v.status,
    numbers,
    matched: [...matchedOn(numbers, q), ...extra],
    updatedAt: v.updatedAt,
    ids: [v.purchaseOrderId],
    workflowIds: [v.workflowId],
  };
};

/** Builds the index over a hub database. */
export function createTransactionIndex(db: Db): TransactionIndex {
  const s: TransactionSources = transactionSources(db);

  const countOpen = (hit: Hit) =>
    hit.kind === 'edi-set'
      ? Promise.resolve(0)
      : s.deadLetters.countDocuments({
          status: { $in: OPEN_STATUSES } as never,
          $or: [{ businessKeyValues: { $in: hit.ids } }, { workflowId: { $in: hit.workflowIds } }],
        });

  return {
    async search(raw, limit = TRANSACTION_SEARCH.defaultResults) {
      const q = raw.trim();
      if (!q || q.length > TRANSACTION_SEARCH.maxQueryLength) {
        const message = `q must be 1 to ${TRANSACTION_SEARCH.maxQueryLength} characters (a business number)`;
        throw new HubError('data', message, { fieldErrors: [{ path: '/query/q', message }] });
      }
      const max = Math.min(Math.max(Math.trunc(limit), 1), TRANSACTION_SEARCH.maxResults);
      const [orders, pos, sets, letters] = await Promise.all([
        ordersMatching(s, q, max),
        purchaseOrdersMatching(s, q, max),
        setsMatching(s, q, max),
        deadLettersMatching(s, q, max),
      ]);
      const hits = new Map<string, Hit>();
      const add = (hit: Hit) => {
        const known = hits.get(hit.id);
        if (known) known.matched = [...new Set([...known.matched, ...hit.matched])];
        else hits.set(hit.id, { ...hit, matched: [...new Set(hit.matched)] });
      };
      for (const o of orders) add(orderHit(strip(o), q));
      for (const p of pos) add(poHit(strip(p), q));
      for (const set of sets) {
        const via = matchedOn(setNumbers(set), q).map((n) => `edi.${set.setId}.${n}`);
        const order = await orderOfSet(s, set);
        if (order) {
          add(orderHit(strip(order), q, via));
          continue;
        }
        const po = await purchaseOrderOfSet(s, set);
        if (po) {
          add(poHit(strip(po), q, via));
          continue;
        }
        add({
          id: `edi:${set._id}`,
          kind: 'edi-set',
          title: titles.set(set),
          status: set.status,
          numbers: setNumbers(set),
          matched: via.length ? via : ['interchange'],
          updatedAt: new Date(set.updatedAt).toISOString(),
          ids: [],
          workflowIds: [],
        });
      }
      for (const d of letters) {
        const via = [
          ...matchedOn(deadLetterNumbers(d), q).map((n) => `deadLetter.${n}`),
          ...(d._id === q ? ['deadLetter.id'] : []),
          ...(d.workflowId === q ? ['deadLetter.workflowId'] : []),
        ];
        const anchor = anchorOfDeadLetter(d);
        const order = anchor?.startsWith('order:') ? await s.orders.findOne({ _id: anchor.slice(6) }) : null;
        const po = anchor?.startsWith('po:')
          ? await s.purchaseOrders.findOne({ _id: anchor.slice(3) })
          : null;
        if (order) add(orderHit(strip(order), q, via));
        else if (po) add(poHit(strip(po), q, via));
        else {
          add({
            id: `dead-letter:${d._id}`,
            kind: 'dead-letter',
            title: titles.deadLetter(d),
            status: d.status,
            numbers: deadLetterNumbers(d),
            matched: via,
            updatedAt: new Date(d.updatedAt).toISOString(),
            ids: [d._id],
            workflowIds: [],
          });
        }
      }
      const ranked = [...hits.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, max);
      return Promise.all(
        ranked.map(async (h) => ({
          id: h.id,
          kind: h.kind,
          title: h.title,
          status: h.status,
          matchedOn: h.matched,
          numbers: h.numbers,
          openDeadLetters:
            h.kind === 'dead-letter' ? (OPEN_STATUSES.includes(h.status) ? 1 : 0) : await countOpen(h),
          updatedAt: h.updatedAt,
        })),
      );
    },

    async get(id) {
      const colon = id.indexOf(':');
      const kind = colon > 0 ? id.slice(0, colon) : '';
      const key = id.slice(colon + 1);
      const missing = () => new NotFoundError('transaction', id);
      if (kind === 'order') {
        const o = await s.orders.findOne({ _id: key });
        if (!o) throw missing();
        return orderRecord(s, strip(o));
      }
      if (kind === 'po') {
        const p = await s.purchaseOrders.findOne({ _id: key });
        if (!p) throw missing();
        return purchaseOrderRecord(s, strip(p));
      }
      if (kind === 'edi') {
        const set = await s.sets.findOne({ _id: key });
        if (!set) throw missing();
        return setRecordOf(s, set);
      }
      if (kind === 'dead-letter') {
        const d = await s.deadLetters.findOne({ _id: key });
        if (!d) throw missing();
        return deadLetterRecordOf(s, d);
      }
      const message = 'a transaction id starts with order:, po:, edi: or dead-letter:';
      throw new HubError('data', message, { fieldErrors: [{ path: '/path/id', message }] });
    },
  };
}
