/**
 * Checks a return authorisation against the stored order and builds the return's workflow input and first view.
 * Pure: the route passes in the order, its workflow input (prices), the policy, the other returns and the clock.
 */
import type { Return, UnitCode } from '../../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { FieldError } from '../../platform/errors';
import { RETURN_POLICY_DEFAULTS } from '../../platform/orders/policy';
import type { OrderPolicy } from '../../platform/orders/policy';
import type { OrderToCashInput, OrderView } from '../../workflows/order-to-cash/types';
import type {
  BilledInvoice,
  ReturnInput,
  ReturnReason,
  ReturnView,
} from '../../workflows/order-return/types';

/** The body of `POST /v1/orders/{id}/returns`. */
export interface ReturnRequest {
  returnNumber?: string;
  returnLocationId?: string;
  lines: { orderLineNumber: number; quantity: string; reason: ReturnReason; reasonText?: string }[];
}

/** The canonical Return line reasons. */
export const RETURN_REASONS: readonly ReturnReason[] = [
  'damaged',
  'defective',
  'wrong-item',
  'not-as-described',
  'no-longer-needed',
  'overstock',
  'expired',
  'recall',
  'other',
];

/** Units of each order line already on the order's other returns that have not expired. */
export function authorisedByLine(others: ReturnView[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of others) {
    if (r.status === 'expired') continue;
    for (const l of r.lines)
      out.set(l.orderLineNumber, addDecimal(out.get(l.orderLineNumber) ?? '0', l.quantity));
  }
  return out;
}

/** The shipment that shipped order line `lineNumber` (the first, when several did). */
function shipmentOfLine(order: OrderView, lineNumber: number | undefined) {
  return order.shipments.find((s) =>
    s.lines.some((l) => l.lineNumber === lineNumber && compareDecimal(l.shipped, '0') > 0),
  );
}

/** Every field of the request the order refuses (empty when it can be authorised). */
export function checkReturn(order: OrderView, request: ReturnRequest, others: ReturnView[]): FieldError[] {
  const errors: FieldError[] = [];
  const authorised = authorisedByLine(others);
  const seen = new Set<string>();
  request.lines.forEach((l, i) => {
    const line = order.lines.find((o) => o.lineNumber === l.orderLineNumber);
    if (!line) {
      errors.push({
        path: `/lines/${i}/orderLineNumber`,
        message: `order ${order.orderNumber} has no line ${l.orderLineNumber}`,
      });
      return;
    }
    const sku = line.substituteSku ?? line.sku;
    if (seen.has(sku)) {
      errors.push({
        path: `/lines/${i}/orderLineNumber`,
        message: `${sku} is on an earlier line of this return; return it once`,
      });
    }
    seen.add(sku);
    if (!RETURN_REASONS.includes(l.reason)) {
      errors.push({ path: `/lines/${i}/reason`, message: `must be one of ${RETURN_REASONS.join(', ')}` });
    }
    // The WMS takes a return against the one released order that shipped the goods.
    const release = shipmentOfLine(order, l.orderLineNumber)?.releaseId;
    const first = shipmentOfLine(order, request.lines[0]?.orderLineNumber)?.releaseId;
    if (i > 0 && release !== first) {
      errors.push({
        path: `/lines/${i}/orderLineNumber`,
        message: `line ${l.orderLineNumber} shipped in release ${release ?? '(none)'}, not ${first ?? '(none)'}: return each release's goods separately`,
      });
    }
    const before = authorised.get(l.orderLineNumber) ?? '0';
    const open = subtractDecimal(line.shipped, before);
    if (compareDecimal(l.quantity, '0') <= 0) {
      errors.push({ path: `/lines/${i}/quantity`, message: 'must be greater than 0' });
    } else if (compareDecimal(l.quantity, open) > 0) {
      errors.push({
        path: `/lines/${i}/quantity`,
        message: `is ${l.quantity} but line ${l.orderLineNumber} shipped ${line.shipped}${compareDecimal(before, '0') > 0 ? ` and ${before} are on other returns` : ''}: at most ${open} can be returned`,
      });
    }
  });
  return errors;
}

/** The AR invoices of the order (oldest first) and what each billed per order line. */
export function billedInvoices(order: OrderView): BilledInvoice[] {
  return order.invoices.map((inv) => {
    const shipment = order.shipments.find((s) => s.shipmentId === inv.shipmentId);
    return {
      invoiceId: inv.invoiceId,
      lines: (shipment?.lines ?? [])
        .filter((l) => compareDecimal(l.shipped, '0') > 0)
        .map((l) => ({ orderLineNumber: l.lineNumber, quantity: l.shipped })),
    };
  });
}

