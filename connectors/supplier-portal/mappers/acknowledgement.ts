/** Portal acknowledgement → canonical PurchaseOrderAck (X12 855 semantics: per line accept, reject or change). */
import type {
  PurchaseOrderAck,
  PurchaseOrderAckLine,
  PurchaseOrderAckLineChanges,
} from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { SYSTEM } from '../transport';
import type { MapContext } from './context';
import {
  currency,
  instant,
  itemOf,
  lineNumber,
  list,
  optionalText,
  portalUnit,
  purchaseOrderIdOf,
  record,
  sourceOf,
  supplierIdOf,
} from './context';

const HEADER_STATUS: Record<string, PurchaseOrderAck['status']> = {
  accepted: 'accepted',
  accepted_with_changes: 'accepted-with-changes',
  rejected: 'rejected',
};
const LINE_STATUS: Record<string, PurchaseOrderAckLine['status']> = {
  accepted: 'accepted',
  rejected: 'rejected',
  changed: 'changed',
  backordered: 'backordered',
};

function mapLine(value: unknown, path: string, cur: string, p: MappingProblems): PurchaseOrderAckLine {
  const l = record(value);
  const uom = portalUnit(l.unit, `${path}/unit`, p);
  const status = LINE_STATUS[String(l.status)];
  if (!status)
    p.add(`${path}/status`, `${JSON.stringify(l.status) ?? 'nothing'} is not a line status the hub knows`);
  const ordered = p.decimal(l.ordered_quantity, `${path}/ordered_quantity`, { nonNegative: true });
  const orderedPrice = p.decimal(l.ordered_unit_price, `${path}/ordered_unit_price`);
  const line: PurchaseOrderAckLine = {
    lineNumber: lineNumber(l.line_number, `${path}/line_number`, p),
    item: itemOf(l, path, p),
    status: status ?? 'accepted',
    quantityOrdered: { value: ordered, uom },
    unitPriceOrdered: { amount: orderedPrice, currency: cur },
  };
  if (status !== 'rejected') {
    const accepted = p.decimal(l.accepted_quantity, `${path}/accepted_quantity`, { nonNegative: true });
    line.quantityAccepted = { value: accepted, uom };
  }
  if (status === 'changed') {
    const kinds = Array.isArray(l.changes) ? l.changes.map(String) : [];
    const changes: PurchaseOrderAckLineChanges = {};
    if (kinds.includes('quantity')) changes.quantity = line.quantityAccepted ?? { value: ordered, uom };
    if (kinds.includes('price')) {
      changes.unitPrice = { amount: p.decimal(l.unit_price, `${path}/unit_price`), currency: cur };
    }
    if (kinds.includes('date')) changes.deliveryDate = p.date(l.promised_date, `${path}/promised_date`);
    if (!Object.keys(changes).length) p.add(`${path}/changes`, 'names no quantity, price or date change');
    line.changes = changes;
  } else if (l.unit_price !== undefined) {
    p.decimal(l.unit_price, `${path}/unit_price`);
  }
  const reason = optionalText(l.reason);
  if (reason) line.reason = reason;
  return line;
}

/** Maps one portal acknowledgement; a payload that does not map throws a `data` HubError naming the portal field. */
export function acknowledgementToCanonical(payload: unknown, context: MapContext): PurchaseOrderAck {
  const a = record(payload);
  const p = new MappingProblems(SYSTEM);
  const id = p.text(a.id, '/id');
  const status = HEADER_STATUS[String(a.status)];
  if (!status) p.add('/status', `${JSON.stringify(a.status) ?? 'nothing'} is not an acknowledgement status`);
  const cur = currency(a.currency, '/currency', p);
  const acknowledgedAt = instant(a.acknowledged_at, '/acknowledged_at', p);
  const ackNumber = optionalText(a.ack_number);
  const updatedAt = instant(a.updated_at, '/updated_at', p);
  const lines = list(a.lines, '/lines', p).map((l, i) => mapLine(l, `/lines/${i}`, cur, p));
  const ack: PurchaseOrderAck = {
    schemaVersion: '1',
    documentType: 'purchase-order-ack',
    id: provisionalId(context.connectorId, 'purchase-order-ack', id || '?'),
    legalEntityId: context.legalEntityId,
    source: sourceOf(context, id || '?', a.updated_at),
    ...(updatedAt ? { updatedAt } : {}),
    purchaseOrderId: purchaseOrderIdOf(a, context),
    poNumber: p.text(a.po_number, '/po_number'),
    supplierId: supplierIdOf(p.text(a.supplier_id, '/supplier_id'), context),
    ...(ackNumber ? { ackNumber } : {}),
    status: status ?? 'accepted',
    ackDate: p.date(a.acknowledged_at, '/acknowledged_at'),
    ...(acknowledgedAt ? { acknowledgedAt } : {}),
    currency: cur,
    lines,
  };
  p.throwIfAny(`acknowledgement ${id || '(no id)'}`);
  return ack;
}
