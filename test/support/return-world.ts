/* eslint-disable @typescript-eslint/require-await -- in-memory fakes of async activities */
/**
 * An in-memory world for return workflow tests: the return activities over a toy stock book and ERP, recording
 * every call, and builders for a return's input and the WMS's receipt.
 */
import type { GoodsReceipt } from '../../canonical-model/generated/index';
import type { ReturnActivities } from '../../activities/order-return/types';
import type { ReturnInput, ReturnLineInput, ReturnView } from '../../workflows/order-return/types';

/** The world's state and its activities. */
export interface ReturnWorld {
  activities: ReturnActivities & Record<string, (...args: never[]) => Promise<unknown>>;
  /** Units put back on hand per `location|sku`, by opId (a repeated opId counts once). */
  received: Map<string, { key: string; quantity: string }>;
  /** Credit memos the "ERP" holds, by invoice id. */
  memos: Map<string, Parameters<ReturnActivities['postCreditMemo']>[0]>;
  views: ReturnView[];
  expected: string[];
}

/** A fresh world. */
export function createReturnWorld(): ReturnWorld {
  const world: Omit<ReturnWorld, 'activities'> = {
    received: new Map(),
    memos: new Map(),
    views: [],
    expected: [],
  };
  const activities: ReturnActivities = {
    createExpectedReturn: async ({ document }) => {
      world.expected.push(document.id);
      return { externalId: `wms-${document.id}`, documentNumber: '3394301', created: true };
    },
    restockReturn: async ({ locationId, lines }) => {
      for (const l of lines)
        world.received.set(l.opId, { key: `${locationId}|${l.sku}`, quantity: l.quantity });
    },
    postCreditMemo: async (args) => {
      world.memos.set(args.memo.invoiceId, structuredClone(args));
      return { externalId: `ns-${args.memo.invoiceId}`, created: true };
    },
    saveReturnView: async (view) => void world.views.push(view),
  };
  return { ...world, activities: activities as ReturnWorld['activities'] };
}

/** A return of `lines` against order so_ret (one invoice billed 5 of line 1 and 5 of line 2). */
export function returnInput(
  returnId: string,
  lines: Partial<ReturnLineInput>[],
  expiryDays = 30,
): ReturnInput {
  const full: ReturnLineInput[] = lines.map((l, i) => ({
    lineNumber: i + 1,
    orderLineNumber: i + 1,
    sku: `WID-100${i + 1}`,
    uom: 'EA',
    quantity: '2',
    reason: 'no-longer-needed',
    unitPrice: '10.00',
    ...l,
  }));
  return {
    returnId,
    document: {
      schemaVersion: '1',
      documentType: 'return',
      id: returnId,
      legalEntityId: 'le_acme_us',
      source: { connectorId: 'api', system: 'hub', externalId: returnId },
      returnNumber: `${returnId}-N`,
      type: 'customer-return',
      status: 'authorized',
      customerId: 'cus_bigbox',
      salesOrderId: 'so_ret',
      lines: full.map((l) => ({
        lineNumber: l.lineNumber,
        orderLineNumber: l.orderLineNumber,
        item: { identifiers: [{ qualifier: 'SKU', value: l.sku }] },
        quantity: { value: l.quantity, uom: 'EA' },
        reason: l.reason,
      })),
    },
    orderId: 'so_ret',
    orderNumber: 'SO-RET',
    customerId: 'cus_bigbox',
    currency: 'USD',
    returnLocationId: 'loc_dc_primary',
    lines: full,
    invoices: [
      {
        invoiceId: 'so_ret.inv1',
        lines: [
          { orderLineNumber: 1, quantity: '5' },
          { orderLineNumber: 2, quantity: '5' },
        ],
      },
    ],
    policy: {
      wmsConnectorId: 'con_wms',
      erpConnectorId: 'con_erp',
      returnExpiryDays: expiryDays,
      restockingFeePercent: '0',
    },
    correlationId: 'test',
    by: 'support@test',
    authorisedAt: '2026-12-02T10:00:00.000Z',
  };
}

/** The WMS's completed receipt of return `returnId`: [return line, units, condition] per received batch. */
export function returnReceipt(
  returnId: string,
  batches: [number, string, 'good' | 'damaged'][],
): GoodsReceipt {
  return {
    schemaVersion: '1',
    documentType: 'goods-receipt',
    id: `gr_${returnId}`,
    legalEntityId: 'le_acme_us',
    source: { connectorId: 'con_wms', system: 'shiphero', externalId: `r-${returnId}` },
    receiptNumber: '3394301',
    type: 'return',
    status: 'completed',
    locationId: 'loc_dc_primary',
    receivedAt: '2026-12-05T10:00:00.000Z',
    returnId,
    lines: batches.map(([n, quantity, condition], i) => ({
      lineNumber: i + 1,
      orderLineNumber: n,
      item: { identifiers: [{ qualifier: 'SKU', value: `WID-100${n}` }] },
      quantityReceived: { value: quantity, uom: 'EA' },
      ...(condition === 'good' ? {} : { quantityRejected: { value: quantity, uom: 'EA' } }),
      condition,
    })),
  };
}
