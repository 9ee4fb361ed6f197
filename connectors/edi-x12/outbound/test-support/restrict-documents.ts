/**
 * TEST SUPPORT ONLY. Each outbound set carries part of its canonical document (README.md says which part); these
 * functions keep exactly that part, in the form the set carries it — R decimals without trailing zeros, N2
 * amounts with two decimals, identifiers in the partner's preference order, the N1 name as the addressee. The
 * round trip applies the same function to the original and to what was read back, so "identical" means
 * identical over what the set carries.
 */
import type {
  AdvanceShipNotice,
  AdvanceShipNoticeItem,
  Invoice,
  PurchaseOrder,
  PurchaseOrderAck,
  WarehouseShippingOrder,
} from '../../../../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../../sdk/decimal';
import { carrier, charge, clean, item, n2, party, r, tax, terms } from './restrict-parts';
import type { Json } from './restrict-parts';

/** What an 850 carries of a PurchaseOrder. */
export function restrict850(po: PurchaseOrder, preference: readonly string[]): Json {
  return clean({
    poNumber: po.poNumber,
    releaseNumber: po.releaseNumber,
    type: po.type,
    status: po.status === 'cancelled' ? 'cancelled' : 'issued',
    orderDate: po.orderDate,
    requestedShipDate: po.requestedShipDate,
    requestedDeliveryDate: po.requestedDeliveryDate,
    cancelAfter: po.cancelAfter,
    currency: po.currency,
    shipTo: party(po.shipTo),
    billTo: party(po.billTo),
    carrier: carrier(po.carrier),
    freightTerms: po.freightTerms,
    paymentTerms: terms(po.paymentTerms),
    charges: po.charges?.length ? po.charges.map(charge) : undefined,
    lines: po.lines.map((line) => ({
      lineNumber: line.lineNumber,
      item: item(line.item, preference),
      quantity: { value: r(line.quantity.value), uom: line.quantity.uom },
      unitPrice: { amount: r(line.unitPrice.amount), currency: line.unitPrice.currency },
      requestedDeliveryDate: line.requestedDeliveryDate,
    })),
  });
}

/** What a 940 carries of a WarehouseShippingOrder. */
export function restrict940(order: WarehouseShippingOrder, preference: readonly string[]): Json {
  return clean({
    orderNumber: order.orderNumber,
    customerPoNumber: order.customerPoNumber,
    purpose: order.purpose,
    warehouseLocationId: order.warehouseLocationId,
    depositor: party(order.depositor),
    shipTo: party(order.shipTo),
    shipFrom: party(order.shipFrom),
    requestedShipDate: order.requestedShipDate,
    requestedDeliveryDate: order.requestedDeliveryDate,
    carrier: carrier(order.carrier, false),
    freightTerms: order.freightTerms,
    notes: order.notes?.length ? order.notes.map((n) => ({ type: 'shipping', text: n.text })) : undefined,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      salesOrderLineNumber: line.salesOrderLineNumber,
      item: item(line.item, preference),
      quantity: { value: r(line.quantity.value), uom: line.quantity.uom },
      lot: line.lot && { lotNumber: line.lot.lotNumber, expirationDate: line.lot.expirationDate },
    })),
    totals: order.totals && {
      quantity: order.totals.quantity && {
        value: r(order.totals.quantity.value),
        uom: order.totals.quantity.uom,
      },
      weight: order.totals.weight && { value: r(order.totals.weight.value), uom: order.totals.weight.uom },
    },
  });
}

/** What an 855 carries of an outbound PurchaseOrderAck. */
export function restrict855(ack: PurchaseOrderAck, preference: readonly string[]): Json {
  const currency =
    ack.currency ?? ack.lines.find((l) => l.unitPriceOrdered)?.unitPriceOrdered?.currency ?? 'USD';
  const changedShip = ack.lines.find((l) => l.status === 'changed' && l.changes?.shipDate)?.changes?.shipDate;
  return clean({
    direction: 'outbound',
    poNumber: ack.poNumber,
    ackNumber: ack.ackNumber,
    status: ack.status,
    ackDate: ack.ackDate,
    estimatedShipDate: ack.estimatedShipDate ?? changedShip,
    estimatedDeliveryDate: ack.estimatedDeliveryDate,
    currency,
    lines: ack.lines.map((line) => {
      const changes = line.status === 'changed' ? line.changes : undefined;
      const sent = changes?.quantity ?? line.quantityAccepted;
      const accepted =
        sent && line.status !== 'backordered' ? { value: r(sent.value), uom: sent.uom } : undefined;
      const ordered = { value: r(line.quantityOrdered.value), uom: line.quantityOrdered.uom };
      const quantityChanged = accepted && (accepted.value !== ordered.value || accepted.uom !== ordered.uom);
      const outChanges = changes && {
        quantity: quantityChanged ? accepted : undefined,
        shipDate: changes.shipDate,
        deliveryDate: changes.shipDate ? undefined : changes.deliveryDate,
        item: changes.item && item(changes.item, preference, false),
      };
      return {
        lineNumber: line.lineNumber,
        item: item(line.item, preference),
        status: line.status,
        quantityOrdered: ordered,
        quantityAccepted: accepted,
        unitPriceOrdered: line.unitPriceOrdered && { amount: r(line.unitPriceOrdered.amount), currency },
        changes:
          outChanges && Object.values(outChanges).some((v) => v !== undefined) ? outChanges : undefined,
      };
    }),
  });
}

