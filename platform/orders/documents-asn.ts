/**
 * Our advance ship notice (sent as an X12 856) for one confirmed shipment of a customer's order: the shipment's
 * SSCC-labelled packages become packs, whatever is in no labelled package ships loose. Pure: ids come in as
 * arguments.
 */
import type {
  AdvanceShipNotice,
  AdvanceShipNoticeItem,
  AdvanceShipNoticePack,
  Party,
  SalesOrder,
  Shipment,
  ShipmentLine,
  ShipmentPackage,
  Weight,
} from '../../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../connectors/sdk/decimal';
import {
  assertShipmentOfOrder,
  businessDateOf,
  customerPoNumberOf,
  dataError,
  hubSource,
  orderLinesByNumber,
} from './documents-shared';

const WHAT = 'the shipment cannot be notified';

/** What `buildShipmentAsn` needs besides the order and the shipment. */
export interface ShipmentAsnArgs {
  order: SalesOrder;
  shipment: Shipment;
  asnId: string;
  /** ISO instant, written as `updatedAt` (and the ship date when the shipment has no `shippedAt`). */
  now: string;
  connectorId: string;
  /** Our shipping location as the customer knows it: the 856 needs a name, code or GLN (N1 SF). */
  shipFrom: Party;
  /** The invoice of this shipment, when it is already numbered (856 REF IV). */
  invoiceNumber?: string;
  /** IANA zone the ship date is read in (e.g. the customer's); absent, the date `shippedAt` was written with. */
  timeZone?: string;
}

const positive = (value: string) => compareDecimal(value, '0') > 0;

/** The ASN item of `quantity` of a shipment line, described as the customer ordered it. */
type ItemOf = (line: ShipmentLine, quantity: string, withSerials: boolean) => AdvanceShipNoticeItem;

function itemMaker(order: SalesOrder, shipment: Shipment): ItemOf {
  const byNumber = orderLinesByNumber(order);
  shipment.lines.forEach((line, i) => {
    if (!byNumber.has(line.salesOrderLineNumber)) {
      dataError(
        `/lines/${i}/salesOrderLineNumber`,
        `is ${line.salesOrderLineNumber}, which is not a line of order ${order.orderNumber}`,
        WHAT,
      );
    }
  });
  return (line, quantity, withSerials) => {
    const ordered = byNumber.get(line.salesOrderLineNumber)!;
    return {
      lineNumber: ordered.lineNumber,
      item: structuredClone(ordered.item),
      quantity: { value: quantity, uom: line.quantityShipped.uom },
      quantityOrdered: { ...ordered.quantity },
      ...(line.lot ? { lot: { ...line.lot } } : {}),
      ...(withSerials && line.serialNumbers?.length ? { serialNumbers: [...line.serialNumbers] } : {}),
    };
  };
}

/** A labelled package and the shipment lines (with quantities) it holds. */
interface PackDraft {
  pkg: ShipmentPackage;
  held: { line: ShipmentLine; quantity: string }[];
}

/** Packs from the SSCC-labelled packages, and what of each shipment line is left for loose items. */
function packsAndRest(shipment: Shipment, itemOf: ItemOf) {
  const lines = new Map(shipment.lines.map((line) => [line.lineNumber, line]));
  const rest = new Map(shipment.lines.map((line) => [line.lineNumber, line.quantityShipped.value]));
  const places = new Map<number, number>();
  const drafts: PackDraft[] = [];
  (shipment.packages ?? []).forEach((pkg, p) => {
    if (!pkg.sscc) return;
    const draft: PackDraft = { pkg, held: [] };
    (pkg.contents ?? []).forEach((content, c) => {
      if (!positive(content.quantity.value)) return;
      const path = `/packages/${p}/contents/${c}`;
      const line = lines.get(content.lineNumber);
      if (!line) dataError(`${path}/lineNumber`, `${content.lineNumber} is not a shipment line`, WHAT);
      const shipped = line.quantityShipped;
      if (content.quantity.uom !== shipped.uom) {
        dataError(
          `${path}/quantity/uom`,
          `is ${content.quantity.uom} but the line shipped ${shipped.uom}`,
          WHAT,
        );
      }
      const left = subtractDecimal(rest.get(line.lineNumber)!, content.quantity.value);
      if (compareDecimal(left, '0') < 0) {
        dataError(
          `${path}/quantity`,
          `packs more of line ${line.lineNumber} than the ${shipped.value} shipped`,
          WHAT,
        );
      }
      rest.set(line.lineNumber, left);
      places.set(line.lineNumber, (places.get(line.lineNumber) ?? 0) + 1);
      draft.held.push({ line, quantity: content.quantity.value });
    });
    if (draft.held.length) drafts.push(draft);
  });
  // Serial numbers go with a line only where all of it is: split over places they cannot be told apart.
  const whole = (line: ShipmentLine) =>
    places.get(line.lineNumber) === 1 && !positive(rest.get(line.lineNumber)!);
  const packs: AdvanceShipNoticePack[] = drafts.map(({ pkg, held }) => ({
    sscc: pkg.sscc!,
    ...(pkg.trackingNumber ? { trackingNumber: pkg.trackingNumber } : {}),
    ...(pkg.weight ? { weight: { ...pkg.weight } } : {}),
    ...(pkg.dimensions ? { dimensions: { ...pkg.dimensions } } : {}),
    items: held.map(({ line, quantity }) => itemOf(line, quantity, whole(line))),
  }));
  const loose = shipment.lines
    .filter((line) => positive(rest.get(line.lineNumber)!))
    .map((line) => itemOf(line, rest.get(line.lineNumber)!, !places.has(line.lineNumber)));
  return { packs, loose };
}

