/** Portal ASN → canonical AdvanceShipNotice (inbound): shipment → order → carton (SSCC-18) → item. */
import type {
  AdvanceShipNotice,
  AdvanceShipNoticeItem,
  AdvanceShipNoticeOrder,
  AdvanceShipNoticePack,
  Carrier,
} from '../../../canonical-model/generated/index';
import { gs1KeyProblem } from '../../../canonical-model/gtin';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import { SYSTEM } from '../transport';
import type { MapContext } from './context';
import {
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
import { partyFromPortal } from './party';

const PURPOSES: Record<string, AdvanceShipNotice['purpose']> = {
  original: 'original',
  replace: 'replace',
  cancel: 'cancel',
};
const MODES = new Set([
  'parcel',
  'ltl',
  'ftl',
  'ocean',
  'air',
  'rail',
  'courier',
  'customer-pickup',
  'other',
]);
const WEIGHT_UNITS: Record<string, 'KG' | 'G' | 'LB' | 'OZ'> = { kg: 'KG', g: 'G', lb: 'LB', oz: 'OZ' };

function sscc(value: unknown, path: string, p: MappingProblems): string {
  // Labels often carry the GS1-128 application identifier "00" in front: 20 digits.
  const raw = typeof value === 'string' ? value.replace(/^\(00\)/, '').trim() : '';
  const digits = raw.length === 20 && raw.startsWith('00') ? raw.slice(2) : raw;
  const problem = gs1KeyProblem('sscc', digits);
  if (problem) p.add(path, `${JSON.stringify(value) ?? 'nothing'}: ${problem}`);
  return digits;
}

function weight(value: unknown, path: string, p: MappingProblems) {
  if (value === undefined) return undefined;
  const w = record(value);
  const uom = WEIGHT_UNITS[String(w.unit).toLowerCase()];
  if (!uom) p.add(`${path}/unit`, `${JSON.stringify(w.unit) ?? 'nothing'} is not a weight unit`);
  return { value: p.decimal(w.value, `${path}/value`, { nonNegative: true }), uom: uom ?? 'KG' };
}

function mapItem(value: unknown, path: string, p: MappingProblems): AdvanceShipNoticeItem {
  const i = record(value);
  const uom = portalUnit(i.unit, `${path}/unit`, p);
  const item: AdvanceShipNoticeItem = {
    lineNumber: lineNumber(i.line_number, `${path}/line_number`, p),
    item: itemOf(i, path, p),
    quantity: { value: p.decimal(i.quantity, `${path}/quantity`, { nonNegative: true }), uom },
  };
  if (i.ordered_quantity !== undefined) {
    item.quantityOrdered = {
      value: p.decimal(i.ordered_quantity, `${path}/ordered_quantity`, { nonNegative: true }),
      uom,
    };
  }
  const lotNumber = optionalText(i.lot_number);
  if (lotNumber) {
    item.lot = {
      lotNumber,
      ...(i.expiry_date !== undefined
        ? { expirationDate: p.date(i.expiry_date, `${path}/expiry_date`) }
        : {}),
    };
  }
  return item;
}

function mapPack(value: unknown, path: string, p: MappingProblems): AdvanceShipNoticePack {
  const c = record(value);
  const w = weight(c.weight, `${path}/weight`, p);
  const tracking = optionalText(c.tracking_number);
  return {
    sscc: sscc(c.sscc, `${path}/sscc`, p),
    packagingType: 'carton',
    ...(tracking ? { trackingNumber: tracking } : {}),
    ...(w ? { weight: w } : {}),
    items: list(c.items, `${path}/items`, p).map((item, k) => mapItem(item, `${path}/items/${k}`, p)),
  };
}

function mapOrder(
  value: unknown,
  path: string,
  context: MapContext,
  p: MappingProblems,
): AdvanceShipNoticeOrder {
  const o = record(value);
  return {
    poNumber: p.text(o.po_number, `${path}/po_number`),
    purchaseOrderId: purchaseOrderIdOf(o, context),
    ...(o.order_date !== undefined ? { purchaseOrderDate: p.date(o.order_date, `${path}/order_date`) } : {}),
    packs: list(o.cartons, `${path}/cartons`, p).map((c, j) => mapPack(c, `${path}/cartons/${j}`, p)),
  };
}

function carrierOf(value: unknown): Carrier | undefined {
  const c = record(value);
  const scac = optionalText(c.scac)?.toUpperCase();
  const name = optionalText(c.name);
  const service = optionalText(c.service);
  const mode = optionalText(c.mode);
  const carrier: Carrier = {
    ...(scac && /^[A-Z]{2,4}$/.test(scac) ? { scac } : {}),
    ...(name ? { name } : {}),
    ...(service ? { service } : {}),
    ...(mode && MODES.has(mode) ? { mode: mode as Carrier['mode'] } : {}),
  };
  return Object.keys(carrier).length ? carrier : undefined;
}

/** Maps one portal ASN; a payload that does not map throws a `data` HubError naming the portal field. */
export function asnToCanonical(payload: unknown, context: MapContext): AdvanceShipNotice {
  const a = record(payload);
  const p = new MappingProblems(SYSTEM);
  const id = p.text(a.id, '/id');
  const purpose = PURPOSES[typeof a.purpose === 'string' ? a.purpose : 'original'];
  if (!purpose) p.add('/purpose', `${JSON.stringify(a.purpose)} is not original, replace or cancel`);
  const shippedAt = instant(a.shipped_at, '/shipped_at', p);
  const updatedAt = instant(a.updated_at, '/updated_at', p);
  const carrier = carrierOf(a.carrier);
  const grossWeight = weight(a.gross_weight, '/gross_weight', p);
  const optional = {
    tracking: optionalText(a.tracking_number),
    bol: optionalText(a.bill_of_lading),
  };
  const asn: AdvanceShipNotice = {
    schemaVersion: '1',
    documentType: 'advance-ship-notice',
    id: provisionalId(context.connectorId, 'advance-ship-notice', id || '?'),
    legalEntityId: context.legalEntityId,
    source: sourceOf(context, id || '?', a.updated_at),
    ...(updatedAt ? { updatedAt } : {}),
    asnNumber: p.text(a.asn_number, '/asn_number'),
    direction: 'inbound',
    purpose: purpose ?? 'original',
    supplierId: supplierIdOf(p.text(a.supplier_id, '/supplier_id'), context),
    shipDate: p.date(a.ship_date ?? a.shipped_at, '/ship_date'),
    ...(shippedAt ? { shippedAt } : {}),
    ...(a.estimated_delivery_date !== undefined
      ? { estimatedDeliveryDate: p.date(a.estimated_delivery_date, '/estimated_delivery_date') }
      : {}),
    shipFrom: partyFromPortal(a.ship_from, '/ship_from', p),
    shipTo: partyFromPortal(a.ship_to, '/ship_to', p),
    ...(carrier ? { carrier } : {}),
    ...(optional.tracking ? { trackingNumber: optional.tracking } : {}),
    ...(optional.bol ? { billOfLading: optional.bol } : {}),
    ...(grossWeight ? { grossWeight } : {}),
    ...(Number.isInteger(a.package_count) ? { packageCount: a.package_count as number } : {}),
    orders: list(a.orders, '/orders', p).map((o, i) => mapOrder(o, `/orders/${i}`, context, p)),
  };
  p.throwIfAny(`ASN ${id || '(no id)'}`);
  return asn;
}
