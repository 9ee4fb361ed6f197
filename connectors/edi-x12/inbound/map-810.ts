/**
 * 810 Invoice → canonical Invoice. From a supplier (perspective 'hub') it is an AP invoice; our own 810 read back
 * (perspective 'partner') is AR. TDS01 (N2: 14400 is 144.00) must equal the lines + SAC charges − SAC allowances
 * + TXI taxes; a mismatch is a mapping problem, because paying a wrong total is worse than holding the invoice.
 */
import type { Invoice, InvoiceLine, Tax } from '../../../canonical-model/generated/index';
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal, toPlaces } from '../../sdk/decimal';
import type { TransactionSet } from '../x12/types';
import { checkCtt } from './check-ctt';
import type { InboundContext, MappedSet } from './context';
import { documentHead, hubDocumentId, partnerDocumentId } from './document-source';
import { chargesOf, currencyOf, lineChargesOf, notesOf, paymentTermsOf } from './read-commercial';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { readParties } from './read-party';
import { readLine } from './read-po1';
import { firstOf, optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { taxOf } from './read-taxes';
import { requireSegment } from './require-segment';

/** BIG07 transaction type → invoice type. */
const TYPES: Record<string, Invoice['type']> = { CR: 'credit-memo', DI: 'debit-memo', DR: 'debit-memo' };

const sum = (amounts: string[]) => amounts.reduce((total, a) => addDecimal(total, a), '0');

function readInvoiceLine(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  ordinal: number,
  currency: string,
) {
  const line = readLine(reader, context, loop, undefined, false);
  if (line.unitPrice === undefined && !value(line.at, 4))
    reader.report(line.at, 4, 'is missing (the unit price)');
  const price = line.unitPrice ?? '0';
  const { allowances, charges } = lineChargesOf(reader, loop, ordinal, currency);
  const taxes = segmentsOf(loop, 'TXI').flatMap((txi) => taxOf(reader, txi, currency) ?? []);
  const discount = allowances.length ? sum(allowances) : undefined;
  // Extended amounts are rounded half-up to cents, as invoicing systems do before totalling.
  const gross = toPlaces(multiplyDecimal(line.quantity.value, price), 2);
  const amount = discount ? toPlaces(subtractDecimal(gross, discount), 2) : gross;
  const orderLine =
    line.lineId && /^\d{1,6}$/.test(line.lineId) && Number(line.lineId) > 0 ? Number(line.lineId) : undefined;
  const firstId = line.item.identifiers[0];
  const out: InvoiceLine = {
    lineNumber: ordinal,
    ...(orderLine ? { orderLineNumber: orderLine } : {}),
    ...(line.item.identifiers.length ? { item: line.item } : {}),
    description:
      line.item.description ??
      (firstId ? `${firstId.qualifier} ${firstId.value}` : `line ${line.lineId ?? ordinal}`),
    quantity: line.quantity,
    unitPrice: { amount: price, currency },
    ...(discount ? { discount: { amount: discount, currency } } : {}),
    amount: { amount, currency },
    ...(taxes.length ? { taxes } : {}),
  };
  return { line: out, charges, taxes, quantity: line.quantity.value };
}

/** Maps an 810 to one Invoice. */
export function map810(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'IT1', ['TDS', 'CTT']);
  const ar = context.perspective === 'partner';
  const big = requireSegment(reader, all, 'BIG', 'the invoice header');
  const invoiceDate = big ? reader.date(big, 1, 'the invoice date') : undefined;
  const invoiceNumber = big ? reader.required(big, 2, 'the invoice number') : '';
  const poNumber = big ? optional(big, 4) : undefined;
  const currency = currencyOf(reader, firstOf(header, 'CUR'));
  const parties = readParties(reader, context, header, ar ? ['SF'] : ['ST']);
  if (!loops.length) problems.add(`/${(big ?? all[0]!).position}/IT1`, 'the invoice has no lines (IT1)');
  const read = loops.map((loop, i) => readInvoiceLine(reader, context, loop, i + 1, currency));
  const summaryCharges = chargesOf(reader, summary, currency);
  const charges = [...read.flatMap((r) => r.charges), ...summaryCharges];
  const headerTaxes: Tax[] = segmentsOf(summary, 'TXI').flatMap((txi) => taxOf(reader, txi, currency) ?? []);
  const allTaxes = [...read.flatMap((r) => r.taxes), ...headerTaxes];
  const subtotal = sum(read.map((r) => r.line.amount.amount));
  const chargeTotal = sum(charges.filter((c) => c.kind === 'charge').map((c) => c.amount.amount));
  const allowanceTotal = sum(charges.filter((c) => c.kind === 'allowance').map((c) => c.amount.amount));
  const taxTotal = sum(allTaxes.map((t) => t.amount.amount));
  const expected = toPlaces(
    addDecimal(subtractDecimal(addDecimal(subtotal, chargeTotal), allowanceTotal), taxTotal),
    2,
  );
  const tds = requireSegment(reader, all, 'TDS', 'the invoice total');
  const total = tds ? reader.implied(tds, 1, 2, 'the total invoice amount, N2: 14400 is 144.00') : undefined;
  if (tds && total !== undefined && compareDecimal(total, expected) !== 0) {
    reader.report(
      tds,
      1,
      `total ${total} (${value(tds, 1)} with 2 implied decimals) does not equal the lines ${toPlaces(subtotal, 2)}` +
        ` + charges ${toPlaces(chargeTotal, 2)} − allowances ${toPlaces(allowanceTotal, 2)} + tax ${toPlaces(taxTotal, 2)}` +
        ` = ${expected}`,
    );
  }
  checkCtt(reader, firstOf(summary, 'CTT'), loops.length, 'line items (IT1)', [read.map((r) => r.quantity)]);
  const shipDtm = segmentsOf(header, 'DTM').find((at) => value(at, 1) === '011');
  const shipDate = shipDtm ? reader.date(shipDtm, 2, 'the ship date') : undefined;
  const paymentTerms = paymentTermsOf(reader, firstOf(header, 'ITD'));
  problems.throwIfAny(`810 set ${set.controlNumber}${invoiceNumber ? ` (invoice ${invoiceNumber})` : ''}`);

  const typeCode = big ? value(big, 7) : '';
  const attributes: Record<string, string> = {};
  if (typeCode) attributes.x12TransactionType = typeCode;
  const shipFrom = parties.get('SF')?.party;
  if (shipFrom?.code) attributes.shipFromCode = shipFrom.code;
  const billTo = parties.get('BT')?.party;
  const shipTo = parties.get('ST')?.party;
  const remitTo = parties.get('RI')?.party;
  const notes = notesOf(header, ar ? 'customer' : 'supplier');
  const invoice: Invoice = {
    ...documentHead(
      set,
      context,
      'invoice',
      ar
        ? hubDocumentId(context, 'invoice', invoiceNumber)
        : partnerDocumentId(context, 'invoice', invoiceNumber),
      invoiceNumber,
    ),
    invoiceNumber,
    direction: ar ? 'AR' : 'AP',
    type: TYPES[typeCode] ?? 'invoice',
    status: 'open',
    invoiceDate: invoiceDate!,
    ...(paymentTerms?.dueDate ? { dueDate: paymentTerms.dueDate } : {}),
    ...(shipDate ? { shipDate } : {}),
    currency,
    ...(ar ? { customerId: context.partner.partyId } : { supplierId: context.partner.partyId }),
    ...(poNumber
      ? ar
        ? { salesOrderId: partnerDocumentId(context, 'sales-order', poNumber), poNumber }
        : { purchaseOrderId: hubDocumentId(context, 'purchase-order', poNumber), poNumber }
      : {}),
    ...(billTo ? { billTo } : {}),
    ...(shipTo ? { shipTo } : {}),
    ...(remitTo ? { remitTo } : {}),
    ...(paymentTerms ? { paymentTerms } : {}),
    lines: read.map((r) => r.line),
    ...(charges.length ? { charges: charges.slice(0, 100) } : {}),
    ...(headerTaxes.length ? { taxes: headerTaxes.slice(0, 100) } : {}),
    totals: {
      subtotal: { amount: toPlaces(subtotal, 2), currency },
      ...(compareDecimal(chargeTotal, '0')
        ? { chargeTotal: { amount: toPlaces(chargeTotal, 2), currency } }
        : {}),
      ...(compareDecimal(allowanceTotal, '0')
        ? { allowanceTotal: { amount: toPlaces(allowanceTotal, 2), currency } }
        : {}),
      taxTotal: { amount: toPlaces(taxTotal, 2), currency },
      total: { amount: total!, currency },
    },
    ...(notes.length ? { notes } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
  return { documents: [invoice], businessKeys: { invoiceNumber, ...(poNumber ? { poNumber } : {}) } };
}
