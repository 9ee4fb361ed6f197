/**
 * Documents and inputs for procure-to-receive workflow tests: a purchasing policy with an EDI supplier and a
 * portal alternate, PO inputs, and the supplier's and the WMS's documents about a PO (ack, ASN, receipt, invoice).
 */
import type {
  AdvanceShipNotice,
  GoodsReceipt,
  Invoice,
  PurchaseOrder,
  PurchaseOrderAck,
  PurchaseOrderAckLine,
} from '../../canonical-model/generated/index';
import type { PurchasingPolicy, SupplierSource } from '../../platform/purchasing/policy';
import { buildPurchaseOrder } from '../../workflows/replenishment/purchase-order';
import type { ProcureToReceiveInput, ReplenishmentSignal } from '../../workflows/procure-to-receive/types';

/** The preferred supplier (EDI). */
export const ediSupplier: SupplierSource = {
  supplierId: 'sup_acme',
  channel: { kind: 'edi', ediConnectorId: 'edi-1', partnerId: 'acme' },
  unitPrice: '10.00',
  currency: 'USD',
  uom: 'EA',
  minOrderQuantity: '1',
  packMultiple: '1',
  leadTimeDays: 7,
};

/** The alternate (supplier portal). */
export const portalSupplier: SupplierSource = {
  supplierId: 'sup_bolt',
  channel: { kind: 'portal', connectorId: 'portal-1' },
  unitPrice: '11.00',
  currency: 'USD',
  uom: 'EA',
  minOrderQuantity: '5',
  packMultiple: '5',
  leadTimeDays: 10,
};

/** A policy buying WID-1001 from the EDI supplier, then the portal one. */
export function purchasingPolicy(overrides: Partial<PurchasingPolicy> = {}): PurchasingPolicy {
  return {
    legalEntityId: 'le_acme_us',
    erpConnectorId: 'erp-1',
    wmsConnectorId: 'wms-1',
    defaultLocationId: 'loc_a',
    currency: 'USD',
    approvalThreshold: '10000',
    approvalTimeoutHours: 24,
    ackTimeoutHours: 48,
    ackPriceTolerancePercent: 2,
    matchPriceTolerancePercent: 1,
    quantityTolerancePercent: 0,
    coalesceWindowMinutes: 60,
    exceptionOwner: 'purchasing',
    paymentCheckMinutes: 720,
    paymentWatchDays: 120,
    sourcing: [{ sku: 'WID-1001', suppliers: [ediSupplier, portalSupplier] }],
    ...overrides,
  };
}

/** A demand signal for WID-1001 at loc_a. */
export function demand(
  signalId: string,
  quantity: string,
  over: Partial<ReplenishmentSignal> = {},
): ReplenishmentSignal {
  return {
    signalId,
    legalEntityId: 'le_acme_us',
    sku: 'WID-1001',
    locationId: 'loc_a',
    quantity,
    reason: 'backorder',
    salesOrderId: `so_${signalId}`,
    receivedAt: '2026-12-01T10:00:00Z',
    ...over,
  };
}

/** The input of a PO (number `poNumber`) buying `lines` (sku → quantity) from `supplier`. */
export function poInput(
  poNumber: string,
  lines: [string, string][],
  policy: PurchasingPolicy = purchasingPolicy(),
  supplier: SupplierSource = ediSupplier,
  alternates: SupplierSource[] = [portalSupplier],
): ProcureToReceiveInput {
  const purchaseOrder = buildPurchaseOrder({
    poNumber,
    legalEntityId: 'le_acme_us',
    locationId: 'loc_a',
    supplier,
    orderDate: '2026-12-01',
    lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  });
  return {
    purchaseOrder,
    supplier,
    alternates,
    origin: { reason: 'backorder', signals: [demand(`${poNumber}-s1`, lines[0]?.[1] ?? '1')] },
    policy,
    correlationId: `corr-${poNumber}`,
  };
}

const head = (po: PurchaseOrder) => ({
  schemaVersion: '1' as const,
  legalEntityId: po.legalEntityId,
});

/** An acknowledgement; lines not given are accepted as ordered. */
export function ackOf(
  po: PurchaseOrder,
  id: string,
  lines: Record<number, Partial<PurchaseOrderAckLine>> = {},
  status: PurchaseOrderAck['status'] = 'accepted',
): PurchaseOrderAck {
  return {
    ...head(po),
    documentType: 'purchase-order-ack',
    id,
    source: { connectorId: 'edi-1', system: 'x12', externalId: po.poNumber, version: '000000201-201-0001' },
    purchaseOrderId: po.id,
    poNumber: po.poNumber,
    supplierId: po.supplierId,
    ackNumber: `ACK-${id}`,
    status,
    ackDate: '2026-12-02',
    lines: po.lines.map((l) => ({
      lineNumber: l.lineNumber,
      item: l.item,
      status: 'accepted' as const,
      quantityOrdered: l.quantity,
      ...lines[l.lineNumber],
    })),
  };
}

