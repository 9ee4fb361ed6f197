/** A PO view for store and route tests, shaped as the PO workflow reports one. */
import { createHash } from 'node:crypto';
import { purchaseOrderWorkflowId } from '../../workflows/procure-to-receive/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';

/** A PO view as the workflow would report it; the PO number follows from the id (a hash) unless given. */
export function samplePurchaseOrderView(
  purchaseOrderId: string,
  overrides: Partial<PurchaseOrderView> = {},
): PurchaseOrderView {
  const legalEntityId = overrides.legalEntityId ?? 'le_test';
  const digits = BigInt(`0x${createHash('sha256').update(purchaseOrderId).digest('hex').slice(0, 12)}`);
  const poNumber = overrides.poNumber ?? `46${String(digits % 100_000_000n).padStart(8, '0')}`;
  return {
    purchaseOrderId,
    poNumber,
    workflowId: purchaseOrderWorkflowId(legalEntityId, poNumber),
    legalEntityId,
    supplierId: 'sup_acme',
    channel: 'edi',
    locationId: 'loc_chicago',
    status: 'issued',
    currency: 'USD',
    total: '51.00',
    origin: { reason: 'manual', signalIds: ['request:1'], salesOrderIds: [] },
    decisions: [],
    lines: [
      {
        ...{ lineNumber: 1, sku: 'WID-1001', uom: 'EA', ordered: '12', acknowledged: '0', shipped: '0' },
        ...{ received: '0', rejected: '0', billed: '0', cancelled: '0', unitPrice: '4.25', status: 'open' },
      },
    ],
    shipments: [],
    receipts: [],
    invoices: [],
    exceptions: [],
    documents: [],
    replacements: [],
    timeline: [],
    version: 1,
    updatedAt: '2025-04-01T10:00:00.000Z',
    ...overrides,
  };
}
