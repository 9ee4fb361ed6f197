/**
 * Read-back of an 850 the hub generated, as the receiving supplier reads it: 850 → canonical PurchaseOrder. Only
 * the round-trip tests use it (a customer's 850 is mapped to a SalesOrder by ../../inbound/map-850.ts); it reads
 * with the inbound readers so both directions agree on codes, parties and decimals.
 */
import type { PurchaseOrder, PurchaseOrderLine } from '../../../../canonical-model/generated/index';
import { checkCtt } from '../../inbound/check-ctt';
import type { InboundContext, MappedSet } from '../../inbound/context';
import { documentHead, hubDocumentId } from '../../inbound/document-source';
import {
  carrierOf,
  chargesOf,
  currencyOf,
  fobCode,
  freightTermsOf,
  paymentTermsOf,
} from '../../inbound/read-commercial';
import { openSet } from '../../inbound/open-set';
import { readParties, requireParty } from '../../inbound/read-party';
import { readLine } from '../../inbound/read-po1';
import { firstOf, optional, segmentsOf, value } from '../../inbound/read-set';
import type { TransactionSet } from '../../x12/types';
import { PO_DATE_QUALIFIERS, PO_TYPE_CODES } from '../generate-850';

const TYPES = new Map(
  Object.entries(PO_TYPE_CODES).map(([type, code]) => [code, type as PurchaseOrder['type']]),
);
const DATES = new Map<string, keyof typeof PO_DATE_QUALIFIERS>(
  Object.entries(PO_DATE_QUALIFIERS).map(([field, code]) => [code, field as keyof typeof PO_DATE_QUALIFIERS]),
);

/** Maps an 850 we sent back to the PurchaseOrder it was generated from (as far as the set carries it). */
export function readBack850(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'PO1', ['CTT', 'AMT']);
  const beg = firstOf(all, 'BEG') ?? all[0]!;
  const poNumber = reader.required(beg, 3, 'the purchase order number');
  const orderDate = reader.date(beg, 5, 'the purchase order date') ?? '';
  const type = TYPES.get(value(beg, 2));
  if (!type) reader.report(beg, 2, `${JSON.stringify(value(beg, 2))} is not a PO type the hub writes`);
  const currency = currencyOf(reader, firstOf(header, 'CUR'));
  const dates: Partial<Record<keyof typeof PO_DATE_QUALIFIERS, string>> = {};
  for (const dtm of segmentsOf(header, 'DTM')) {
    const field = DATES.get(value(dtm, 1));
    const date = reader.date(dtm, 2, 'the date');
    if (field && date) dates[field] = date;
  }
  const parties = readParties(reader, context, header);
  const shipTo = requireParty(reader, parties, ['ST'], beg, 'ship-to');
  const billTo = parties.get('BT')?.party;
  const lines: PurchaseOrderLine[] = loops.map((loop) => {
    const line = readLine(reader, context, loop);
    const delivery = firstOf(loop, 'DTM', '002');
    const requestedDeliveryDate = delivery && reader.date(delivery, 2, 'the line delivery date');
    return {
      lineNumber: reader.integer(loop[0]!, 1, 'the line number') ?? 0,
      item: line.item,
      quantity: line.quantity,
      unitPrice: { amount: line.unitPrice ?? '0', currency },
      status: 'open',
      ...(requestedDeliveryDate ? { requestedDeliveryDate } : {}),
    };
  });
  checkCtt(reader, firstOf(summary, 'CTT'), loops.length, 'line items (PO1)', [
    lines.map((l) => l.quantity.value),
  ]);
  const charges = chargesOf(reader, header, currency);
  problems.throwIfAny(`850 set ${set.controlNumber}`);
  const carrier = carrierOf(firstOf(header, 'TD5'));
  const freightTerms = freightTermsOf(fobCode(header));
  const paymentTerms = paymentTermsOf(reader, firstOf(header, 'ITD'));
  const releaseNumber = optional(beg, 4);
  const order: PurchaseOrder = {
    ...documentHead(
      set,
      context,
      'purchase-order',
      hubDocumentId(context, 'purchase-order', poNumber),
      poNumber,
    ),
    poNumber,
    ...(releaseNumber ? { releaseNumber } : {}),
    supplierId: context.partner.partyId,
    type: type ?? 'standard',
    status: value(beg, 1) === '01' ? 'cancelled' : 'issued',
    orderDate,
    ...dates,
    currency,
    shipTo: shipTo!,
    ...(billTo ? { billTo } : {}),
    ...(carrier ? { carrier } : {}),
    ...(freightTerms ? { freightTerms } : {}),
    ...(paymentTerms ? { paymentTerms } : {}),
    lines,
    ...(charges.length ? { charges } : {}),
  };
  return { documents: [order], businessKeys: { poNumber } };
}