/** The packages' total weight, when every package is weighed in one unit. */
function grossWeightOf(shipment: Shipment): Weight | undefined {
  const weights = (shipment.packages ?? []).map((pkg) => pkg.weight);
  const first = weights[0];
  if (!first || weights.some((w) => !w || w.uom !== first.uom)) return undefined;
  return { value: weights.reduce((sum, w) => addDecimal(sum, w!.value), '0'), uom: first.uom };
}

/**
 * The outbound ASN of `shipment` for the customer's PO: one order whose packs are the shipment's SSCC-labelled
 * packages and whose loose items are what no labelled package holds; lines that shipped nothing are left out.
 * Carrier, tracking, bill of lading and times are the shipment's; the ASN number is the shipment number.
 */
export function buildShipmentAsn(args: ShipmentAsnArgs): AdvanceShipNotice {
  const { order, shipment } = args;
  assertShipmentOfOrder(order, shipment, WHAT);
  const { packs, loose } = packsAndRest(shipment, itemMaker(order, shipment));
  if (!packs.length && !loose.length) {
    dataError('/lines', 'ship nothing (every quantityShipped is 0): nothing to notify', WHAT);
  }
  const carrier = shipment.carrier ?? order.carrier;
  const trackingNumber = shipment.packages?.find((pkg) => pkg.trackingNumber)?.trackingNumber;
  const grossWeight = grossWeightOf(shipment);
  const packageCount = shipment.packages?.length;
  return {
    schemaVersion: '1',
    documentType: 'advance-ship-notice',
    id: args.asnId,
    legalEntityId: order.legalEntityId,
    source: hubSource(args.connectorId, args.asnId),
    updatedAt: args.now,
    asnNumber: shipment.shipmentNumber,
    direction: 'outbound',
    purpose: 'original',
    customerId: order.customerId,
    shipDate: businessDateOf(shipment.shippedAt ?? args.now, args.timeZone),
    ...(shipment.shippedAt ? { shippedAt: shipment.shippedAt } : {}),
    ...(shipment.estimatedDeliveryDate ? { estimatedDeliveryDate: shipment.estimatedDeliveryDate } : {}),
    shipFrom: { locationId: shipment.fromLocationId, ...structuredClone(args.shipFrom) },
    shipTo: structuredClone(order.shipTo),
    ...(carrier ? { carrier: { ...carrier } } : {}),
    ...(trackingNumber ? { trackingNumber } : {}),
    ...(shipment.billOfLading ? { billOfLading: shipment.billOfLading } : {}),
    ...(order.freightTerms ? { freightTerms: order.freightTerms } : {}),
    ...(grossWeight ? { grossWeight } : {}),
    ...(packageCount ? { packageCount } : {}),
    orders: [
      {
        poNumber: customerPoNumberOf(order, shipment),
        salesOrderId: order.id,
        purchaseOrderDate: order.orderDate,
        ...(args.invoiceNumber ? { invoiceNumber: args.invoiceNumber } : {}),
        ...(packs.length ? { packs } : {}),
        ...(loose.length ? { items: loose } : {}),
      },
    ],
  };
}
