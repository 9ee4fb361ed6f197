/**
 * Header segments several sets share — TD5 carrier, FOB freight terms, ITD payment terms, SAC charges, CUR
 * currency — written with the code lists the inbound readers (../inbound/read-commercial.ts) read back.
 */
import type { Carrier, Charge, FreightTerms, PaymentTerms } from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import { impliedN2, rDecimal } from './x12-values';

/** TD504 transportation method codes; courier and other have no unambiguous code and are not sent. */
export const TRANSPORT_METHODS: Partial<Record<NonNullable<Carrier['mode']>, string>> = {
  air: 'A',
  rail: 'R',
  ocean: 'S',
  parcel: 'U',
  'customer-pickup': 'H',
  ltl: 'LT',
  ftl: 'TL',
};

/** X12 146 shipment method of payment codes (FOB01, W6601). */
export const PAYMENT_METHODS: Record<FreightTerms, string> = {
  prepaid: 'PP',
  collect: 'CC',
  'prepaid-and-add': 'PA',
  'third-party': 'TP',
};

/** TD5 routing: TD502 2 + TD503 SCAC, TD504 mode, TD505 name, TD512 service level. */
export function carrierSegment(carrier: Carrier): OutSegment {
  const scac = carrier.scac;
  const mode = carrier.mode ? TRANSPORT_METHODS[carrier.mode] : undefined;
  return {
    id: 'TD5',
    elements: ['', scac ? '2' : '', scac, mode, carrier.name, '', '', '', '', '', '', carrier.service],
  };
}

/** FOB01 freight terms. */
export function freightSegment(terms: FreightTerms): OutSegment {
  return { id: 'FOB', elements: [PAYMENT_METHODS[terms]] };
}

/**
 * ITD terms: 01 basic, 02 from the invoice date, 03 discount %, 05 discount days, 06 net due date, 07 net days,
 * 12 description. The terms code has no ITD element, so it travels as the description when there is none.
 */
export function termsSegment(terms: PaymentTerms, path: string): OutSegment {
  const percent =
    terms.discountPercent === undefined
      ? undefined
      : rDecimal(terms.discountPercent, `${path}/discountPercent`);
  const due = terms.dueDate?.replace(/-/g, '');
  return {
    id: 'ITD',
    elements: [
      '01',
      '3',
      percent,
      '',
      terms.discountDays?.toString(),
      due,
      terms.netDays?.toString(),
      '',
      '',
      '',
      '',
      terms.description ?? terms.code,
    ],
  };
}

/** SAC02 (X12 1300) code of each charge type; types without a standard code go as ZZZZ (mutually defined). */
export const CHARGE_CODES: Partial<Record<Charge['type'], string>> = {
  freight: 'D240',
  handling: 'D500',
  insurance: 'D980',
  'fuel-surcharge': 'H550',
  discount: 'C310',
  promotion: 'F800',
  'small-order': 'H151',
};

/** SAC allowance/charge: 01 A or C, 02 code, 05 amount (N2), 15 description. */
export function chargeSegment(charge: Charge, path: string): OutSegment {
  const amount = impliedN2(charge.amount.amount, `${path}/amount/amount`);
  const elements = [
    charge.kind === 'allowance' ? 'A' : 'C',
    CHARGE_CODES[charge.type] ?? 'ZZZZ',
    '',
    '',
    amount,
  ];
  return { id: 'SAC', elements: [...elements, ...Array<string>(9).fill(''), charge.description] };
}

/** CUR with the entity whose currency it is (BY buyer on an 850, SE seller on 855/810). */
export function currencySegment(entity: 'BY' | 'SE', currency: string): OutSegment {
  return { id: 'CUR', elements: [entity, currency] };
}
