/**
 * Supplier invoices (810 or portal), each invoice id once. A matching invoice (see matching.ts) is posted in the
 * ERP as the vendor bill — an AP invoice carrying the PO and supplier, with the supplier invoice's id — and its
 * quantities count as billed. A mismatch is held with an invoice-mismatch exception naming the differing lines until
 * a buyer decides it (approve bills it, reject rejects it). An invoice for more than has been received waits for
 * receipt and is matched again after every receipt.
 */
import { addDecimal } from '../../canonical-model/decimal';
import type { Invoice } from '../../canonical-model/generated/index';
import { inboundDocument } from './documents';
import { billable, stillExpected } from './lines';
import { threeWayMatch } from './matching';
import type { MatchResult } from './matching';
import type { PoState } from './state';
import { DISCARDED, connectorCalls, step } from './steps';
import type { InvoiceDecision, InvoiceReceived, SupplierInvoiceView } from './types';

/** Matches an invoice against the PO as it stands. */
function match(s: PoState, invoice: Invoice): MatchResult {
  const tolerance = s.input.policy.quantityTolerancePercent;
  return threeWayMatch({
    invoice,
    lines: s.book.map((l) => ({
      lineNumber: l.lineNumber,
      sku: l.sku,
      unitPrice: l.unitPrice,
      billable: billable(l),
      billed: l.billed,
      stillExpected: s.shortClosed ? '0' : stillExpected(l),
    })),
    quantityTolerancePercent: tolerance,
    priceTolerancePercent: s.input.policy.matchPriceTolerancePercent,
  });
}

/** The vendor bill of a supplier invoice. */
function vendorBill(s: PoState, invoice: Invoice): Invoice {
  const po = s.input.purchaseOrder;
  return {
    ...invoice,
    direction: 'AP',
    purchaseOrderId: po.id,
    poNumber: po.poNumber,
    supplierId: po.supplierId,
  };
}

/** Posts the vendor bill and counts the invoice's quantities as billed. */
async function bill(s: PoState, view: SupplierInvoiceView, billed: MatchResult['billed']): Promise<void> {
  const invoice = s.invoiceDocs.get(view.invoiceId) as Invoice;
  const erp = s.input.policy.erpConnectorId;
  if (erp) {
    const posted = await step(
      s,
      `vendor-bill/${invoice.id}`,
      { invoiceId: invoice.id },
      () => connectorCalls.postVendorBill({ erpConnectorId: erp, invoice: vendorBill(s, invoice) }),
      erp,
    );
    if (posted === DISCARDED) {
      view.status = 'matched';
      return;
    }
    view.billExternalId = posted.externalId;
  } else
    s.note({
      kind: 'step',
      step: 'vendor-bill',
      message: 'the purchasing policy names no ERP: no vendor bill posted',
    });
  for (const b of billed) {
    const l = s.line(b.lineNumber);
    if (l) l.billed = addDecimal(l.billed, b.quantity);
  }
  view.status = 'billed';
  s.note({
    kind: 'connector-call',
    step: 'vendor-bill',
    message: `invoice ${view.invoiceNumber} billed${view.billExternalId ? ` as ${view.billExternalId}` : ''}`,
    documentId: view.invoiceId,
    ...(erp ? { connectorId: erp } : {}),
  });
}

/** Matches (again) an invoice that is new or waiting for receipt, and acts on the outcome. */
async function settle(s: PoState, view: SupplierInvoiceView): Promise<void> {
  const result = match(s, s.invoiceDocs.get(view.invoiceId) as Invoice);
  view.differences = result.differences;
  if (result.outcome === 'match') return bill(s, view, result.billed);
  if (result.outcome === 'wait') {
    if (view.status !== 'waiting-for-receipt')
      s.note({
        kind: 'step',
        step: 'invoice',
        message: `invoice ${view.invoiceNumber} bills more than received so far; waiting for receipt`,
      });
    view.status = 'waiting-for-receipt';
    return;
  }
  view.status = 'held';
  const named = result.differences.map(
    (d) => `line ${d.lineNumber} ${d.field}: expected ${d.expected}, got ${d.actual}`,
  );
  s.raise(
    {
      kind: 'invoice-mismatch',
      ...(result.differences[0] ? { lineNumber: result.differences[0].lineNumber } : {}),
      documentId: view.invoiceId,
      message: `invoice ${view.invoiceNumber} held: ${named.join('; ')}`,
    },
    { invoiceId: view.invoiceId },
  );
}

/** Handles one invoice signal. */
export async function handleInvoice(s: PoState, received: InvoiceReceived): Promise<void> {
  const invoice = received.invoice;
  if (s.seen.has(`invoice:${invoice.id}`)) {
    s.note({
      kind: 'document',
      step: 'duplicate',
      message: `invoice ${invoice.invoiceNumber} already handled`,
    });
    return;
  }
  s.seen.add(`invoice:${invoice.id}`);
  s.documents.push(inboundDocument('invoice', invoice, received.connectorId, s.now(), invoice.invoiceNumber));
  s.note({
    kind: 'document',
    step: 'invoice',
    message: `invoice ${invoice.invoiceNumber} (${invoice.type})`,
    documentId: invoice.id,
    documentType: 'invoice',
    connectorId: received.connectorId,
  });
  if (invoice.type !== 'invoice') {
    s.note({
      kind: 'step',
      step: 'invoice',
      message: `${invoice.type} ${invoice.invoiceNumber} recorded; only invoices are matched`,
    });
    return;
  }
  s.invoiceDocs.set(invoice.id, invoice);
  const view: SupplierInvoiceView = {
    invoiceId: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    status: 'matched',
    differences: [],
    total: invoice.totals.total.amount,
    currency: invoice.currency,
  };
  s.invoices.push(view);
  await settle(s, view);
}

/** Matches again every invoice waiting for receipt (after a receipt or a resolution changed what is billable). */
export async function rematchWaiting(s: PoState): Promise<void> {
  for (const view of s.invoices.filter((i) => i.status === 'waiting-for-receipt')) await settle(s, view);
}

/** A buyer's decision on a held invoice: approve bills it as invoiced, reject rejects it. */
export async function decideInvoice(s: PoState, d: InvoiceDecision): Promise<void> {
  const view = s.invoices.find((i) => i.invoiceId === d.invoiceId);
  if (!view) return;
  s.decisions.push({ ...d, kind: 'invoice', at: s.now() });
  s.note({
    kind: 'decision',
    step: `invoice-${d.decision}`,
    message: `invoice ${view.invoiceNumber} ${d.decision === 'approve' ? 'approved' : 'rejected'} by ${d.by}: ${d.reason}`,
    by: d.by,
  });
  for (const e of s.open('invoice-mismatch').filter((x) => x.documentId === d.invoiceId))
    s.resolve(e, {
      exceptionId: e.exceptionId,
      action: d.decision === 'approve' ? 'accept' : 'request-credit',
      by: d.by,
      reason: d.reason,
    });
  if (d.decision === 'reject') {
    view.status = 'rejected';
    return;
  }
  await bill(s, view, match(s, s.invoiceDocs.get(view.invoiceId) as Invoice).billed);
}
