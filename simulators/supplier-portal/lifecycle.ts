/**
 * What the simulated supplier does with a purchase order: acknowledge each line (accept, reject, or change
 * quantity, price or date — by the SKU lists in the settings, else by the seeded change rate), ship the accepted
 * quantities in SSCC-labelled cartons with lots, and invoice the shipped quantities at the acknowledged prices.
 * Each step is stored and pushed as a signed webhook.
 */
import { seededRandom } from '../kit/faults';
import type { Simulator } from '../kit/simulator';
import {
  addDecimal as add,
  multiplyDecimal as multiply,
  toPlaces as round,
} from '../../connectors/sdk/decimal';
import { isWhole, placesOf } from './decimal';
import { isoDate, portalId, sscc } from './ids';
import type {
  PortalAckLine,
  PortalAcknowledgement,
  PortalAsn,
  PortalAsnItem,
  PortalCarton,
  PortalEvent,
  PortalInvoice,
  PortalPoLine,
  PortalPurchaseOrder,
} from './records';
import type { PortalSupplier } from './seed';
import type { SupplierPortalSimSettings } from './settings';

type PortalSim = Simulator<SupplierPortalSimSettings>;
type Decision = 'accept' | 'reject' | 'quantity' | 'price' | 'date';

const now = () => new Date().toISOString();

/** Pushes one portal event as a webhook; the delivery id is repeated on retries and duplicates. */
function emit<T>(sim: PortalSim, type: PortalEvent<T>['type'], object: T): void {
  const event: PortalEvent<T> = {
    id: portalId('evt'),
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  };
  sim.webhooks.send(type, portalId('whd'), event);
}

/** Starts the supplier's work on a newly received purchase order. */
export function processPurchaseOrder(sim: PortalSim, poId: string): void {
  sim.schedule(sim.settings.ackDelayMs, () => acknowledge(sim, poId));
}

function decide(line: PortalPoLine, s: SupplierPortalSimSettings, random: () => number): Decision {
  const listed = (list: string[]) => list.some((v) => v === line.sku || v === line.vendor_part);
  if (listed(s.rejectSkus)) return 'reject';
  if (listed(s.changeQuantitySkus)) return 'quantity';
  if (listed(s.changePriceSkus)) return 'price';
  if (listed(s.delayDateSkus)) return 'date';
  if (s.changeRate > 0 && random() < s.changeRate) {
    return (['reject', 'quantity', 'price', 'date'] as const)[Math.floor(random() * 4)] ?? 'accept';
  }
  return 'accept';
}

function lessQuantity(ordered: string, ratio: number): string | undefined {
  if (!isWhole(ordered)) return round(multiply(ordered, String(ratio)), placesOf(ordered));
  const n = Number(ordered.split('.')[0]);
  if (n < 2) return undefined;
  return String(Math.min(n - 1, Math.max(1, Math.floor(n * ratio))));
}

function answerLine(
  po: PortalPurchaseOrder,
  line: PortalPoLine,
  decision: Decision,
  s: SupplierPortalSimSettings,
): PortalAckLine {
  const requested =
    line.requested_date ?? po.requested_delivery_date ?? isoDate(s.leadTimeDays, po.order_date);
  const base: PortalAckLine = {
    line_number: line.line_number,
    ...(line.sku ? { sku: line.sku } : {}),
    ...(line.vendor_part ? { vendor_part: line.vendor_part } : {}),
    ...(line.description ? { description: line.description } : {}),
    status: 'accepted',
    changes: [],
    ordered_quantity: line.quantity,
    accepted_quantity: line.quantity,
    unit: line.unit,
    ordered_unit_price: line.unit_price,
    unit_price: line.unit_price,
    requested_date: requested,
    promised_date: requested,
  };
  switch (decision) {
    case 'reject':
      return {
        ...base,
        status: 'rejected',
        accepted_quantity: '0',
        promised_date: null,
        reason: 'Item discontinued',
      };
    case 'quantity': {
      const less = lessQuantity(line.quantity, s.changeQuantityRatio);
      if (less === undefined) return base;
      const reason = `Allocation: ${less} ${line.unit} now, balance not available`;
      return { ...base, status: 'changed', changes: ['quantity'], accepted_quantity: less, reason };
    }
    case 'price': {
      const factor = add('1', String(s.priceChangePercent / 100));
      const price = round(multiply(line.unit_price, factor), Math.max(2, placesOf(line.unit_price)));
      return {
        ...base,
        status: 'changed',
        changes: ['price'],
        unit_price: price,
        reason: 'Price list update',
      };
    }
    case 'date': {
      const promised = isoDate(s.dateDelayDays, requested);
      return {
        ...base,
        status: 'changed',
        changes: ['date'],
        promised_date: promised,
        reason: 'Production backlog',
      };
    }
    default:
      return base;
  }
}

