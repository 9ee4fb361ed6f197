/**
 * 850 Purchase Order from a customer → canonical SalesOrder (channel edi). The customer's PO number (BEG03) is
 * both `customerPoNumber` and, until our ERP numbers the order, `orderNumber`.
 */
import type { SalesOrder, SalesOrderLine } from '../../../canonical-model/generated/index';
import { addDecimal } from '../../sdk/decimal';
import type { TransactionSet } from '../x12/types';
import { checkCtt } from './check-ctt';
import type { InboundContext, MappedSet } from './context';
import type { FieldError } from '../../../platform/errors';
import { identifierChecksOf } from './identifier-checks';
import type { IdentifierChecks } from './identifier-checks';
import { documentHead, partnerDocumentId } from './document-source';
import {
  carrierOf,
  currencyOf,
  fobCode,
  freightTermsOf,
  chargesOf,
  lineChargesOf,
  notesOf,
  paymentTermsOf,
} from './read-commercial';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { readParties, requireParty } from './read-party';
import { readLine } from './read-po1';
import { firstOf, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { requireSegment } from './require-segment';

/** Header DTM qualifiers with a SalesOrder field; other qualifiers are kept as `dtm:<qualifier>` attributes. */
const HEADER_DATES = {
  '002': 'requestedDeliveryDate',
  '010': 'requestedShipDate',
  '037': 'doNotShipBefore',
  '001': 'cancelAfter',
} as const;

/** Named attributes for DTM qualifiers the model has no field for. */
const DATE_ATTRIBUTES: Record<string, string> = {
  '038': 'shipNoLaterThan',
  '063': 'doNotDeliverAfter',
  '064': 'doNotDeliverBefore',
};

function readHeaderDates(reader: ElementReader, header: At[]) {
  const fields: Partial<Record<(typeof HEADER_DATES)[keyof typeof HEADER_DATES], string>> = {};
  const attributes: Record<string, string> = {};
  let placedAt: string | undefined;
  for (const dtm of segmentsOf(header, 'DTM')) {
    const qualifier = value(dtm, 1);
    const date = reader.date(dtm, 2, `the date for DTM qualifier ${qualifier}`);
    if (!date) continue;
    const field = HEADER_DATES[qualifier as keyof typeof HEADER_DATES];
    if (field) fields[field] = date;
    else attributes[DATE_ATTRIBUTES[qualifier] ?? `dtm:${qualifier}`] = date;
    // DTM 004 (purchase order date) with a time is the moment the customer placed the order.
    if (qualifier === '004') placedAt = reader.instant(date, dtm, 3);
  }
  return { fields, attributes, placedAt };
}

function readOrderLine(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  ordinal: number,
  currency: string,
  checks: IdentifierChecks,
) {
  const line = readLine(reader, context, loop, undefined, true, checks);
  const attributes: Record<string, string | boolean> = { ...line.attributes };
  if (line.basis) attributes.priceBasis = line.basis;
  // Retail partners often send no price and expect the agreed catalog price; the order keeps 0 and says so.
  if (line.unitPrice === undefined) attributes.unitPriceMissing = true;
  const { allowances, charges } = lineChargesOf(reader, loop, ordinal, currency);
  const dates: Partial<Pick<SalesOrderLine, 'requestedDeliveryDate' | 'requestedShipDate'>> = {};
  for (const dtm of segmentsOf(loop, 'DTM')) {
    const date = reader.date(dtm, 2, 'the line date');
    if (date && value(dtm, 1) === '002') dates.requestedDeliveryDate = date;
    if (date && value(dtm, 1) === '010') dates.requestedShipDate = date;
  }
  const po4 = firstOf(loop, 'PO4');
  if (po4 && value(po4, 1)) attributes.packsPerOuter = value(po4, 1);
  if (po4 && value(po4, 2)) attributes.packSize = `${value(po4, 2)} ${value(po4, 3)}`.trim();
  const discount = allowances.reduce((sum, a) => (sum ? addDecimal(sum, a) : a), '');
  const out: SalesOrderLine = {
    lineNumber: ordinal,
    ...(line.lineId ? { customerLineNumber: line.lineId } : {}),
    item: line.item,
    quantity: line.quantity,
    unitPrice: { amount: line.unitPrice ?? '0', currency },
    ...(discount ? { discount: { amount: discount, currency } } : {}),
    status: 'open',
    ...dates,
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
  return { line: out, charges, quantity: line.quantity.value };
}

/** Maps an 850 to one SalesOrder. */
export function map850(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'PO1', ['CTT', 'AMT']);
  const beg = requireSegment(reader, all, 'BEG', 'the purchase order header');
  const poNumber = beg ? reader.required(beg, 3, 'the purchase order number') : '';
  const orderDate = beg ? reader.date(beg, 5, 'the purchase order date') : undefined;
  const currency = currencyOf(reader, firstOf(header, 'CUR'));
  const dates = readHeaderDates(reader, header);
  const parties = readParties(reader, context, header);
  const shipTo = requireParty(reader, parties, ['ST'], beg ?? all[0]!, 'ship-to');
  const billTo = parties.get('BT')?.party;
  if (!loops.length) problems.add(`/${(beg ?? all[0]!).position}/PO1`, 'the order has no lines (PO1)');
  const warnings: FieldError[] = [];
  const checks = identifierChecksOf(context, warnings);
  const read = loops.map((loop, i) => readOrderLine(reader, context, loop, i + 1, currency, checks));
  checkCtt(reader, firstOf(summary, 'CTT'), loops.length, 'line items (PO1)', [read.map((r) => r.quantity)]);
  const headerCharges = chargesOf(reader, header, currency);
  problems.throwIfAny(`850 set ${set.controlNumber}${poNumber ? ` (PO ${poNumber})` : ''}`);

  const attributes: Record<string, string> = { ...dates.attributes };
  if (beg && value(beg, 1)) attributes.x12Purpose = value(beg, 1);
  if (beg && value(beg, 2)) attributes.x12PoType = value(beg, 2);
  if (beg && value(beg, 4)) attributes.releaseNumber = value(beg, 4);
  for (const ref of segmentsOf(header, 'REF')) {
    if (value(ref, 2))
      attributes[value(ref, 1) === 'DP' ? 'department' : `ref:${value(ref, 1)}`] = value(ref, 2);
  }
  const vendor = parties.get('VN')?.party?.code;
  if (vendor) attributes.vendorNumber = vendor;
  const buyer = parties.get('BY')?.party;
  if (buyer?.code) attributes.buyerPartyCode = buyer.code;
  if (buyer?.name) attributes.buyerPartyName = buyer.name;
  const carrier = carrierOf(firstOf(header, 'TD5'));
  const freightTerms = freightTermsOf(fobCode(header));
  const paymentTerms = paymentTermsOf(reader, firstOf(header, 'ITD'));
  const charges = [...headerCharges, ...read.flatMap((r) => r.charges)].slice(0, 100);
  const notes = notesOf(header, 'customer');

  const order: SalesOrder = {
    ...documentHead(
      set,
      context,
      'sales-order',
      partnerDocumentId(context, 'sales-order', poNumber),
      poNumber,
    ),
    orderNumber: poNumber,
    customerId: context.partner.partyId,
    customerPoNumber: poNumber,
    channel: 'edi',
    status: beg && value(beg, 1) === '01' ? 'cancelled' : 'open',
    orderDate: orderDate!,
    ...(dates.placedAt ? { placedAt: dates.placedAt } : {}),
    ...dates.fields,
    currency,
    shipTo: shipTo!,
    ...(billTo ? { billTo } : {}),
    ...(carrier ? { carrier } : {}),
    ...(freightTerms ? { freightTerms } : {}),
    ...(paymentTerms ? { paymentTerms } : {}),
    lines: read.map((r) => r.line),
    ...(charges.length ? { charges } : {}),
    ...(notes.length ? { notes } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
  return {
    documents: [order],
    businessKeys: { poNumber, orderNumber: poNumber },
    ...(warnings.length ? { warnings } : {}),
  };
}