/** An ASN shipping `lines` (PO line → quantity) of the PO. */
export function asnOf(
  po: PurchaseOrder,
  id: string,
  lines: Record<number, string>,
  purpose: AdvanceShipNotice['purpose'] = 'original',
): AdvanceShipNotice {
  return {
    ...head(po),
    documentType: 'advance-ship-notice',
    id,
    source: { connectorId: 'edi-1', system: 'x12', externalId: id, version: '000000301-301-0001' },
    asnNumber: `ASN-${id}`,
    direction: 'inbound',
    purpose,
    supplierId: po.supplierId,
    shipDate: '2026-12-05',
    estimatedDeliveryDate: '2026-12-08',
    shipFrom: { code: 'ACME-1' },
    // As an 856 gives it: the supplier's code for our dock, as a temporary location id of the EDI connector.
    shipTo: { code: 'DC1', locationId: 'edi-1:location:tp_1:92:DC1' },
    orders: [
      {
        poNumber: po.poNumber,
        items: Object.entries(lines).map(([n, q]) => ({
          lineNumber: Number(n),
          item: po.lines[Number(n) - 1]?.item ?? { identifiers: [{ qualifier: 'SKU', value: 'X' }] },
          quantity: { value: q, uom: 'EA' },
        })),
      },
    ],
  };
}

/** One receipt line: order line, SKU, received, rejected and condition. */
export interface ReceiptLineSpec {
  line?: number;
  sku: string;
  received: string;
  rejected?: string;
  condition?: 'good' | 'damaged' | 'wrong-item';
}

/** A completed WMS receipt. */
export function receiptOf(
  po: PurchaseOrder,
  id: string,
  lines: ReceiptLineSpec[],
  asnId?: string,
): GoodsReceipt {
  return {
    ...head(po),
    documentType: 'goods-receipt',
    id,
    source: { connectorId: 'wms-1', system: 'shiphero', externalId: id },
    receiptNumber: `RCV-${id}`,
    type: 'purchase-order',
    status: 'completed',
    locationId: 'loc_a',
    receivedAt: '2026-12-08T10:00:00Z',
    purchaseOrderId: po.id,
    poNumber: po.poNumber,
    ...(asnId ? { advanceShipNoticeId: asnId } : {}),
    lines: lines.map((l, i) => ({
      lineNumber: i + 1,
      ...(l.line === undefined ? {} : { orderLineNumber: l.line }),
      item: { identifiers: [{ qualifier: 'SKU' as const, value: l.sku }] },
      quantityReceived: { value: l.received, uom: 'EA' as const },
      ...(l.rejected ? { quantityRejected: { value: l.rejected, uom: 'EA' as const } } : {}),
      ...(l.condition ? { condition: l.condition } : {}),
    })),
  };
}

/** A supplier invoice: lines of [PO line, SKU, quantity, unit price]. */
export function invoiceOf(po: PurchaseOrder, id: string, lines: [number, string, string, string][]): Invoice {
  const total = lines.reduce((t, [, , q, p]) => t + Number(q) * Number(p), 0).toFixed(2);
  return {
    ...head(po),
    documentType: 'invoice',
    id,
    source: { connectorId: 'edi-1', system: 'x12', externalId: `INV-${id}`, version: '000000401-401-0001' },
    invoiceNumber: `INV-${id}`,
    direction: 'AP',
    type: 'invoice',
    status: 'open',
    invoiceDate: '2026-12-09',
    currency: 'USD',
    supplierId: po.supplierId,
    poNumber: po.poNumber,
    lines: lines.map(([n, sku, q, p], i) => ({
      lineNumber: i + 1,
      orderLineNumber: n,
      item: { identifiers: [{ qualifier: 'SKU' as const, value: sku }] },
      description: sku,
      quantity: { value: q, uom: 'EA' as const },
      unitPrice: { amount: p, currency: 'USD' },
      amount: { amount: (Number(q) * Number(p)).toFixed(2), currency: 'USD' },
    })),
    totals: {
      subtotal: { amount: total, currency: 'USD' },
      taxTotal: { amount: '0', currency: 'USD' },
      total: { amount: total, currency: 'USD' },
    },
  };
}
