/**
 * 945 Warehouse Shipping Advice from a 3PL → canonical Shipment (status shipped). W06 names our order (the
 * depositor order number we sent in the 940's W05), the customer's PO and the ship date; W12 lines carry ordered,
 * shipped and difference; N9*LV gives each line's SSCC (or licence plate). W03 totals are checked but, as 3PLs
 * often disagree with themselves there, a mismatch is only a warning.
 */
import { gs1KeyProblem } from '../../../canonical-model/gtin';
import type { Shipment, ShipmentLine, ShipmentPackage } from '../../../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../sdk/decimal';
import { provisionalId } from '../../sdk/mapping';
import type { FieldError } from '../../../platform/errors';
import type { TransactionSet } from '../x12/types';
import type { InboundContext, MappedSet } from './context';
import { documentHead, hubDocumentId } from './document-source';
import { localInstant } from './local-time';
import { carrierOf } from './read-commercial';
import type { Carrier } from '../../../canonical-model/generated/index';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { readParties, requireParty } from './read-party';
import { readIdPairs } from './read-product-ids';
import { fieldPath, firstOf, optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { requireSegment } from './require-segment';

/** W1201 codes that mean a line was not (fully) shipped, and why. */
const SHORT_REASONS: Record<string, ShipmentLine['shortReason']> = {
  CP: 'other',
  SS: 'out-of-stock',
  OS: 'out-of-stock',
  CN: 'cancelled',
  DM: 'damaged',
};

interface LineRead {
  line: ShipmentLine;
  packages: ShipmentPackage[];
  shipped: string;
}

/** An N9*LV value as a package: an SSCC when it has 18 digits (or 20 with the AI 00), else a licence plate id. */
function packageOf(reader: ElementReader, n9: At): ShipmentPackage | undefined {
  const raw = value(n9, 2);
  if (!raw) return undefined;
  const digits = raw.length === 20 && raw.startsWith('00') ? raw.slice(2) : raw;
  if (/^\d{18}$/.test(digits)) {
    const problem = gs1KeyProblem('sscc', digits);
    if (problem) {
      reader.report(n9, 2, `${JSON.stringify(raw)} is not an SSCC-18: ${problem}`);
      return undefined;
    }
    return { sscc: digits };
  }
  return { packageId: raw };
}

function readW12Loop(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  ordinal: number,
): LineRead | undefined {
  const w12 = firstOf(loop, 'W12');
  if (!w12) {
    reader.report(loop[0]!, 1, `line ${ordinal} (LX) has no W12 detail`);
    return undefined;
  }
  const status = value(w12, 1);
  const ordered = reader.decimal(w12, 2, { nonNegative: true });
  const shipped = reader.decimal(w12, 3, { what: 'the number of units shipped', nonNegative: true }) ?? '0';
  const difference = reader.decimal(w12, 4);
  const uom = reader.unit(w12, 5);
  // W1206 is the item's UPC; further ids are the W1207/08 pair (and W1216/17).
  const pairs = [
    { qualifier: value(w12, 6) ? 'UP' : '', idElement: 6 },
    { qualifier: value(w12, 7).toUpperCase(), idElement: 8 },
    { qualifier: value(w12, 16).toUpperCase(), idElement: 17 },
  ];
  const ids = readIdPairs(reader, w12, pairs, context.partner.productIdQualifiers, true, 6);
  const lotNumber = optional(w12, 9);
  const li = segmentsOf(loop, 'N9').find((at) => value(at, 1) === 'LI');
  const lx = loop[0]!.segment.id === 'LX' ? optional(loop[0]!, 1) : undefined;
  const orderLine = [li && value(li, 2), lx].find((v) => v && /^\d{1,6}$/.test(v) && Number(v) > 0);
  const short =
    difference !== undefined
      ? difference.replace(/^-/, '')
      : ordered && compareDecimal(ordered, shipped) > 0
        ? subtractDecimal(ordered, shipped)
        : undefined;
  const line: ShipmentLine = {
    lineNumber: ordinal,
    salesOrderLineNumber: orderLine ? Number(orderLine) : ordinal,
    item: { identifiers: ids.identifiers },
    ...(ordered !== undefined ? { quantityRequested: { value: ordered, uom } } : {}),
    quantityShipped: { value: shipped, uom },
    ...(short && compareDecimal(short, '0') > 0
      ? { quantityShort: { value: short, uom }, shortReason: SHORT_REASONS[status] ?? 'other' }
      : {}),
    ...(lotNumber ? { lot: { lotNumber } } : {}),
  };
  const packages = segmentsOf(loop, 'N9')
    .filter((at) => value(at, 1) === 'LV')
    .flatMap((at) => packageOf(reader, at) ?? []);
  // A line in one package is wholly in it; split lines do not say how much is where, so contents are left out.
  if (packages.length === 1)
    packages[0]!.contents = [{ lineNumber: ordinal, quantity: { value: shipped, uom } }];
  return { line, packages, shipped };
}

/** W27 carrier detail: 01 transportation method, 02 SCAC, 03 routing (the carrier's service as people name it). */
function carrierOfW27(w27: At): Carrier | undefined {
  const scac = value(w27, 2).toUpperCase();
  const td5Like = carrierOf({ ...w27, segment: { ...w27.segment, elements: ['', '', '', value(w27, 1)] } });
  const name = optional(w27, 3);
  const carrier: Carrier = {
    ...(/^[A-Z]{2,4}$/.test(scac) ? { scac } : {}),
    ...(name ? { name } : {}),
    ...(td5Like?.mode ? { mode: td5Like.mode } : {}),
  };
  return Object.keys(carrier).length ? carrier : undefined;
}

/** Maps a 945 to one Shipment. */
export function map945(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'LX', ['W03']);
  const warnings: FieldError[] = [];
  const w06 = requireSegment(reader, all, 'W06', 'the shipping advice header');
  const orderNumber = w06 ? reader.required(w06, 2, 'the depositor order number') : '';
  const shipDate = w06 ? reader.date(w06, 3, 'the ship date') : undefined;
  const shipmentId = w06 ? optional(w06, 4) : undefined;
  const poNumber = w06 ? optional(w06, 6) : undefined;
  const parties = readParties(reader, context, header, ['SF', 'WH']);
  const shipTo = requireParty(reader, parties, ['ST'], w06 ?? all[0]!, 'ship-to');
  const from = parties.get('SF') ?? parties.get('WH');
  const fromLocationId =
    from?.party?.locationId ?? provisionalId(context.connectorId, 'location', context.partner.id);
  const g62 = segmentsOf(header, 'G62').find((at) => value(at, 1) === '11');
  const g62Date = g62 ? reader.date(g62, 2, 'the ship date') : undefined;
  const shippedTime = g62 ? reader.instant(g62Date ?? shipDate, g62, 4) : undefined;
  if (!loops.length)
    problems.add(`/${(w06 ?? all[0]!).position}/LX`, 'the shipping advice has no lines (LX/W12)');
  const lines = loops.flatMap((loop, i) => readW12Loop(reader, context, loop, i + 1) ?? []);
  const w03 = firstOf(summary, 'W03');
  if (w03) {
    const total = reader.decimal(w03, 1, { what: 'the total units shipped' });
    const sum = lines.reduce((s, l) => addDecimal(s, l.shipped), '0');
    if (total !== undefined && compareDecimal(total, sum) !== 0) {
      warnings.push({
        path: fieldPath(w03, 1),
        message: `says ${total} units shipped but the W12 lines ship ${sum}`,
      });
    }
  }
  problems.throwIfAny(`945 set ${set.controlNumber}${orderNumber ? ` (order ${orderNumber})` : ''}`);

  const w27 = firstOf(header, 'W27');
  const carrier = w27 ? carrierOfW27(w27) : undefined;
  const n9 = (qualifier: string) => {
    const at = segmentsOf(header, 'N9').find((r) => value(r, 1) === qualifier);
    return at ? optional(at, 2) : undefined;
  };
  const billOfLading = n9('BM');
  const attributes: Record<string, string> = {};
  if (w06 && value(w06, 1)) attributes.x12ReportingCode = value(w06, 1);
  if (w27 && value(w27, 4)) attributes.shipmentMethodOfPayment = value(w27, 4);
  const pro = n9('CN');
  if (pro) attributes.proNumber = pro;
  // Without a G62 time the 3PL said only the day; the instant is that day's start where the 3PL is, and says so.
  const shippedAt =
    shippedTime ?? (shipDate ? localInstant(shipDate, '000000', context.partner.timeZone) : undefined);
  if (!shippedTime && shipDate) attributes.shippedAtPrecision = 'date';
  const shipmentNumber = shipmentId ?? orderNumber;
  const packages = lines.flatMap((l) => l.packages).slice(0, 10000);
  const shipment: Shipment = {
    ...documentHead(
      set,
      context,
      'shipment',
      provisionalId(context.connectorId, 'shipment', `${context.partner.id}:${shipmentNumber}`),
      shipmentNumber,
    ),
    shipmentNumber,
    salesOrderId: hubDocumentId(context, 'sales-order', orderNumber),
    orderNumber,
    ...(poNumber ? { customerPoNumber: poNumber } : {}),
    status: 'shipped',
    fromLocationId,
    shipTo: shipTo!,
    ...(carrier ? { carrier } : {}),
    ...(shippedAt ? { shippedAt } : {}),
    ...(billOfLading ? { billOfLading } : {}),
    ...(packages.length ? { packages } : {}),
    lines: lines.map((l) => l.line),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
  return {
    documents: [shipment],
    businessKeys: { orderNumber, shipmentNumber, ...(poNumber ? { poNumber } : {}) },
    ...(warnings.length ? { warnings } : {}),
  };
}
