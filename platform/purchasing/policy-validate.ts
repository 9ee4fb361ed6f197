/**
 * Checks a purchasing policy as a PUT gives it, field by field: a `data` HubError lists every bad field by its JSON
 * pointer relative to the policy (`/sourcing/0/suppliers/0/packMultiple`). The answer is a clean copy (known fields
 * only, in a fixed order) with the defaults of PURCHASING_POLICY_DEFAULTS filled in. Pure.
 */
import { compareDecimal } from '../../canonical-model/decimal';
import { HubError } from '../errors';
import type { FieldError } from '../errors';
import { PURCHASING_POLICY_DEFAULTS } from './policy';
import type { PurchasingPolicy, SourcingRule, SupplierChannel, SupplierSource } from './policy';

type Fields = Record<string, unknown>;

/** Plain decimal strings as the hub writes them: no sign, no exponent, at most 6 decimals. */
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const MAX_TEXT = 200;
const MAX_HOURS = 24 * 366;
const MAX_WINDOW_MINUTES = 7 * 24 * 60;
const MAX_LEAD_DAYS = 3650;

const POLICY_FIELDS = [
  'legalEntityId',
  'erpConnectorId',
  'wmsConnectorId',
  'defaultLocationId',
  'poNumberPrefix',
  'currency',
  'approvalThreshold',
  'approvalTimeoutHours',
  'ackTimeoutHours',
  'ackPriceTolerancePercent',
  'matchPriceTolerancePercent',
  'quantityTolerancePercent',
  'coalesceWindowMinutes',
  'exceptionOwner',
  'paymentCheckMinutes',
  'paymentWatchDays',
  'sourcing',
] as const;
const RULE_FIELDS = ['sku', 'locationId', 'suppliers', 'reorderPoint', 'safetyStock'] as const;
const SUPPLIER_FIELDS = [
  'supplierId',
  'channel',
  'unitPrice',
  'currency',
  'uom',
  'minOrderQuantity',
  'packMultiple',
  'leadTimeDays',
] as const;
const CHANNEL_FIELDS = {
  edi: ['ediConnectorId', 'partnerId'],
  portal: ['connectorId', 'portalSupplierId'],
} as const;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Collects field errors while the parts of a policy are read. */
class Reader {
  readonly errors: FieldError[] = [];

  bad(path: string, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  /** Every field of `o` that is not one of `known` is an error. */
  onlyKnown(o: Fields, known: readonly string[], base: string, what: string): void {
    for (const key of Object.keys(o)) {
      if (!known.includes(key)) this.bad(`${base}/${escape(key)}`, `is not a field of ${what}`);
    }
  }

  text(o: Fields, key: string, base: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_TEXT) return v;
    return this.bad(`${base}/${key}`, `must be a non-empty string of at most ${MAX_TEXT} characters`);
  }

  currency(o: Fields, key: string, base: string, fallback?: string): string | undefined {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && CURRENCY.test(v)) return v;
    return this.bad(`${base}/${key}`, 'must be a three-letter ISO 4217 currency code like "USD"');
  }

  /** A decimal string; `positive` refuses zero. */
  decimal(
    o: Fields,
    key: string,
    base: string,
    options: { positive?: boolean; fallback?: string; optional?: boolean } = {},
  ): string | undefined {
    const v = o[key];
    if (v === undefined && options.fallback !== undefined) return options.fallback;
    if (v === undefined && options.optional) return undefined;
    const what = options.positive ? 'a decimal string greater than 0' : 'a decimal string ≥ 0';
    if (typeof v !== 'string' || !DECIMAL.test(v)) {
      return this.bad(`${base}/${key}`, `must be ${what}, like "12" or "0.5"`);
    }
    if (options.positive && compareDecimal(v, '0') <= 0) return this.bad(`${base}/${key}`, `must be ${what}`);
    return v;
  }

  /** A number within [min, max] (`min` excluded when `exclusiveMin`), whole when `integer`. */
  number(
    o: Fields,
    key: string,
    base: string,
    range: { min: number; max: number; exclusiveMin?: boolean; integer?: boolean; fallback?: number },
  ): number | undefined {
    const v = o[key];
    if (v === undefined && range.fallback !== undefined) return range.fallback;
    const low = typeof v === 'number' && (range.exclusiveMin ? v > range.min : v >= range.min);
    const whole = typeof v === 'number' && (!range.integer || Number.isInteger(v));
    if (typeof v === 'number' && Number.isFinite(v) && low && v <= range.max && whole) return v;
    const kind = range.integer ? 'a whole number' : 'a number';
    const lower = range.exclusiveMin ? `greater than ${range.min}` : `from ${range.min}`;
    return this.bad(`${base}/${key}`, `must be ${kind} ${lower} up to ${range.max}`);
  }
}

