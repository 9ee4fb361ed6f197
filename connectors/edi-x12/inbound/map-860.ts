/**
 * 860 Purchase Order Change (buyer initiated) → canonical SalesOrderChange against the sales order the 850 made
 * (same provisional id: the customer's PO number within the partner). Quantities and prices are the new values.
 */
import type { SalesOrderChange, SalesOrderChangeLine } from '../../../canonical-model/generated/index';
import type { TransactionSet } from '../x12/types';
import { checkCtt } from './check-ctt';
import type { InboundContext, MappedSet } from './context';
import { documentHead, groupDateOf, partnerDocumentId } from './document-source';
import { currencyOf, notesOf } from './read-commercial';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { descriptionOf, readLine } from './read-po1';
import { readProductIds } from './read-product-ids';
import type { LineLayout } from './read-po1';
import { firstOf, optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { requireSegment } from './require-segment';

/** POC: 01 line id, 02 change type, 03 quantity, 04 quantity left to receive, 05 unit, 06 price, 07 basis, 08+ ids. */
const POC_LAYOUT: LineLayout = { id: 1, quantity: 3, unit: 5, price: 6, basis: 7, firstQualifier: 8 };

/** BCH01 purpose → what the change document does. */
const PURPOSES: Record<string, SalesOrderChange['purpose']> = {
  '04': 'change',
  '01': 'cancel',
  '05': 'replace',
};

/** POC02 change type (X12 670) → canonical change. */
const CHANGES: Record<string, SalesOrderChangeLine['change']> = {
  AI: 'add',
  DI: 'delete',
  QI: 'quantity-increase',
  QD: 'quantity-decrease',
  PC: 'price',
  CT: 'dates',
  RZ: 'replace',
  CA: 'other',
};

function readChangeLine(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  ordinal: number,
  currency: string,
) {
  const poc = loop[0]!;
  const code = value(poc, 2);
  const change = CHANGES[code];
  if (!change)
    reader.report(
      poc,
      2,
      `${JSON.stringify(code)} is not a change type the hub reads (${Object.keys(CHANGES).join(', ')})`,
    );
  const needsQuantity = change === 'add' || change === 'quantity-increase' || change === 'quantity-decrease';
  if (needsQuantity && !value(poc, 3))
    reader.report(poc, 3, `is missing (the new quantity, required for change type ${code})`);
  if (change === 'price' && !value(poc, 6))
    reader.report(poc, 6, 'is missing (the new unit price, required for change type PC)');
  // A deleted line may come without a quantity; the line segment is only read as a whole when it has one.
  const line = value(poc, 3) ? readLine(reader, context, loop, POC_LAYOUT) : undefined;
  const unitPrice = line ? line.unitPrice : reader.decimal(poc, 6, { nonNegative: true });
  const description = descriptionOf(loop);
  const item = line?.item ?? {
    identifiers: readProductIds(reader, poc, POC_LAYOUT.firstQualifier, context.partner.productIdQualifiers)
      .identifiers,
    ...(description ? { description } : {}),
  };
  const lineId = optional(poc, 1);
  const deliveryDtm = segmentsOf(loop, 'DTM').find((at) => value(at, 1) === '002');
  const requestedDeliveryDate = deliveryDtm
    ? reader.date(deliveryDtm, 2, 'the requested delivery date')
    : undefined;
  const out: SalesOrderChangeLine = {
    lineNumber: lineId && /^\d{1,6}$/.test(lineId) && Number(lineId) > 0 ? Number(lineId) : ordinal,
    ...(lineId ? { customerLineNumber: lineId } : {}),
    change: change ?? 'other',
    item,
    ...(line ? { quantity: line.quantity } : {}),
    ...(unitPrice !== undefined ? { unitPrice: { amount: unitPrice, currency } } : {}),
    ...(requestedDeliveryDate ? { requestedDeliveryDate } : {}),
  };
  return { line: out, quantity: line?.quantity.value ?? '0' };
}

/** Maps an 860 to one SalesOrderChange. */
export function map860(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'POC', ['CTT', 'AMT']);
  const bch = requireSegment(reader, all, 'BCH', 'the change order header');
  const poNumber = bch ? reader.required(bch, 3, 'the purchase order number being changed') : '';
  const purposeCode = bch ? reader.required(bch, 1, 'the purpose: 04 change, 01 cancel, 05 replace') : '';
  const purpose = PURPOSES[purposeCode];
  if (bch && purposeCode && !purpose) {
    reader.report(
      bch,
      1,
      `${JSON.stringify(purposeCode)} is not a change purpose the hub reads (04 change, 01 cancel, 05 replace)`,
    );
  }
  const changeSequence = bch ? optional(bch, 5) : undefined;
  const changeDate = (bch && reader.date(bch, 11)) ?? (bch && reader.date(bch, 6)) ?? groupDateOf(set);
  const currency = currencyOf(reader, firstOf(header, 'CUR'));
  const dates: Partial<Pick<SalesOrderChange, 'requestedShipDate' | 'requestedDeliveryDate'>> = {};
  for (const dtm of segmentsOf(header, 'DTM')) {
    const date = reader.date(dtm, 2, `the date for DTM qualifier ${value(dtm, 1)}`);
    if (date && value(dtm, 1) === '010') dates.requestedShipDate = date;
    if (date && value(dtm, 1) === '002') dates.requestedDeliveryDate = date;
  }
  if (!loops.length && purpose !== 'cancel' && !Object.keys(dates).length) {
    problems.add(
      `/${(bch ?? all[0]!).position}/POC`,
      'the change has no changed lines (POC) and no new dates',
    );
  }
  const read = loops.map((loop, i) => readChangeLine(reader, context, loop, i + 1, currency));
  checkCtt(reader, firstOf(summary, 'CTT'), loops.length, 'changed lines (POC)', [
    read.map((r) => r.quantity),
  ]);
  problems.throwIfAny(`860 set ${set.controlNumber}${poNumber ? ` (PO ${poNumber})` : ''}`);

  const version = `${set.interchange.controlNumber}-${set.group.controlNumber}-${set.controlNumber}`;
  const changeKey = `${poNumber}:${changeSequence ?? version}`;
  const notes = notesOf(header, 'customer');
  const attributes: Record<string, string> = { x12Purpose: purposeCode };
  const change: SalesOrderChange = {
    ...documentHead(
      set,
      context,
      'sales-order-change',
      partnerDocumentId(context, 'sales-order-change', changeKey),
      changeKey,
    ),
    salesOrderId: partnerDocumentId(context, 'sales-order', poNumber),
    customerId: context.partner.partyId,
    customerPoNumber: poNumber,
    ...(changeSequence ? { changeSequence } : {}),
    purpose: purpose!,
    changeDate,
    ...dates,
    lines: read.map((r) => r.line),
    ...(notes.length ? { notes } : {}),
    attributes,
  };
  return { documents: [change], businessKeys: { poNumber, orderNumber: poNumber } };
}
