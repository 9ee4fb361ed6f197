/**
 * Header segments several sets share: TD5 carrier, FOB freight terms, ITD payment terms, SAC charges and
 * allowances, N9/MSG and NTE notes, CUR currency.
 */
import type {
  Carrier,
  Charge,
  FreightTerms,
  Note,
  PaymentTerms,
} from '../../../canonical-model/generated/index';
import type { ElementReader } from './read-elements';
import { optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';

/** TD504 transportation method codes whose canonical mode is unambiguous. */
const MODES: Record<string, Carrier['mode']> = {
  A: 'air',
  AE: 'air',
  R: 'rail',
  S: 'ocean',
  U: 'parcel',
  H: 'customer-pickup',
  LT: 'ltl',
  TL: 'ftl',
};

/** A TD5 routing segment as a carrier; undefined when it names no carrier. */
export function carrierOf(td5: At | undefined): Carrier | undefined {
  if (!td5) return undefined;
  const scac = value(td5, 2) === '2' ? value(td5, 3).toUpperCase() : '';
  const name = optional(td5, 5);
  const mode = MODES[value(td5, 4)];
  const service = optional(td5, 12);
  const carrier: Carrier = {
    ...(/^[A-Z]{2,4}$/.test(scac) ? { scac } : {}),
    ...(name ? { name } : {}),
    ...(service ? { service } : {}),
    ...(mode ? { mode } : {}),
  };
  return Object.keys(carrier).length ? carrier : undefined;
}

/** FOB01 (X12 146 shipment method of payment) → freight terms. */
const FREIGHT: Record<string, FreightTerms> = {
  PP: 'prepaid',
  CC: 'collect',
  PC: 'prepaid-and-add',
  PA: 'prepaid-and-add',
  TP: 'third-party',
};

/** The freight terms of a FOB (or W27/W66 method-of-payment) code, when it is one the model knows. */
export function freightTermsOf(code: string | undefined): FreightTerms | undefined {
  return code ? FREIGHT[code] : undefined;
}

/** FOB01, the shipment method of payment, of the first FOB among `items`. */
export function fobCode(items: At[]): string | undefined {
  const fob = items.find((at) => at.segment.id === 'FOB');
  return fob ? optional(fob, 1) : undefined;
}

/** ITD terms of sale; amounts and dates read strictly, the terms described for people when ITD12 is absent. */
export function paymentTermsOf(reader: ElementReader, itd: At | undefined): PaymentTerms | undefined {
  if (!itd) return undefined;
  const discountPercent = reader.decimal(itd, 3, { nonNegative: true });
  const discountDays = reader.integer(itd, 5);
  const dueDate = reader.date(itd, 6);
  const netDays = reader.integer(itd, 7);
  const described =
    optional(itd, 12) ??
    [
      discountPercent && discountDays !== undefined ? `${discountPercent}% ${discountDays}` : '',
      netDays !== undefined ? `net ${netDays}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  const terms: PaymentTerms = {
    ...(described ? { description: described } : {}),
    ...(netDays !== undefined ? { netDays } : {}),
    ...(discountPercent ? { discountPercent } : {}),
    ...(discountDays !== undefined ? { discountDays } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
  return Object.keys(terms).length ? terms : undefined;
}

/** SAC02 (X12 1300) codes with a canonical charge type; everything else is 'other' with the code described. */
const CHARGE_TYPES: Record<string, Charge['type']> = {
  D240: 'freight',
  D500: 'handling',
  D980: 'insurance',
  H550: 'fuel-surcharge',
  C310: 'discount',
  F800: 'promotion',
  H151: 'small-order',
};

/** A SAC charge or allowance; SAC05 is N2 (implied two decimals). Undefined for SAC01 N (no charge) and errors. */
export function chargeOf(reader: ElementReader, sac: At, currency: string): Charge | undefined {
  const indicator = value(sac, 1);
  if (indicator !== 'A' && indicator !== 'C') {
    if (indicator !== 'N')
      reader.report(sac, 1, `${JSON.stringify(indicator)} is not A (allowance), C (charge) or N`);
    return undefined;
  }
  const amount = reader.implied(sac, 5, 2, 'the allowance or charge amount, N2: 4512 is 45.12');
  if (amount === undefined) return undefined;
  const code = value(sac, 2);
  const description = optional(sac, 15) ?? (code ? `SAC ${code}` : undefined);
  return {
    kind: indicator === 'A' ? 'allowance' : 'charge',
    type: CHARGE_TYPES[code] ?? 'other',
    ...(description ? { description } : {}),
    amount: { amount: amount.replace(/^-/, ''), currency },
  };
}

/**
 * A detail line's SAC segments: its allowances as amounts (the line nets them into its discount) and its charges,
 * each described with its line number so they can stand among the document's charges.
 */
export function lineChargesOf(
  reader: ElementReader,
  loop: At[],
  ordinal: number,
  currency: string,
): { allowances: string[]; charges: Charge[] } {
  const allowances: string[] = [];
  const charges: Charge[] = [];
  for (const sac of segmentsOf(loop, 'SAC')) {
    const charge = chargeOf(reader, sac, currency);
    if (charge?.kind === 'allowance') allowances.push(charge.amount.amount);
    else if (charge)
      charges.push({ ...charge, description: `line ${ordinal}: ${charge.description ?? charge.type}` });
  }
  return { allowances, charges };
}

/** The SAC segments among `items` (a header or summary) as charges; a SAC in error is reported and left out. */
export function chargesOf(reader: ElementReader, items: At[], currency: string): Charge[] {
  return segmentsOf(items, 'SAC').flatMap((sac) => chargeOf(reader, sac, currency) ?? []);
}

/** N9 loops (each N9 with its MSG lines) and NTE segments as notes of one type. */
export function notesOf(items: At[], type: Note['type']): Note[] {
  const notes: Note[] = [];
  let open: string[] | undefined;
  const flush = () => {
    if (open?.length) notes.push({ type, text: open.join('\n').slice(0, 4000) });
    open = undefined;
  };
  for (const at of items) {
    if (at.segment.id === 'N9') {
      flush();
      open = [];
    } else if (at.segment.id === 'MSG' && value(at, 1)) {
      (open ??= []).push(value(at, 1));
    } else if (at.segment.id === 'NTE' && value(at, 2)) {
      flush();
      notes.push({ type, text: value(at, 2) });
    }
  }
  flush();
  return notes.slice(0, 50);
}

/** CUR02 when sent and valid, else USD (the X12 default for the US trade the partners are in). */
export function currencyOf(reader: ElementReader, cur: At | undefined): string {
  if (!cur || !value(cur, 2)) return 'USD';
  const code = value(cur, 2).toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    reader.report(cur, 2, `${JSON.stringify(value(cur, 2))} is not an ISO 4217 currency code like USD`);
    return 'USD';
  }
  return code;
}
