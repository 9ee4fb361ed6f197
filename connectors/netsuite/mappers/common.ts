/** Helpers the NetSuite mappers share: units, money, instants and the `source` of documents read. */
import type { DocumentSource, Money } from '../../../canonical-model/generated/index';
import type { MappingProblems } from '../../sdk/mapping';

/** NetSuite unit names (as `refName`) → canonical unit codes. */
export const UOM_ALIASES: Record<string, string> = {
  Each: 'EA',
  each: 'EA',
  Piece: 'PC',
  Case: 'CS',
  case: 'CS',
  Box: 'BX',
  Dozen: 'DZ',
  Pair: 'PR',
  Pallet: 'PL',
  Pack: 'PK',
  Carton: 'CT',
  Pound: 'LB',
  Kilogram: 'KG',
  Gram: 'G',
  Ounce: 'OZ',
  Liter: 'L',
  Gallon: 'GAL',
};

/** What mappers of read records need from the connector instance. */
export interface ReadMapContext {
  connectorId: string;
  legalEntityId: string;
  /** Currency of amounts the record does not qualify itself (item prices, costs). */
  currency: string;
}

/** An amount in a currency. */
export function money(amount: string, currency: string): Money {
  return { amount, currency };
}

/** The `source` block of a document read from NetSuite. */
export function sourceOf(ctx: ReadMapContext, internalId: string, version?: string): DocumentSource {
  return {
    connectorId: ctx.connectorId,
    system: 'netsuite',
    externalId: internalId,
    ...(version ? { version } : {}),
  };
}

/** NetSuite's lastModifiedDate as an RFC 3339 instant, or undefined when it has none. */
export function instant(value: unknown, path: string, problems: MappingProblems): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return /(?:Z|[+-]\d{2}:\d{2})$/.test(value) ? value : new Date(value).toISOString();
  }
  problems.add(path, `${JSON.stringify(value)} is not a date-time`);
  return undefined;
}

/** A currency `refName` when it is an ISO 4217 code. */
export function isoCurrency(refName: unknown): string | undefined {
  return typeof refName === 'string' && /^[A-Z]{3}$/.test(refName) ? refName : undefined;
}

/** The text when it is non-empty. */
export function optionalText(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}