function acknowledge(sim: PortalSim, poId: string): void {
  const pos = sim.store.collection<PortalPurchaseOrder>('purchase-orders');
  const po = pos.get(poId);
  if (!po || po.status !== 'submitted') return;
  const s = sim.settings;
  const random = seededRandom(s.seed * 100_003 + po.sequence);
  const lines = po.lines.map((line) => answerLine(po, line, decide(line, s, random), s));
  const allRejected = lines.every((l) => l.status === 'rejected');
  const anyChange = lines.some((l) => l.status !== 'accepted');
  const at = now();
  const ack: PortalAcknowledgement = {
    id: portalId('ack'),
    object: 'acknowledgement',
    ack_number: `SO-${40_000 + sim.store.next('ack-number')}`,
    purchase_order_id: po.id,
    po_number: po.po_number,
    ...(po.buyer_reference ? { buyer_reference: po.buyer_reference } : {}),
    supplier_id: po.supplier_id,
    status: allRejected ? 'rejected' : anyChange ? 'accepted_with_changes' : 'accepted',
    acknowledged_at: at,
    currency: po.currency,
    lines,
    created_at: at,
    updated_at: at,
  };
  sim.store.collection<PortalAcknowledgement>('acknowledgements').put(ack.id, ack);
  pos.put(po.id, { ...po, status: allRejected ? 'rejected' : 'acknowledged', updated_at: at });
  emit(sim, 'acknowledgement.created', ack);
  if (!allRejected) sim.schedule(s.shipDelayMs, () => ship(sim, ack.id));
}

function cartonsFor(sim: PortalSim, line: PortalAckLine, lot: string): PortalCarton[] {
  const s = sim.settings;
  const item = (quantity: string): PortalAsnItem => ({
    line_number: line.line_number,
    ...(line.sku ? { sku: line.sku } : {}),
    ...(line.vendor_part ? { vendor_part: line.vendor_part } : {}),
    quantity,
    ordered_quantity: line.ordered_quantity,
    unit: line.unit,
    lot_number: lot,
    expiry_date: isoDate(730),
  });
  const quantities: string[] = [];
  const total = Number(line.accepted_quantity);
  if (isWhole(line.accepted_quantity) && s.cartonSize > 0 && total > s.cartonSize) {
    const full = Math.min(Math.floor(total / s.cartonSize), 49);
    for (let i = 0; i < full; i += 1) quantities.push(String(s.cartonSize));
    if (total - full * s.cartonSize > 0) quantities.push(String(total - full * s.cartonSize));
  } else {
    quantities.push(line.accepted_quantity);
  }
  return quantities.map((q) => ({
    sscc: sscc(s.gs1CompanyPrefix, sim.store.next('sscc-serial')),
    weight: { value: '1.5', unit: 'kg' },
    items: [item(q)],
  }));
}