function readChannel(r: Reader, o: Fields, base: string): SupplierChannel | undefined {
  const path = `${base}/channel`;
  const channel = o.channel;
  if (!isObject(channel)) return r.bad(path, 'must be an object with kind "edi" or "portal"');
  const kind = channel.kind;
  if (kind !== 'edi' && kind !== 'portal') return r.bad(`${path}/kind`, 'must be one of edi, portal');
  r.onlyKnown(channel, ['kind', ...CHANNEL_FIELDS[kind]], path, `a ${kind} channel`);
  if (kind === 'edi') {
    const ediConnectorId = r.text(channel, 'ediConnectorId', path);
    const partnerId = r.text(channel, 'partnerId', path);
    return ediConnectorId && partnerId ? { kind, ediConnectorId, partnerId } : undefined;
  }
  const connectorId = r.text(channel, 'connectorId', path);
  const portalSupplierId =
    channel.portalSupplierId === undefined ? undefined : r.text(channel, 'portalSupplierId', path);
  if (!connectorId || (channel.portalSupplierId !== undefined && !portalSupplierId)) return undefined;
  return { kind, connectorId, ...(portalSupplierId ? { portalSupplierId } : {}) };
}

function readSupplier(r: Reader, raw: unknown, base: string): SupplierSource | undefined {
  if (!isObject(raw)) return r.bad(base, 'must be a supplier object');
  r.onlyKnown(raw, SUPPLIER_FIELDS, base, 'a supplier');
  const supplier = {
    supplierId: r.text(raw, 'supplierId', base),
    channel: readChannel(r, raw, base),
    unitPrice: r.decimal(raw, 'unitPrice', base, { positive: true }),
    currency: r.currency(raw, 'currency', base),
    uom: r.text(raw, 'uom', base),
    minOrderQuantity: r.decimal(raw, 'minOrderQuantity', base),
    packMultiple: r.decimal(raw, 'packMultiple', base, { positive: true }),
    leadTimeDays: r.number(raw, 'leadTimeDays', base, { min: 0, max: MAX_LEAD_DAYS, integer: true }),
  };
  return Object.values(supplier).every((v) => v !== undefined) ? (supplier as SupplierSource) : undefined;
}

function readRule(r: Reader, raw: unknown, base: string): SourcingRule | undefined {
  if (!isObject(raw)) return r.bad(base, 'must be a sourcing rule object');
  r.onlyKnown(raw, RULE_FIELDS, base, 'a sourcing rule');
  const sku = r.text(raw, 'sku', base);
  const locationId = r.text(raw, 'locationId', base, true);
  const reorderPoint = r.decimal(raw, 'reorderPoint', base, { optional: true });
  const safetyStock = r.decimal(raw, 'safetyStock', base, { optional: true });
  const list = raw.suppliers;
  if (!Array.isArray(list) || list.length === 0) {
    return r.bad(`${base}/suppliers`, 'must be a non-empty list of suppliers, in preference order');
  }
  const seen = new Set<string>();
  const suppliers = list.map((s, i) => {
    const supplier = readSupplier(r, s, `${base}/suppliers/${i}`);
    if (supplier && seen.has(supplier.supplierId)) {
      return r.bad(`${base}/suppliers/${i}/supplierId`, `${supplier.supplierId} is listed more than once`);
    }
    if (supplier) seen.add(supplier.supplierId);
    return supplier;
  });
  if (sku === undefined || suppliers.some((s) => s === undefined)) return undefined;
  return {
    sku,
    ...(locationId === undefined ? {} : { locationId }),
    suppliers: suppliers as SupplierSource[],
    ...(reorderPoint === undefined ? {} : { reorderPoint }),
    ...(safetyStock === undefined ? {} : { safetyStock }),
  };
}

