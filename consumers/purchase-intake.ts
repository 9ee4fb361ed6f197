/**
 * Documents about our purchase orders, as the order intake (order-intake.ts) meets them on `hub.inbound-events.v1`:
 * supplier acknowledgements (EDI 855 read as ours, direction inbound; portal acks), inbound ASNs (856, portal; one
 * ASN may ship several POs, and each PO's workflow gets the ASN), AP invoices (810, portal) and completed WMS
 * receipts of type purchase-order. Each goes to the workflow purchaseOrderWorkflowId(legalEntityId, poNumber).
 * A document for a PO the hub does not run (or no longer runs) is a `data` HubError: the order intake logs it and
 * the inbound event stays stored (webhook inbox or EDI set) for a replay. Redeliveries are the workflows' to ignore
 * (each document has a stable id).
 */
import type {
  AdvanceShipNotice,
  GoodsReceipt,
  Invoice,
  PurchaseOrderAck,
} from '../canonical-model/generated/index';
import type { HubLogger } from '../monitoring/logger';
import { HubError, isHubError } from '../platform/errors';
import type { FieldError } from '../platform/errors';
import type { PurchaseWorkflows } from '../platform/purchasing/purchase-workflows';
import { purchaseOrderWorkflowId } from '../workflows/procure-to-receive/types';

/** The inbound event names the purchase intake may take (it still declines documents that are not ours). */
export const PURCHASE_DOCUMENT_EVENTS: ReadonlySet<string> = new Set([
  'purchase-order-ack.received',
  'advance-ship-notice.received',
  'invoice.received',
  'goods-receipt.completed',
]);

/** One inbound event as the order intake hands it on. */
export interface PurchaseDocumentEvent {
  event: string;
  connectorId?: string;
  partnerId?: string;
  /** The canonical document of the event. */
  document: object;
  /** The stored inbound event (webhook inbox id or EDI interchange id), for the PO's document list. */
  reference?: string;
}

/** What the purchase intake needs. */
export interface PurchaseIntakeDeps {
  purchases: Pick<PurchaseWorkflows, 'ackReceived' | 'asnReceived' | 'receiptReceived' | 'invoiceReceived'>;
  /** True when this hub runs (or ran) the PO; hubs sharing a broker see each other's documents. */
  knowsPurchaseOrder(legalEntityId: string, poNumber: string): Promise<boolean>;
  logger: HubLogger;
}

interface Head {
  documentType?: string;
  id?: string;
  legalEntityId?: string;
  source?: { connectorId?: string };
}

/** A PO the document is about, and where its number is in the document. */
interface Target {
  poNumber: string | undefined;
  path: string;
}

/** Signals `send` to the workflow of every target PO; the POs it could not reach become one `data` HubError. */
async function signalEach(
  deps: PurchaseIntakeDeps,
  doc: Head,
  targets: Target[],
  send: (workflowId: string) => Promise<void>,
): Promise<void> {
  const what = `${doc.documentType ?? 'document'} ${doc.id ?? '?'}`;
  const legalEntityId = doc.legalEntityId;
  const problems: FieldError[] = [];
  if (!legalEntityId) problems.push({ path: '/document/legalEntityId', message: 'is missing' });
  if (!targets.length) problems.push({ path: '/document/poNumber', message: 'names no purchase order' });
  for (const { poNumber, path } of legalEntityId ? targets : []) {
    if (!poNumber) {
      problems.push({ path, message: 'is missing: the document names no purchase order' });
      continue;
    }
    if (!(await deps.knowsPurchaseOrder(legalEntityId!, poNumber))) {
      deps.logger.info(
        { documentId: doc.id, legalEntityId, poNumber },
        `${what} is for a PO this hub does not run; skipped`,
      );
      problems.push({ path, message: `PO ${poNumber} is not one this hub runs` });
      continue;
    }
    const workflowId = purchaseOrderWorkflowId(legalEntityId!, poNumber);
    try {
      await send(workflowId);
      deps.logger.info({ documentId: doc.id, poNumber, workflowId }, `${what} signalled to its PO`);
    } catch (err) {
      // The PO workflow refused it (it has ended): the others still get theirs; this one is kept for a replay.
      if (!isHubError(err) || err.kind !== 'data') throw err;
      problems.push({ path, message: `PO ${poNumber} did not take it: ${err.message}` });
    }
  }
  if (problems.length) {
    throw new HubError('data', `${what} not applied: ${problems[0]!.path} ${problems[0]!.message}`, {
      fieldErrors: problems,
    });
  }
}

const single = (doc: { poNumber?: string }): Target[] => [
  { poNumber: doc.poNumber, path: '/document/poNumber' },
];

/** The distinct POs an ASN ships against, each at its first order. */
function posOf(asn: AdvanceShipNotice): Target[] {
  const seen = new Set<string>();
  const targets: Target[] = [];
  (asn.orders ?? []).forEach((order, i) => {
    if (order.poNumber && seen.has(order.poNumber)) return;
    if (order.poNumber) seen.add(order.poNumber);
    targets.push({ poNumber: order.poNumber, path: `/document/orders/${i}/poNumber` });
  });
  return targets;
}

/** The purchase intake: true when the event was a document about one of our POs and it was signalled. */
export function handlePurchaseDocuments(deps: PurchaseIntakeDeps) {
  return async (event: PurchaseDocumentEvent): Promise<boolean> => {
    const doc = event.document as Head;
    const connectorId = event.connectorId ?? doc.source?.connectorId ?? 'unknown';
    const via = { connectorId, ...(event.reference ? { reference: event.reference } : {}) };
    switch (event.event) {
      case 'purchase-order-ack.received': {
        const ack = event.document as PurchaseOrderAck;
        // Outbound acks are ours, answering a customer's order.
        if (ack.documentType !== 'purchase-order-ack' || ack.direction === 'outbound') return false;
        await signalEach(deps, doc, single(ack), (id) => deps.purchases.ackReceived(id, { ack, ...via }));
        return true;
      }
      case 'advance-ship-notice.received': {
        const asn = event.document as AdvanceShipNotice;
        if (asn.documentType !== 'advance-ship-notice' || asn.direction !== 'inbound') return false;
        await signalEach(deps, doc, posOf(asn), (id) => deps.purchases.asnReceived(id, { asn, ...via }));
        return true;
      }
      case 'invoice.received': {
        const invoice = event.document as Invoice;
        // AR invoices are ours, billing a customer.
        if (invoice.documentType !== 'invoice' || invoice.direction !== 'AP') return false;
        await signalEach(deps, doc, single(invoice), (id) =>
          deps.purchases.invoiceReceived(id, { invoice, ...via }),
        );
        return true;
      }
      case 'goods-receipt.completed': {
        const receipt = event.document as GoodsReceipt;
        if (receipt.documentType !== 'goods-receipt' || receipt.type !== 'purchase-order') return false;
        await signalEach(deps, doc, single(receipt), (id) =>
          deps.purchases.receiptReceived(id, { receipt, ...via }),
        );
        return true;
      }
      default:
        return false;
    }
  };
}
