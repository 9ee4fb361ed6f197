/**
 * Which order or PO a transaction set or dead letter belongs to. A PO number alone is ambiguous (a customer's PO
 * number can equal one of ours), so a set is matched on the side of the chain it travels: an 850 in or an 855,
 * 856, 810 out is the customer's side (orders); an 850 out or an 855, 856, 810 in is the supplier's (POs).
 */
import type { Filter } from 'mongodb';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import type { SetRecord } from '../edi/set-store';
import type { StoredDeadLetter, TransactionSources } from './sources';

type Side = 'customer' | 'supplier' | 'other';

const CUSTOMER_IN = new Set(['850', '860', '875']);
const SUPPLIER_IN = new Set(['855', '856', '810', '865']);
const CUSTOMER_OUT = new Set(['855', '856', '810', '865', '880']);
const SUPPLIER_OUT = new Set(['850', '860']);

/** The side of the chain a set travels on. */
export function sideOf(set: Pick<SetRecord, 'direction' | 'setId'>): Side {
  if (set.direction === 'inbound') {
    if (CUSTOMER_IN.has(set.setId)) return 'customer';
    if (SUPPLIER_IN.has(set.setId)) return 'supplier';
    return 'other';
  }
  if (CUSTOMER_OUT.has(set.setId)) return 'customer';
  if (SUPPLIER_OUT.has(set.setId)) return 'supplier';
  return 'other';
}

const documentIds = (set: SetRecord) => set.documents.map((d) => d.id).filter(Boolean);

/** The order a set belongs to, if any: by the documents it became or was made from, else by PO and partner. */
export async function orderOfSet(s: TransactionSources, set: SetRecord) {
  const ids = documentIds(set);
  const or: Filter<OrderView & { _id: string }>[] = [];
  if (ids.length) or.push({ _id: { $in: ids } }, { 'documents.documentId': { $in: ids } });
  if (sideOf(set) === 'customer' && set.poNumber) {
    or.push({
      customerPoNumber: set.poNumber,
      ...(set.partnerId ? { 'captures.partnerId': set.partnerId } : {}),
    });
  }
  return or.length ? s.orders.findOne({ $or: or }) : null;
}

/** The PO a set belongs to, if any: by the documents it became or was made from, else by PO number. */
export async function purchaseOrderOfSet(s: TransactionSources, set: SetRecord) {
  const ids = documentIds(set);
  const or: Filter<PurchaseOrderView & { _id: string }>[] = [];
  if (ids.length) or.push({ 'documents.documentId': { $in: ids } });
  if (sideOf(set) === 'supplier' && set.poNumber) or.push({ poNumber: set.poNumber });
  return or.length ? s.purchaseOrders.findOne({ $or: or }) : null;
}

/** The order or PO id a dead letter names in its business keys. */
export function anchorOfDeadLetter(letter: StoredDeadLetter): string | undefined {
  if (letter.businessKeys.orderId) return `order:${letter.businessKeys.orderId}`;
  if (letter.businessKeys.purchaseOrderId) return `po:${letter.businessKeys.purchaseOrderId}`;
  return undefined;
}

/** The sets of an order: those made from its documents, and those of its customer PO from its partners. */
export async function setsOfOrder(s: TransactionSources, view: OrderView): Promise<SetRecord[]> {
  const ids = [view.orderId, ...view.documents.map((d) => d.documentId)];
  const partners = view.captures.map((c) => c.partnerId).filter((p): p is string => Boolean(p));
  const or: Filter<SetRecord>[] = [{ 'documents.id': { $in: ids } }];
  if (view.customerPoNumber && partners.length) {
    or.push({ poNumber: view.customerPoNumber, partnerId: { $in: partners } });
  }
  const found = await s.sets.find({ $or: or }).limit(500).toArray();
  return found.filter((set) => sideOf(set) !== 'supplier' || documentIds(set).some((id) => ids.includes(id)));
}

/** The sets of a PO: those made from its documents, and the supplier's sets that name its number. */
export async function setsOfPurchaseOrder(
  s: TransactionSources,
  view: PurchaseOrderView,
): Promise<SetRecord[]> {
  const ids = [view.purchaseOrderId, ...view.documents.map((d) => d.documentId)];
  const found = await s.sets
    .find({ $or: [{ 'documents.id': { $in: ids } }, { poNumber: view.poNumber }] })
    .limit(500)
    .toArray();
  return found.filter((set) => documentIds(set).some((id) => ids.includes(id)) || sideOf(set) === 'supplier');
}

/** Dead letters that name any of `ids` as a business number or were parked by one of `workflowIds`. */
export function deadLettersOf(s: TransactionSources, ids: string[], workflowIds: string[]) {
  return s.deadLetters
    .find({ $or: [{ businessKeyValues: { $in: ids } }, { workflowId: { $in: workflowIds } }] })
    .sort({ createdAt: 1, _id: 1 })
    .limit(500)
    .toArray();
}