function readSourcing(r: Reader, p: Fields): SourcingRule[] | undefined {
  if (!Array.isArray(p.sourcing)) return r.bad('/sourcing', 'must be a list of sourcing rules');
  const seen = new Set<string>();
  const rules = (p.sourcing as unknown[]).map((raw, i) => {
    const rule = readRule(r, raw, `/sourcing/${i}`);
    const { sku, locationId } = isObject(raw) ? raw : {};
    if (
      typeof sku !== 'string' ||
      !sku.trim() ||
      (locationId !== undefined && typeof locationId !== 'string')
    ) {
      return rule;
    }
    const key = `${sku}\u0000${locationId ?? ''}`;
    if (seen.has(key)) {
      const where = locationId ? ` at ${locationId}` : ' for every warehouse';
      return r.bad(`/sourcing/${i}/sku`, `${sku}${where} has another rule`);
    }
    seen.add(key);
    return rule;
  });
  return rules.every((rule) => rule !== undefined) ? rules : undefined;
}

/** Validates a purchasing policy and answers it with defaults filled in; a `data` HubError names each bad field. */
export function validatePurchasingPolicy(input: unknown): PurchasingPolicy {
  if (!isObject(input)) {
    throw new HubError('data', 'a purchasing policy must be an object', {
      fieldErrors: [{ path: '/', message: 'must be an object' }],
    });
  }
  const r = new Reader();
  const d = PURCHASING_POLICY_DEFAULTS;
  r.onlyKnown(input, POLICY_FIELDS, '', 'a purchasing policy');
  const percent = { min: 0, max: 100 };
  const policy = {
    legalEntityId: r.text(input, 'legalEntityId', ''),
    erpConnectorId: r.text(input, 'erpConnectorId', '', true),
    wmsConnectorId: r.text(input, 'wmsConnectorId', '', true),
    defaultLocationId: r.text(input, 'defaultLocationId', '', true),
    poNumberPrefix:
      input.poNumberPrefix === undefined
        ? undefined
        : typeof input.poNumberPrefix === 'string' && /^[A-Za-z0-9-]{1,12}$/.test(input.poNumberPrefix)
          ? input.poNumberPrefix
          : r.bad('/poNumberPrefix', "must be 1 to 12 letters, digits or '-'"),
    currency: r.currency(input, 'currency', '', d.currency),
    approvalThreshold: r.decimal(input, 'approvalThreshold', '', { fallback: d.approvalThreshold }),
    approvalTimeoutHours: r.number(input, 'approvalTimeoutHours', '', {
      ...{ min: 0, max: MAX_HOURS, exclusiveMin: true, fallback: d.approvalTimeoutHours },
    }),
    ackTimeoutHours: r.number(input, 'ackTimeoutHours', '', {
      ...{ min: 0, max: MAX_HOURS, exclusiveMin: true, fallback: d.ackTimeoutHours },
    }),
    ackPriceTolerancePercent: r.number(input, 'ackPriceTolerancePercent', '', {
      ...{ ...percent, fallback: d.ackPriceTolerancePercent },
    }),
    matchPriceTolerancePercent: r.number(input, 'matchPriceTolerancePercent', '', {
      ...{ ...percent, fallback: d.matchPriceTolerancePercent },
    }),
    quantityTolerancePercent: r.number(input, 'quantityTolerancePercent', '', {
      ...{ ...percent, fallback: d.quantityTolerancePercent },
    }),
    coalesceWindowMinutes: r.number(input, 'coalesceWindowMinutes', '', {
      ...{ min: 0, max: MAX_WINDOW_MINUTES, fallback: d.coalesceWindowMinutes },
    }),
    exceptionOwner:
      input.exceptionOwner === undefined ? d.exceptionOwner : r.text(input, 'exceptionOwner', ''),
    paymentCheckMinutes: r.number(input, 'paymentCheckMinutes', '', {
      ...{ min: 0, max: MAX_WINDOW_MINUTES, exclusiveMin: true, fallback: d.paymentCheckMinutes },
    }),
    paymentWatchDays: r.number(input, 'paymentWatchDays', '', {
      ...{ min: 0, max: 366, fallback: d.paymentWatchDays },
    }),
    sourcing: readSourcing(r, input),
  };
  if (r.errors.length) {
    throw new HubError('data', `invalid purchasing policy: ${r.errors.map((e) => e.path).join(', ')}`, {
      fieldErrors: r.errors,
    });
  }
  return Object.fromEntries(
    Object.entries(policy).filter(([, v]) => v !== undefined),
  ) as unknown as PurchasingPolicy;
}
