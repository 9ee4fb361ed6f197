/**
 * Read-back of a 940 the hub generated, as the receiving 3PL reads it: 940 → canonical WarehouseShippingOrder.
 * Only the round-trip tests use it; it reads with the inbound readers so both directions agree.
 */
import type {
  Carrier,
  Lot,
  WarehouseShippingOrder,
  WarehouseShippingOrderLine,
  WarehouseShippingOrderTotals,
} from '../../../../canonical-model/generated/index';
import type { UnitCode } from '../../../../canonical-model/uom';
import { MappingProblems } from '../../../sdk/mapping';
import type { InboundContext, MappedSet } from '../../inbound/context';
import { documentHead, hubDocumentId } from '../../inbound/document-source';
import { freightTermsOf, notesOf } from '../../inbound/read-commercial';
import { ElementReader } from '../../inbound/read-elements';
import type { At } from '../../inbound/read-set';
import { readParties, requireParty } from '../../inbound/read-party';
import { readProductIds } from '../../inbound/read-product-ids';
import { firstOf, optional, positioned, segmentsOf, splitLoops, value } from '../../inbound/read-set';
import type { TransactionSet } from '../../x12/types';
import { TRANSPORT_METHODS } from '../commercial-segments';
import { ORDER_STATUS_CODES } from '../generate-940';

const PURPOSES = new Map(
  Object.entries(ORDER_STATUS_CODES).map(([p, code]) => [code, p as WarehouseShippingOrder['purpose']]),
);
const MODES = new Map(
  Object.entries(TRANSPORT_METHODS).map(([mode, code]) => [code, mode as NonNullable<Carrier['mode']>]),
);

function carrierOfW66(w66: At | undefined): Carrier | undefined {
  if (!w66) return undefined;
  const mode = MODES.get(value(w66, 2));
  const name = optional(w66, 5);
  const scac = optional(w66, 10);
  const carrier: Carrier = {
    ...(scac ? { scac } : {}),
    ...(name ? { name } : {}),
    ...(mode ? { mode } : {}),
  };
  return Object.keys(carrier).length ? carrier : undefined;
}

function readLine(reader: ElementReader, context: InboundContext, loop: At[]): WarehouseShippingOrderLine {
  const lx = loop[0]!;
  const w01 = firstOf(loop, 'W01') ?? lx;
  const quantity = reader.decimal(w01, 1, { what: 'the quantity', nonNegative: true }) ?? '0';
  const uom = reader.unit(w01, 2);
  const ids = readProductIds(reader, w01, 4, context.partner.productIdQualifiers);
  const g69 = firstOf(loop, 'G69');
  const description = g69 && optional(g69, 1);
  const li = firstOf(loop, 'N9', 'LI');
  const lt = firstOf(loop, 'N9', 'LT');
  const expirationDate = lt && reader.date(lt, 4);
  const lot: Lot | undefined = lt && {
    lotNumber: value(lt, 2),
    ...(expirationDate ? { expirationDate } : {}),
  };
  const salesOrderLineNumber = li && reader.integer(li, 2, 'the sales order line number');
  return {
    lineNumber: reader.integer(lx, 1, 'the line number') ?? 0,
    ...(salesOrderLineNumber !== undefined ? { salesOrderLineNumber } : {}),
    item: { identifiers: ids.identifiers, ...(description ? { description } : {}) },
    quantity: { value: quantity, uom },
    ...(lot ? { lot } : {}),
  };
}

function totalsOf(
  reader: ElementReader,
  w76: At | undefined,
  units: Set<UnitCode>,
): WarehouseShippingOrderTotals | undefined {
  if (!w76) return undefined;
  const quantity = reader.decimal(w76, 1, { nonNegative: true });
  const weight = reader.decimal(w76, 2, { nonNegative: true });
  const weightUnit = weight === undefined ? undefined : reader.unit(w76, 3, 'the weight unit');
  const [lineUnit] = units;
  return {
    ...(quantity !== undefined && lineUnit && units.size === 1
      ? { quantity: { value: quantity, uom: lineUnit } }
      : {}),
    ...(weight !== undefined &&
    (weightUnit === 'KG' || weightUnit === 'LB' || weightUnit === 'G' || weightUnit === 'OZ')
      ? { weight: { value: weight, uom: weightUnit } }
      : {}),
  };
}

/** Maps a 940 we sent back to the WarehouseShippingOrder it was generated from (as far as the set carries it). */
export function readBack940(set: TransactionSet, context: InboundContext): MappedSet {
  const problems = new MappingProblems('X12');
  const reader = new ElementReader(problems, context.partner.timeZone);
  const all = positioned(set).filter((at) => at.segment.id !== 'SE');
  const { before: header, loops } = splitLoops(
    all.filter((at) => at.segment.id !== 'W76'),
    'LX',
  );
  const w05 = firstOf(all, 'W05') ?? all[0]!;
  const orderNumber = reader.required(w05, 2, 'the depositor order number');
  const purpose = PURPOSES.get(value(w05, 1));
  if (!purpose)
    reader.report(w05, 1, `${JSON.stringify(value(w05, 1))} is not an order status the hub writes`);
  const customerPoNumber = optional(w05, 3);
  const parties = readParties(reader, context, header);
  const shipTo = requireParty(reader, parties, ['ST'], w05, 'ship-to');
  const warehouse = firstOf(header, 'N1', 'WH');
  const warehouseLocationId = warehouse ? reader.required(warehouse, 4, 'the warehouse id') : '';
  if (!warehouse) problems.add('/2/N1', 'the set has no warehouse (N1*WH)');
  const g62 = (qualifier: string) => {
    const at = firstOf(header, 'G62', qualifier);
    return at && reader.date(at, 2, `the G62 ${qualifier} date`);
  };
  const requestedShipDate = g62('10');
  const requestedDeliveryDate = g62('02');
  const lines = loops.map((loop) => readLine(reader, context, loop));
  const totals = totalsOf(reader, firstOf(all, 'W76'), new Set(lines.map((l) => l.quantity.uom)));
  problems.throwIfAny(`940 set ${set.controlNumber}`);
  const w66 = firstOf(header, 'W66');
  const carrier = carrierOfW66(w66);
  const freightTerms = freightTermsOf(w66 && optional(w66, 1));
  const notes = notesOf(segmentsOf(header, 'NTE'), 'shipping');
  const shipFrom = parties.get('SF')?.party;
  const depositor = parties.get('DE')?.party;
  const order: WarehouseShippingOrder = {
    ...documentHead(
      set,
      context,
      'warehouse-shipping-order',
      hubDocumentId(context, 'warehouse-shipping-order', orderNumber),
      orderNumber,
    ),
    orderNumber,
    ...(customerPoNumber ? { customerPoNumber } : {}),
    purpose: purpose ?? 'original',
    warehouseLocationId,
    ...(depositor ? { depositor } : {}),
    shipTo: shipTo!,
    ...(shipFrom ? { shipFrom } : {}),
    ...(requestedShipDate ? { requestedShipDate } : {}),
    ...(requestedDeliveryDate ? { requestedDeliveryDate } : {}),
    ...(carrier ? { carrier } : {}),
    ...(freightTerms ? { freightTerms } : {}),
    lines,
    ...(totals && Object.keys(totals).length ? { totals } : {}),
    ...(notes.length ? { notes } : {}),
  };
  return { documents: [order], businessKeys: { orderNumber, poNumber: customerPoNumber } };
}
