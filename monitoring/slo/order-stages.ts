/**
 * The business stages an order's or a PO's saved view shows, read from its timeline (workflow time, one clock for
 * both ends of a stage). Comparing the view saved before with the one being saved gives the stages reached by this
 * save only, so each stage is counted once per order however often the view is saved (a retried save, a stale
 * save or a view that goes back to an older version adds nothing).
 *
 * - `order.received→released`: the order's capture → its first release to a warehouse (connector: the WMS).
 * - `order.shipped→invoiced`: each confirmed shipment → the invoice posted for it (connector: the ERP).
 * - `po.sent→acknowledged`: the PO sent to the supplier → the supplier's acknowledgement, or the ASN or receipt
 *   that stood in for one (connector: the channel the PO went by; partner: the supplier).
 */
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import type { OrderView, TimelineEntry } from '../../workflows/order-to-cash/types';
import type { StageId } from './objectives';

/** A stage that started (counted for the volume-anomaly check). */
export interface StageStart {
  stage: StageId;
  flow: string;
  partner?: string;
  connector?: string;
  /** What the stage is about (order id, shipment id, PO id): one start and one completion per instance. */
  instance: string;
  at: string;
}

/** A stage that completed, with how long it took. */
export interface StageCompletion extends StageStart {
  completedAt: string;
  seconds: number;
}

/** The stages one save newly reached. */
export interface StageProgress {
  started: StageStart[];
  completed: StageCompletion[];
}

/** What both timelines (order and PO) have in common. */
type Entry = Pick<TimelineEntry, 'at' | 'step' | 'connectorId' | 'documentId'> & { kind: string };

const ORDER_FLOW = 'order-to-cash';
const PO_FLOW = 'procure-to-receive';

/** Seconds from `start` to `end`, or undefined when either is not a time. */
function secondsBetween(start: string, end: string): number | undefined {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

function complete(start: StageStart, end: Entry | undefined, connector?: string): StageCompletion[] {
  if (!end) return [];
  const seconds = secondsBetween(start.at, end.at);
  if (seconds === undefined) return [];
  const via = connector ?? end.connectorId;
  return [{ ...start, ...(via ? { connector: via } : {}), completedAt: end.at, seconds }];
}

/** Every stage an order's view shows started and completed. */
export function orderStages(view: OrderView): StageProgress {
  const started: StageStart[] = [];
  const completed: StageCompletion[] = [];
  const partner = view.captures[0]?.partnerId;
  const base = { flow: ORDER_FLOW, ...(partner ? { partner } : {}) };
  const timeline: Entry[] = view.timeline;

  const capture = timeline.find((e) => e.kind === 'capture' && e.step === 'received');
  if (capture) {
    const start: StageStart = {
      ...base,
      stage: 'order.received→released',
      ...(view.captures[0]?.connectorId ? { connector: view.captures[0].connectorId } : {}),
      instance: view.orderId,
      at: capture.at,
    };
    started.push(start);
    // The start is counted by the channel it came through; the completion by the warehouse it went to.
    const release: StageStart = { ...base, stage: start.stage, instance: start.instance, at: start.at };
    completed.push(
      ...complete(
        release,
        timeline.find((e) => e.kind === 'connector-call' && e.step === 'release'),
      ),
    );
  }

  for (const shipped of timeline.filter(
    (e) => e.kind === 'document' && e.step === 'shipment' && e.documentId,
  )) {
    const shipmentId = shipped.documentId as string;
    const start: StageStart = {
      ...base,
      stage: 'order.shipped→invoiced',
      instance: shipmentId,
      at: shipped.at,
    };
    started.push(start);
    const invoiceIds = new Set(
      view.invoices.filter((i) => i.shipmentId === shipmentId).map((i) => i.invoiceId),
    );
    const invoiced = timeline.find(
      (e) => e.kind === 'connector-call' && e.step === 'invoice' && invoiceIds.has(e.documentId ?? ''),
    );
    completed.push(...complete(start, invoiced));
  }
  return { started, completed };
}

/** Every stage a PO's view shows started and completed. */
export function purchaseOrderStages(view: PurchaseOrderView): StageProgress {
  const timeline: Entry[] = view.timeline;
  const sent = timeline.find((e) => e.kind === 'document' && e.step === 'sent');
  if (!sent) return { started: [], completed: [] };
  const start: StageStart = {
    stage: 'po.sent→acknowledged',
    flow: PO_FLOW,
    partner: view.supplierId,
    ...(sent.connectorId ? { connector: sent.connectorId } : {}),
    instance: view.purchaseOrderId,
    at: sent.at,
  };
  const answer = timeline.find(
    (e) =>
      (e.kind === 'document' && e.step === 'ack' && e.documentId !== undefined) ||
      (e.kind === 'step' && e.step === 'implicit-ack'),
  );
  return { started: [start], completed: complete(start, answer, start.connector) };
}

const keyOf = (s: StageStart) => `${s.stage}\u0000${s.instance}`;

/** What `next` shows that `previous` did not. */
export function newStages(previous: StageProgress | undefined, next: StageProgress): StageProgress {
  const seenStarts = new Set(previous?.started.map(keyOf));
  const seenCompletions = new Set(previous?.completed.map(keyOf));
  return {
    started: next.started.filter((s) => !seenStarts.has(keyOf(s))),
    completed: next.completed.filter((s) => !seenCompletions.has(keyOf(s))),
  };
}

/** The order stages the save of `next` reached, given the view stored before it (undefined for the first save). */
export function newOrderStages(previous: OrderView | undefined, next: OrderView): StageProgress {
  if (previous && previous.version >= next.version) return { started: [], completed: [] };
  return newStages(previous && orderStages(previous), orderStages(next));
}

/** The PO stages the save of `next` reached, given the view stored before it (undefined for the first save). */
export function newPurchaseOrderStages(
  previous: PurchaseOrderView | undefined,
  next: PurchaseOrderView,
): StageProgress {
  if (previous && previous.version >= next.version) return { started: [], completed: [] };
  return newStages(previous && purchaseOrderStages(previous), purchaseOrderStages(next));
}