function ship(sim: PortalSim, ackId: string): void {
  const ack = sim.store.collection<PortalAcknowledgement>('acknowledgements').get(ackId);
  const pos = sim.store.collection<PortalPurchaseOrder>('purchase-orders');
  const po = ack && pos.get(ack.purchase_order_id);
  const supplier = po && sim.store.collection<PortalSupplier>('suppliers').get(po.supplier_id);
  if (!ack || !po || !supplier) return;
  const n = sim.store.next('asn-number');
  const lot = `L${isoDate().replaceAll('-', '')}-${n}`;
  const cartons = ack.lines.filter((l) => l.status !== 'rejected').flatMap((l) => cartonsFor(sim, l, lot));
  const at = now();
  const asn: PortalAsn = {
    id: portalId('asn'),
    object: 'asn',
    asn_number: `ASN-${100_000 + n}`,
    purpose: 'original',
    supplier_id: po.supplier_id,
    ship_date: isoDate(),
    shipped_at: at,
    estimated_delivery_date: isoDate(3),
    ship_from: supplier.ship_from,
    ship_to: po.ship_to,
    carrier: { scac: 'UPSN', name: 'UPS Freight', service: 'GROUND', mode: 'ltl' },
    tracking_number: `1Z999AA1${String(n).padStart(10, '0')}`,
    bill_of_lading: `BOL-${700_000 + n}`,
    gross_weight: { value: round(multiply(String(cartons.length), '1.5'), 1), unit: 'kg' },
    package_count: cartons.length,
    orders: [
      {
        purchase_order_id: po.id,
        po_number: po.po_number,
        ...(po.buyer_reference ? { buyer_reference: po.buyer_reference } : {}),
        order_date: po.order_date,
        cartons,
      },
    ],
    created_at: at,
    updated_at: at,
  };
  sim.store.collection<PortalAsn>('asns').put(asn.id, asn);
  pos.put(po.id, { ...po, status: 'shipped', updated_at: at });
  emit(sim, 'asn.created', asn);
  sim.schedule(sim.settings.invoiceDelayMs, () => invoice(sim, asn.id, ack));
}

function invoice(sim: PortalSim, asnId: string, ack: PortalAcknowledgement): void {
  const asn = sim.store.collection<PortalAsn>('asns').get(asnId);
  const pos = sim.store.collection<PortalPurchaseOrder>('purchase-orders');
  const po = pos.get(ack.purchase_order_id);
  const supplier = po && sim.store.collection<PortalSupplier>('suppliers').get(po.supplier_id);
  if (!asn || !po || !supplier) return;
  const shipped = new Map<number, string>();
  for (const order of asn.orders) {
    for (const carton of order.cartons) {
      for (const item of carton.items) {
        shipped.set(item.line_number, add(shipped.get(item.line_number) ?? '0', item.quantity));
      }
    }
  }
  const lines = ack.lines
    .filter((l) => shipped.has(l.line_number))
    .map((l, i) => {
      const quantity = shipped.get(l.line_number) ?? '0';
      return {
        line_number: i + 1,
        po_line_number: l.line_number,
        ...(l.sku ? { sku: l.sku } : {}),
        ...(l.vendor_part ? { vendor_part: l.vendor_part } : {}),
        description: l.description ?? l.sku ?? l.vendor_part ?? `Line ${l.line_number}`,
        quantity,
        unit: l.unit,
        unit_price: l.unit_price,
        amount: round(multiply(quantity, l.unit_price), 2),
      };
    });
  const subtotal = lines.reduce((sum, l) => add(sum, l.amount), '0.00');
  const at = now();
  const days = sim.settings.paymentTermsDays;
  const record: PortalInvoice = {
    id: portalId('inv'),
    object: 'invoice',
    invoice_number: `SINV-${isoDate().slice(0, 4)}-${String(sim.store.next('invoice-number')).padStart(6, '0')}`,
    status: 'open',
    supplier_id: po.supplier_id,
    purchase_order_id: po.id,
    po_number: po.po_number,
    ...(po.buyer_reference ? { buyer_reference: po.buyer_reference } : {}),
    asn_id: asn.id,
    invoice_date: isoDate(),
    due_date: isoDate(days),
    ship_date: asn.ship_date,
    currency: po.currency,
    payment_terms: { code: `NET${days}`, net_days: days },
    remit_to: supplier.remit_to,
    lines,
    subtotal,
    tax_total: '0.00',
    total: subtotal,
    created_at: at,
    updated_at: at,
  };
  sim.store.collection<PortalInvoice>('invoices').put(record.id, record);
  pos.put(po.id, { ...po, status: 'invoiced', updated_at: at });
  emit(sim, 'invoice.created', record);
}
