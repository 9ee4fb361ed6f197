/** TEST SUPPORT ONLY. The pieces the restrict functions share: how each X12 construct carries a canonical value. */
import type {
  Carrier,
  Charge,
  ItemReference,
  Party,
  PaymentTerms,
  Tax,
} from '../../../../canonical-model/generated/index';
import { toPlaces } from '../../../sdk/decimal';
import { CHARGE_CODES, TRANSPORT_METHODS } from '../commercial-segments';
import { orderIdentifiers } from '../product-ids';
import { rDecimal } from '../x12-values';

/** A restricted document: plain JSON. */
export type Json = Record<string, unknown>;

/** Drops undefined fields (deeply) so optional fields compare as absent. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out as T;
  }
  return value;
}

/** An R decimal as the set carries it. */
export const r = (text: string) => rDecimal(text, '');
/** An N2 amount as the set carries it. */
export const n2 = (text: string) => toPlaces(text, 2);

/** A party as an N1 loop carries it. */
export function party(p: Party | undefined): Json | undefined {
  if (!p) return undefined;
  const a = p.address;
  return {
    name: p.name,
    code: p.gln ? undefined : p.code,
    gln: p.gln,
    address: a && {
      name: p.name,
      attention: a.attention,
      lines: a.lines,
      city: a.city,
      region: a.region,
      postalCode: a.postalCode,
      countryCode: a.countryCode,
    },
  };
}

/** An item as qualifier/id pairs (and PID) carry it. */
export function item(ref: ItemReference, preference: readonly string[], withDescription = true): Json {
  return {
    identifiers: orderIdentifiers(ref, preference).map((q) => q.identifier),
    description: withDescription ? ref.description : undefined,
  };
}

/** A carrier as TD5 (or W66, without service) carries it. */
export function carrier(c: Carrier | undefined, withService = true): Json | undefined {
  if (!c) return undefined;
  const mode = c.mode && TRANSPORT_METHODS[c.mode] ? c.mode : undefined;
  const out = { scac: c.scac, name: c.name, service: withService ? c.service : undefined, mode };
  return Object.values(out).some((v) => v !== undefined) ? out : undefined;
}

/** Payment terms as ITD carries them. */
export function terms(t: PaymentTerms | undefined): Json | undefined {
  if (!t) return undefined;
  return {
    description: t.description ?? t.code,
    netDays: t.netDays,
    discountPercent: t.discountPercent === undefined ? undefined : r(t.discountPercent),
    discountDays: t.discountDays,
    dueDate: t.dueDate,
  };
}

/** A charge as SAC carries it. */
export function charge(c: Charge): Json {
  const code = CHARGE_CODES[c.type];
  return {
    kind: c.kind,
    type: code ? c.type : 'other',
    description: c.description ?? `SAC ${code ?? 'ZZZZ'}`,
    amount: { amount: n2(c.amount.amount), currency: c.amount.currency },
  };
}

/** A tax as TXI carries it. */
export function tax(t: Tax, currency: string): Json {
  return {
    type: t.type,
    jurisdiction: t.jurisdiction,
    ratePercent: t.ratePercent === undefined ? undefined : r(t.ratePercent),
    amount: { amount: r(t.amount.amount), currency },
  };
}
