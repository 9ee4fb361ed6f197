/** Shapes shared by the Business Central mappers: units, money, addresses, payment terms and document source. */
import type { Address, DocumentSource, Money, PaymentTerms } from '../../../canonical-model/generated/index';
import { moneyAmount } from '../decimal';
import type { MappingProblems } from '../../sdk/mapping';

/** Business Central unit-of-measure codes → canonical units (anything else must already be a canonical code). */
export const BC_UNIT_ALIASES: Record<string, string> = {
  PCS: 'EA',
  PIECE: 'EA',
  EACH: 'EA',
  BOX: 'BX',
  CASE: 'CS',
  PACK: 'PK',
  PALLET: 'PL',
  DOZEN: 'DZ',
  CAN: 'CA',
  BAG: 'BG',
  ROLL: 'RL',
  SET: 'ST',
  PAIR: 'PR',
  KIT: 'KT',
};

const TO_BC_UNIT: Record<string, string> = { EA: 'PCS', BX: 'BOX', CS: 'CASE', PK: 'PACK', PL: 'PALLET' };

/** The Business Central unit code the hub writes for a canonical unit. */
export function bcUnitOf(uom: string): string {
  return TO_BC_UNIT[uom] ?? uom;
}

/** A BC record as read: loose JSON. */
export type BcRecord = Record<string, unknown>;

/** The canonical currency of a BC currencyCode ("" is the company's local currency). */
export function currencyOf(code: unknown, localCurrency: string): string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? code : localCurrency;
}

/** Money from a BC JSON number. */
export function moneyOf(problems: MappingProblems, value: unknown, path: string, currency: string): Money {
  return { amount: moneyAmount(problems.decimal(value, path)), currency };
}

/** The document source of a record read from Business Central. */
export function sourceOf(connectorId: string, record: BcRecord): DocumentSource {
  return {
    connectorId,
    system: 'business-central',
    externalId: String(record.id),
    ...(typeof record.lastModifiedDateTime === 'string' ? { version: record.lastModifiedDateTime } : {}),
  };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** A canonical address from BC's flat addressLine1/2, city, state, country, postalCode; undefined when incomplete. */
export function addressOf(record: BcRecord, prefix = ''): Address | undefined {
  const field = (name: string) =>
    text(record[prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name]);
  const lines = [field('addressLine1'), field('addressLine2')].filter((l): l is string => l !== undefined);
  const city = field('city');
  const country = field('country')?.toUpperCase();
  if (!lines.length || !city || !country || !/^[A-Z]{2}$/.test(country)) return undefined;
  const region = field('state');
  const postalCode = field('postalCode') ?? field('postCode');
  return {
    lines,
    city,
    countryCode: country,
    ...(region ? { region } : {}),
    ...(postalCode ? { postalCode } : {}),
  };
}

/** Payment terms from an expanded `paymentTerm` (dueDateCalculation "30D" → 30 net days). */
export function termsOf(problems: MappingProblems, term: unknown, path: string): PaymentTerms | undefined {
  if (!term || typeof term !== 'object') return undefined;
  const t = term as BcRecord;
  const code = text(t.code);
  if (!code) return undefined;
  const days = (calc: unknown) => (typeof calc === 'string' ? /^(\d+)D$/.exec(calc.trim()) : null)?.[1];
  const net = days(t.dueDateCalculation);
  const discountDays = days(t.discountDateCalculation);
  const discount =
    t.discountPercent === undefined ? '0' : problems.decimal(t.discountPercent, `${path}/discountPercent`);
  const description = text(t.displayName);
  return {
    code,
    ...(description ? { description } : {}),
    ...(net ? { netDays: Number(net) } : {}),
    ...(discount !== '0' && discountDays
      ? { discountPercent: discount, discountDays: Number(discountDays) }
      : {}),
  };
}

/** Optional non-empty text of a BC field. */
export function optionalText(value: unknown): string | undefined {
  return text(value);
}
