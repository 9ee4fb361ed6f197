/** Assembles the whole record of one transaction from its anchor (order, PO, set or dead letter). */
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import type { SetRecord } from '../edi/set-store';
import { deadLettersOf, setsOfOrder, setsOfPurchaseOrder } from './link';
import { deadLetterNumbers, orderNumbers, purchaseOrderNumbers, setNumbers, titles } from './numbers';
import type { StoredDeadLetter, TransactionSources } from './sources';
import {
  deadLetterEvents,
  deadLetterLine,
  documentOf,
  mergeTimeline,
  setEvents,
  workflowEvents,
} from './timeline';
import type { TransactionRecord } from './types';

const OPEN = new Set(['open', 'replaying']);
const strip = <T extends { _id: string }>({ _id: _ignored, ...rest }: T) => rest;

/** ISA13 of each set's interchange (sets we sent carry no envelope of their own). */
async function isa13Of(s: TransactionSources, sets: SetRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(sets.filter((x) => !x.envelope).map((x) => x.interchangeId))];
  if (!ids.length) return new Map();
  const found = await s.interchanges
    .find({ _id: { $in: ids } }, { projection: { _id: 1, controlNumber: 1 } })
    .toArray();
  return new Map(found.filter((i) => i.controlNumber).map((i) => [i._id, i.controlNumber!]));
}

async function parts(s: TransactionSources, sets: SetRecord[], letters: StoredDeadLetter[]) {
  const isa13 = await isa13Of(s, sets);
  const ordered = [...sets].sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt));
  return {
    documents: ordered.map((set) => documentOf(set, isa13.get(set.interchangeId))),
    setNumbers: ordered.flatMap((set) => setNumbers(set, isa13.get(set.interchangeId))),
    deadLetters: letters.map(deadLetterLine),
    openDeadLetters: letters.filter((d) => OPEN.has(d.status)).length,
    events: [...ordered.flatMap(setEvents), ...letters.flatMap(deadLetterEvents)],
  };
}

const numbersOnly = (names: Set<string>) => (n: { name: string }) => names.has(n.name);
const CONTROL = new Set(['isa13', 'gs06', 'st02']);

/** The record of an order: its view, its EDI sets in and out with their 997s, its dead letters. */
export async function orderRecord(s: TransactionSources, view: OrderView): Promise<TransactionRecord> {
  const sets = await setsOfOrder(s, view);
  const letters = await deadLettersOf(s, [view.orderId], [view.workflowId]);
  const p = await parts(s, sets, letters);
  return {
    id: `order:${view.orderId}`,
    kind: 'order',
    title: titles.order(view),
    status: view.status,
    numbers: [...orderNumbers(view), ...p.setNumbers.filter(numbersOnly(CONTROL))],
    openDeadLetters: p.openDeadLetters,
    updatedAt: view.updatedAt,
    workflows: [{ workflowId: view.workflowId, role: 'order-to-cash' }],
    holds: view.holds.map((h) => ({ kind: h.kind, message: h.message, ...(h.path ? { path: h.path } : {}) })),
    exceptions: [],
    documents: p.documents,
    deadLetters: p.deadLetters,
    timeline: mergeTimeline(workflowEvents(view.timeline), p.events),
    anchor: view,
  };
}

/** The record of a PO: its view, its EDI sets with the supplier, its exceptions and dead letters. */
export async function purchaseOrderRecord(
  s: TransactionSources,
  view: PurchaseOrderView,
): Promise<TransactionRecord> {
  const sets = await setsOfPurchaseOrder(s, view);
  const letters = await deadLettersOf(s, [view.purchaseOrderId], [view.workflowId]);
  const p = await parts(s, sets, letters);
  return {
    id: `po:${view.purchaseOrderId}`,
    kind: 'purchase-order',
    title: titles.purchaseOrder(view),
    status: view.status,
    numbers: [...purchaseOrderNumbers(view), ...p.setNumbers.filter(numbersOnly(CONTROL))],
    openDeadLetters: p.openDeadLetters,
    updatedAt: view.updatedAt,
    workflows: [{ workflowId: view.workflowId, role: 'procure-to-receive' }],
    holds: [],
    exceptions: view.exceptions.map((e) => ({
      exceptionId: e.exceptionId,
      kind: e.kind,
      status: e.status,
      message: e.message,
    })),
    documents: p.documents,
    deadLetters: p.deadLetters,
    timeline: mergeTimeline(workflowEvents(view.timeline), p.events),
    anchor: view,
  };
}

/** The record of a set that belongs to no order or PO (rejected, failed to map, or not yet acted on). */
export async function setRecordOf(s: TransactionSources, set: SetRecord): Promise<TransactionRecord> {
  const p = await parts(s, [set], []);
  return {
    id: `edi:${set._id}`,
    kind: 'edi-set',
    title: titles.set(set),
    status: set.status,
    numbers: p.setNumbers,
    openDeadLetters: 0,
    updatedAt: new Date(set.updatedAt).toISOString(),
    workflows: [],
    holds: [],
    exceptions: [],
    documents: p.documents,
    deadLetters: [],
    timeline: mergeTimeline(p.events),
    anchor: strip(set),
  };
}

/** The record of a dead letter that names no order or PO (e.g. a master-data or inventory step). */
export async function deadLetterRecordOf(
  s: TransactionSources,
  d: StoredDeadLetter,
): Promise<TransactionRecord> {
  const p = await parts(s, [], [d]);
  const letter: StoredDeadLetter = { ...d };
  delete letter.businessKeyValues;
  return {
    id: `dead-letter:${d._id}`,
    kind: 'dead-letter',
    title: titles.deadLetter(d),
    status: d.status,
    numbers: deadLetterNumbers(d),
    openDeadLetters: p.openDeadLetters,
    updatedAt: new Date(d.updatedAt).toISOString(),
    workflows: [{ workflowId: d.workflowId, role: d.flow }],
    holds: [],
    exceptions: [],
    documents: [],
    deadLetters: p.deadLetters,
    timeline: mergeTimeline(p.events),
    anchor: strip(letter),
  };
}