/** What an 856 carries of an outbound AdvanceShipNotice (`shippedAt` compared as an instant, to the minute). */
export function restrict856(
  asn: AdvanceShipNotice,
  preference: readonly string[],
  shippedAtCarried: boolean,
): Json {
  // Packed and loose items carry the same fields (their attributes are not sent).
  const asnItem = (entry: AdvanceShipNoticeItem) => ({
    lineNumber: entry.lineNumber,
    item: item(entry.item, preference),
    quantity: { value: r(entry.quantity.value), uom: entry.quantity.uom },
    quantityOrdered: entry.quantityOrdered && {
      value: r(entry.quantityOrdered.value),
      uom: entry.quantityOrdered.uom,
    },
    lot: entry.lot && { lotNumber: entry.lot.lotNumber, expirationDate: entry.lot.expirationDate },
    serialNumbers: entry.serialNumbers?.length ? entry.serialNumbers : undefined,
  });
  const minute = (at: string) => new Date(at).toISOString().slice(0, 16);
  return clean({
    asnNumber: asn.asnNumber,
    direction: asn.direction,
    purpose: asn.purpose,
    shipDate: asn.shipDate,
    shippedAt: shippedAtCarried && asn.shippedAt ? minute(asn.shippedAt) : undefined,
    estimatedDeliveryDate: asn.estimatedDeliveryDate,
    shipFrom: party(asn.shipFrom),
    shipTo: party(asn.shipTo),
    carrier: carrier(asn.carrier),
    trackingNumber: asn.trackingNumber,
    billOfLading: asn.billOfLading,
    proNumber: asn.proNumber,
    trailerNumber: asn.trailerNumber,
    sealNumber: asn.sealNumber,
    freightTerms: asn.freightTerms,
    grossWeight: asn.grossWeight && { value: r(asn.grossWeight.value), uom: asn.grossWeight.uom },
    packageCount: asn.packageCount,
    orders: asn.orders.map((order) => ({
      poNumber: order.poNumber,
      purchaseOrderDate: order.purchaseOrderDate,
      invoiceNumber: order.invoiceNumber,
      packs: order.packs?.map((pack) => {
        const pallet = pack.packagingType === 'pallet';
        return {
          sscc: pack.sscc,
          parentSscc: pallet ? undefined : pack.parentSscc,
          packagingType: pallet ? 'pallet' : 'carton',
          trackingNumber: pack.trackingNumber,
          weight: pack.weight && { value: r(pack.weight.value), uom: pack.weight.uom },
          items: pack.items.map(asnItem),
        };
      }),
      items: order.items?.map(asnItem),
    })),
  });
}

/** What an 810 carries of an AR Invoice; the reader recomputes subtotal and charge/tax totals, TDS is the total. */
export function restrict810(invoice: Invoice, preference: readonly string[]): Json {
  const cur = invoice.currency;
  const dueDate = invoice.paymentTerms?.dueDate ?? invoice.dueDate;
  const termsOut =
    invoice.paymentTerms || dueDate
      ? terms({ ...invoice.paymentTerms, ...(dueDate ? { dueDate } : {}) })
      : undefined;
  const charges = invoice.charges ?? [];
  const t = invoice.totals;
  const money = (m: { amount: string } | undefined) =>
    m && compareDecimal(m.amount, '0') ? { amount: n2(m.amount), currency: cur } : undefined;
  return clean({
    invoiceNumber: invoice.invoiceNumber,
    direction: invoice.direction,
    type: invoice.type,
    invoiceDate: invoice.invoiceDate,
    dueDate,
    shipDate: invoice.shipDate,
    currency: cur,
    poNumber: invoice.poNumber,
    billTo: party(invoice.billTo),
    shipTo: party(invoice.shipTo),
    remitTo: party(invoice.remitTo),
    paymentTerms: termsOut,
    lines: invoice.lines.map((line, i) => ({
      lineNumber: i + 1,
      orderLineNumber: line.orderLineNumber,
      // The PID carries the line description, which the reader also gives the item.
      item: line.item && { ...item(line.item, preference, false), description: line.description },
      description: line.description,
      quantity: { value: r(line.quantity.value), uom: line.quantity.uom },
      unitPrice: { amount: r(line.unitPrice.amount), currency: cur },
      discount: line.discount && { amount: n2(line.discount.amount), currency: cur },
      amount: { amount: n2(line.amount.amount), currency: cur },
      taxes: line.taxes?.length ? line.taxes.map((t) => tax(t, cur)) : undefined,
    })),
    charges: charges.length ? charges.map(charge) : undefined,
    taxes: invoice.taxes?.length ? invoice.taxes.map((t) => tax(t, cur)) : undefined,
    totals: {
      subtotal: { amount: n2(t.subtotal.amount), currency: cur },
      chargeTotal: money(t.chargeTotal),
      allowanceTotal: money(t.allowanceTotal),
      taxTotal: { amount: n2(t.taxTotal.amount), currency: cur },
      total: { amount: n2(t.total.amount), currency: cur },
    },
  });
}

/** total = subtotal + charges − allowances + tax, to the cent (fixtures must satisfy it to round-trip). */
export function invoiceBalances(invoice: Invoice): boolean {
  const t = invoice.totals;
  const expected = addDecimal(
    subtractDecimal(
      addDecimal(t.subtotal.amount, t.chargeTotal?.amount ?? '0'),
      t.allowanceTotal?.amount ?? '0',
    ),
    t.taxTotal.amount,
  );
  return compareDecimal(expected, t.total.amount) === 0;
}
