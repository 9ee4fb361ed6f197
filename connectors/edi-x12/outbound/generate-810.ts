/**
 * 810 Invoice to a customer from an AR canonical Invoice: BIG, CUR, N1 BT/ST/RI, ITD, DTM 011, then per line IT1
 * (R unit price), PID, SAC line discount and TXI line taxes; the summary TDS (N2: 144.00 is 14400), TXI document
 * taxes, SAC charges and allowances, CTT. See README.md for what is carried.
 */
import type { Invoice, Tax } from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import { chargeSegment, currencySegment, termsSegment } from './commercial-segments';
import type { SetGenerator } from './context';
import { partySegments } from './party-segments';
import { productIdPairs } from './product-ids';
import { dateX12, impliedN2, invalid, rDecimal, sumDecimals } from './x12-values';
import { unitX12 } from './x12-values';

/** BIG07 transaction type code of each memo type (a plain invoice sends none). */
export const INVOICE_TYPE_CODES: Partial<Record<Invoice['type'], string>> = {
  'credit-memo': 'CR',
  'debit-memo': 'DI',
};

/** TXI01 (X12 963) tax type code of each canonical tax type; other goes as ZZ (mutually defined). */
export const TAX_TYPE_CODES: Record<Tax['type'], string> = {
  sales: 'ST',
  use: 'UT',
  vat: 'VA',
  gst: 'GS',
  hst: 'HS',
  pst: 'PG',
  excise: 'EV',
  withholding: 'WH',
  other: 'ZZ',
};

/** TXI: 01 type, 02 amount (R), 03 rate percent, 04 VD (vendor-defined jurisdiction) with 05 the jurisdiction. */
function taxSegment(tax: Tax, path: string): OutSegment {
  return {
    id: 'TXI',
    elements: [
      TAX_TYPE_CODES[tax.type],
      rDecimal(tax.amount.amount, `${path}/amount/amount`),
      tax.ratePercent === undefined ? undefined : rDecimal(tax.ratePercent, `${path}/ratePercent`),
      tax.jurisdiction ? 'VD' : '',
      tax.jurisdiction,
    ],
  };
}

/** Builds the 810 body for an AR `invoice`. */
export const generate810: SetGenerator<Invoice> = (invoice, context) => {
  if (invoice.direction !== 'AR') invalid('/direction', 'must be AR: the hub sends 810s only to customers');
  const body: OutSegment[] = [
    {
      id: 'BIG',
      elements: [
        dateX12(invoice.invoiceDate, '/invoiceDate'),
        invoice.invoiceNumber,
        '',
        invoice.poNumber,
        '',
        '',
        INVOICE_TYPE_CODES[invoice.type],
      ],
    },
    currencySegment('SE', invoice.currency),
  ];
  if (invoice.billTo) body.push(...partySegments('BT', invoice.billTo, '/billTo'));
  if (invoice.shipTo) body.push(...partySegments('ST', invoice.shipTo, '/shipTo'));
  if (invoice.remitTo) body.push(...partySegments('RI', invoice.remitTo, '/remitTo'));
  const dueDate = invoice.paymentTerms?.dueDate ?? invoice.dueDate;
  if (invoice.paymentTerms || dueDate) {
    body.push(termsSegment({ ...invoice.paymentTerms, ...(dueDate ? { dueDate } : {}) }, '/paymentTerms'));
  }
  if (invoice.shipDate) body.push({ id: 'DTM', elements: ['011', dateX12(invoice.shipDate, '/shipDate')] });
  invoice.lines.forEach((line, i) => {
    const path = `/lines/${i}`;
    for (const [field, money] of [
      ['unitPrice', line.unitPrice],
      ['amount', line.amount],
      ['discount', line.discount],
    ] as const) {
      if (money && money.currency !== invoice.currency) {
        invalid(
          `${path}/${field}/currency`,
          `is ${money.currency} but the invoice is in ${invoice.currency}`,
        );
      }
    }
    const ids = line.item
      ? productIdPairs(line.item, context.profile.productIdQualifiers, 10, `${path}/item`)
      : [];
    body.push(
      {
        id: 'IT1',
        elements: [
          line.orderLineNumber?.toString(),
          rDecimal(line.quantity.value, `${path}/quantity/value`),
          unitX12(line.quantity.uom),
          rDecimal(line.unitPrice.amount, `${path}/unitPrice/amount`),
          '',
          ...ids,
        ],
      },
      { id: 'PID', elements: ['F', '', '', '', line.description] },
    );
    if (line.discount) {
      body.push(
        chargeSegment({ kind: 'allowance', type: 'discount', amount: line.discount }, `${path}/discount`),
      );
    }
    line.taxes?.forEach((tax, t) => body.push(taxSegment(tax, `${path}/taxes/${t}`)));
  });
  body.push({ id: 'TDS', elements: [impliedN2(invoice.totals.total.amount, '/totals/total/amount')] });
  invoice.taxes?.forEach((tax, t) => body.push(taxSegment(tax, `/taxes/${t}`)));
  invoice.charges?.forEach((charge, c) => body.push(chargeSegment(charge, `/charges/${c}`)));
  body.push({
    id: 'CTT',
    elements: [
      String(invoice.lines.length),
      rDecimal(sumDecimals(invoice.lines.map((l) => l.quantity.value)), '/lines'),
    ],
  });
  return body;
};