/** The warehouse the goods go back to: the request's, else the one that shipped the first line, else the policy's first. */
function locationOf(order: OrderView, request: ReturnRequest, policy: OrderPolicy): string | undefined {
  if (request.returnLocationId) return request.returnLocationId;
  const shipped = shipmentOfLine(order, request.lines[0]?.orderLineNumber);
  return shipped?.locationId ?? policy.warehouses[0]?.locationId;
}

/** What a built authorisation is made of. */
export interface BuiltReturn {
  input: ReturnInput;
  view: ReturnView;
}

/** Builds the workflow input and first view of return `returnId` (number `n` of the order). */
export function buildReturn(args: {
  returnId: string;
  n: number;
  order: OrderView;
  started: OrderToCashInput;
  request: ReturnRequest;
  policy: OrderPolicy;
  by: string;
  correlationId: string;
  now: Date;
}): BuiltReturn {
  const { order, request, started } = args;
  const returnNumber = request.returnNumber ?? `${order.orderNumber}-RA${args.n}`.slice(-64);
  const returnLocationId = locationOf(order, request, args.policy) ?? '';
  const authorisedAt = args.now.toISOString();
  const lines = request.lines.map((l, i) => {
    const line = order.lines.find((o) => o.lineNumber === l.orderLineNumber)!;
    const priced = started.order.lines.find((o) => o.lineNumber === l.orderLineNumber);
    return {
      lineNumber: i + 1,
      orderLineNumber: l.orderLineNumber,
      sku: line.substituteSku ?? line.sku,
      uom: line.uom,
      quantity: l.quantity,
      reason: l.reason,
      ...(l.reasonText ? { reasonText: l.reasonText } : {}),
      unitPrice: priced?.unitPrice.amount ?? '0',
    };
  });
  const document: Return = {
    schemaVersion: '1',
    documentType: 'return',
    id: args.returnId,
    legalEntityId: order.legalEntityId,
    source: { connectorId: 'api', system: 'hub', externalId: args.returnId },
    returnNumber,
    type: 'customer-return',
    status: 'authorized',
    customerId: order.customerId,
    // The order the WMS released and shipped: the release's id (`<orderId>.r<n>`), else the order's.
    salesOrderId: shipmentOfLine(order, request.lines[0]?.orderLineNumber)?.releaseId ?? order.orderId,
    requestedAt: authorisedAt,
    authorizedDate: authorisedAt.slice(0, 10),
    ...(returnLocationId ? { returnLocationId } : {}),
    ...(started.order.shipTo ? { shipFrom: structuredClone(started.order.shipTo) } : {}),
    currency: started.order.currency,
    lines: lines.map((l) => ({
      lineNumber: l.lineNumber,
      orderLineNumber: l.orderLineNumber,
      item: { identifiers: [{ qualifier: 'SKU' as const, value: l.sku }] },
      quantity: { value: l.quantity, uom: l.uom as UnitCode },
      reason: l.reason,
      ...(l.reasonText ? { reasonText: l.reasonText } : {}),
      unitPrice: { amount: l.unitPrice, currency: started.order.currency },
    })),
  };
  const policy = args.policy;
  const input: ReturnInput = {
    returnId: args.returnId,
    document,
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    customerId: order.customerId,
    currency: started.order.currency,
    returnLocationId,
    lines,
    invoices: billedInvoices(order),
    policy: {
      ...(policy.wmsConnectorId ? { wmsConnectorId: policy.wmsConnectorId } : {}),
      ...(policy.erpConnectorId ? { erpConnectorId: policy.erpConnectorId } : {}),
      returnExpiryDays: policy.returnExpiryDays ?? RETURN_POLICY_DEFAULTS.returnExpiryDays,
      restockingFeePercent: policy.restockingFeePercent ?? RETURN_POLICY_DEFAULTS.restockingFeePercent,
    },
    correlationId: args.correlationId,
    by: args.by,
    authorisedAt,
  };
  const expiresAt = new Date(args.now.getTime() + input.policy.returnExpiryDays * 86_400_000).toISOString();
  const view: ReturnView = {
    returnId: args.returnId,
    workflowId: `order-return/${args.returnId}`,
    orderId: order.orderId,
    orderNumber: order.orderNumber,
    returnNumber,
    customerId: order.customerId,
    legalEntityId: order.legalEntityId,
    currency: input.currency,
    returnLocationId,
    status: 'authorised',
    lines: lines.map((l) => ({ ...l, received: '0', credited: '0', restocked: '0' })),
    creditMemos: [],
    creditTotal: '0.00',
    authorisedBy: args.by,
    authorisedAt,
    expiresAt,
    timeline: [
      { at: authorisedAt, step: 'authorised', message: `return ${returnNumber} authorised by ${args.by}` },
    ],
    version: 0,
    updatedAt: authorisedAt,
  };
  return { input, view };
}
