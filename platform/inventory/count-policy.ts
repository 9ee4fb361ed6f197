/**
 * The count policy: when a cycle count's difference may adjust the ERP by itself and when it waits for a person.
 * One per legal entity. A count whose variance is above either threshold — units (|counted − previous|) or value
 * (units × unit cost, in `currency`) — waits for approval; at or below both it is posted at once. The policy also
 * names the ERP the entity's stock adjustments are posted to. Types, defaults and a pure validator, so workflow
 * code may import it.
 */
import { compareDecimal } from '../../canonical-model/decimal';
import { HubError } from '../errors';
import type { FieldError } from '../errors';

/** The count policy of one legal entity. */
export interface CountPolicy {
  legalEntityId: string;
  /** ERP connector the entity's inventory adjustments are posted to (else the hub's fallback for the entity). */
  erpConnectorId?: string;
  /** A count differing by more than this many units (decimal string, base unit) waits for approval. */
  approvalThresholdUnits: string;
  /** A count whose difference is worth more than this (decimal string, in `currency`) waits for approval. */
  approvalThresholdValue: string;
  /** Currency of `approvalThresholdValue`: an ISO 4217 code. */
  currency: string;
}

/** What a legal entity without a stored policy gets, and what a stored one's missing fields default to. */
export const COUNT_POLICY_DEFAULTS = {
  approvalThresholdUnits: '10',
  approvalThresholdValue: '500',
  currency: 'USD',
} as const;

/** The policy of a legal entity that has none stored. */
export function defaultCountPolicy(legalEntityId: string): CountPolicy {
  return { legalEntityId, ...COUNT_POLICY_DEFAULTS };
}

const FIELDS = [
  'legalEntityId',
  'erpConnectorId',
  'approvalThresholdUnits',
  'approvalThresholdValue',
  'currency',
] as const;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a count policy and answers a clean copy with defaults filled in; a `data` HubError names each bad field. */
export function validateCountPolicy(input: unknown): CountPolicy {
  if (!isObject(input)) {
    throw new HubError('data', 'a count policy must be an object', {
      fieldErrors: [{ path: '/', message: 'must be an object' }],
    });
  }
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!(FIELDS as readonly string[]).includes(key))
      errors.push({ path: `/${key}`, message: 'is not a field of a count policy' });
  }
  const id = (key: 'legalEntityId' | 'erpConnectorId', optional: boolean): string | undefined => {
    const v = input[key];
    if (v === undefined && optional) return undefined;
    if (typeof v === 'string' && ID.test(v)) return v;
    errors.push({ path: `/${key}`, message: 'must be an id of letters, digits and _ . : - (at most 128)' });
    return undefined;
  };
  const threshold = (key: 'approvalThresholdUnits' | 'approvalThresholdValue'): string => {
    const v = input[key];
    if (v === undefined) return COUNT_POLICY_DEFAULTS[key];
    if (typeof v === 'string' && DECIMAL.test(v) && compareDecimal(v, '0') >= 0) return v;
    errors.push({ path: `/${key}`, message: 'must be a decimal string ≥ 0, like "10" or "250.50"' });
    return '0';
  };
  const legalEntityId = id('legalEntityId', false);
  const erpConnectorId = id('erpConnectorId', true);
  const approvalThresholdUnits = threshold('approvalThresholdUnits');
  const approvalThresholdValue = threshold('approvalThresholdValue');
  const currency = input.currency === undefined ? COUNT_POLICY_DEFAULTS.currency : input.currency;
  if (typeof currency !== 'string' || !CURRENCY.test(currency))
    errors.push({ path: '/currency', message: 'must be a three-letter ISO 4217 currency code like "USD"' });
  if (errors.length || legalEntityId === undefined || typeof currency !== 'string') {
    throw new HubError('data', `invalid count policy: ${errors.map((e) => e.path).join(', ')}`, {
      fieldErrors: errors,
    });
  }
  return {
    legalEntityId,
    ...(erpConnectorId === undefined ? {} : { erpConnectorId }),
    approvalThresholdUnits,
    approvalThresholdValue,
    currency,
  };
}
