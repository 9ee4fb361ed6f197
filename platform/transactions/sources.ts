/**
 * Read-only access to the records a transaction is assembled from: the order and PO projections, the EDI set and
 * interchange records, and the dead letters. Every lookup is one query; nothing here writes.
 */
import type { Collection, Db, Filter } from 'mongodb';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { COLLECTIONS } from '../collections';
import type { DeadLetter } from '../dead-letters';
import type { InterchangeRecord } from '../edi/interchange-store';
import type { SetRecord } from '../edi/set-store';

type Stored<V> = V & { _id: string };

/** Stored dead letter with the field its business-number index is on. */
export type StoredDeadLetter = DeadLetter & { businessKeyValues?: string[] };

/** The collections the transaction record reads. */
export interface TransactionSources {
  orders: Collection<Stored<OrderView>>;
  purchaseOrders: Collection<Stored<PurchaseOrderView>>;
  sets: Collection<SetRecord>;
  interchanges: Collection<InterchangeRecord>;
  deadLetters: Collection<StoredDeadLetter>;
}

/** Opens the sources over a hub database. */
export function transactionSources(db: Db): TransactionSources {
  return {
    orders: db.collection(COLLECTIONS.orders),
    purchaseOrders: db.collection(COLLECTIONS.purchaseOrders),
    sets: db.collection(COLLECTIONS.ediTransactionSets),
    interchanges: db.collection(COLLECTIONS.ediInterchanges),
    deadLetters: db.collection(COLLECTIONS.deadLetters),
  };
}

const anyOf = <T>(paths: string[], value: string): Filter<T> =>
  ({ $or: paths.map((p) => ({ [p]: value })) }) as Filter<T>;

const ORDER_PATHS = [
  '_id',
  'orderNumber',
  'customerPoNumber',
  'businessKey',
  'workflowId',
  'shipments.shipmentNumber',
  'invoices.documentNumber',
  'invoices.externalId',
  'releases.externalId',
  'documents.externalId',
];

const PO_PATHS = [
  '_id',
  'poNumber',
  'workflowId',
  'shipments.asnNumber',
  'receipts.receiptNumber',
  'invoices.invoiceNumber',
  'erp.externalId',
  'erp.documentNumber',
  'documents.externalId',
  'documents.number',
  'documents.control.interchange',
  'documents.control.group',
  'documents.control.set',
];

const SET_PATHS = [
  '_id',
  'poNumber',
  'orderNumber',
  'asnNumber',
  'invoiceNumber',
  'shipmentNumber',
  'controlNumber',
  'groupControlNumber',
  'envelope.interchange.controlNumber',
];

/** Orders that carry `q` as any of their numbers. */
export const ordersMatching = (s: TransactionSources, q: string, limit: number) =>
  s.orders.find(anyOf<Stored<OrderView>>(ORDER_PATHS, q)).limit(limit).toArray();

/** POs that carry `q` as any of their numbers. */
export const purchaseOrdersMatching = (s: TransactionSources, q: string, limit: number) =>
  s.purchaseOrders.find(anyOf<Stored<PurchaseOrderView>>(PO_PATHS, q)).limit(limit).toArray();

/** Transaction sets that carry `q`, or that came or went in an interchange whose id or ISA13 is `q`. */
export async function setsMatching(s: TransactionSources, q: string, limit: number): Promise<SetRecord[]> {
  const interchanges = await s.interchanges
    .find({ $or: [{ _id: q }, { controlNumber: q }] }, { projection: { _id: 1 } })
    .limit(limit)
    .toArray();
  const filter = anyOf<SetRecord>(SET_PATHS, q);
  if (interchanges.length) filter.$or!.push({ interchangeId: { $in: interchanges.map((i) => i._id) } });
  return s.sets.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
}

/** Dead letters whose id, workflow or any business number is `q`. */
export const deadLettersMatching = (s: TransactionSources, q: string, limit: number) =>
  s.deadLetters
    .find({ $or: [{ _id: q }, { businessKeyValues: q }, { workflowId: q }] })
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .toArray();
