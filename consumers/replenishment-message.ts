/**
 * The message on `hub.replenishment-signals.v1`, as activities/order-to-cash/bookkeeping.ts raiseReplenishment
 * writes it: `{signalId, legalEntityId, sku, quantity, needBy?, reason, salesOrderId?, locationId?, requestedBy?}`.
 * Reading it names every field that is wrong, as JSON pointers into the message.
 */
import type { Message } from 'node-rdkafka';
import { compareDecimal } from '../canonical-model/decimal';
import type { FieldError } from '../platform/errors';
import type { ReplenishmentReason } from '../workflows/procure-to-receive/types';

/** A well-formed replenishment message (the warehouse may still be missing: the policy's default fills it). */
export interface ReplenishmentMessage {
  signalId: string;
  legalEntityId: string;
  sku: string;
  quantity: string;
  reason: ReplenishmentReason;
  needBy?: string;
  salesOrderId?: string;
  locationId?: string;
  requestedBy?: string;
}

/** What could be read of a message that is not well formed, and what is wrong with it. */
export interface UnreadableMessage {
  problems: FieldError[];
  /** The fields that could be read, for finding the dead letter by them. */
  keys: Record<string, string>;
}

/** The fields a kept message can be found by (dead-letter business keys). */
const KEY_FIELDS = new Set(['signalId', 'legalEntityId', 'sku', 'salesOrderId', 'locationId']);
const REASONS: readonly ReplenishmentReason[] = ['backorder', 'reorder-point', 'manual'];
const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** Reads the message; a list of problems when it is not JSON or a field is missing or wrong. */
export function readReplenishmentMessage(message: Message): ReplenishmentMessage | UnreadableMessage {
  let body: unknown;
  try {
    body = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return { problems: [{ path: '', message: 'the message is not JSON' }], keys: {} };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: [{ path: '', message: 'the message is not a JSON object' }], keys: {} };
  }
  const b = body as Record<string, unknown>;
  const problems: FieldError[] = [];
  const keys: Record<string, string> = {};
  const required = (name: string): string => {
    const value = text(b[name]);
    if (value && KEY_FIELDS.has(name)) keys[name] = value;
    if (!value)
      problems.push({ path: `/${name}`, message: b[name] === undefined ? 'is missing' : 'is not text' });
    return value ?? '';
  };
  const optional = (name: string): string | undefined => {
    if (b[name] === undefined || b[name] === null) return undefined;
    const value = text(b[name]);
    if (value && KEY_FIELDS.has(name)) keys[name] = value;
    if (!value) problems.push({ path: `/${name}`, message: 'is not text' });
    return value;
  };
  const signalId = required('signalId');
  const legalEntityId = required('legalEntityId');
  const sku = required('sku');
  const quantity = required('quantity');
  if (quantity && (!DECIMAL.test(quantity) || compareDecimal(quantity, '0') <= 0)) {
    problems.push({ path: '/quantity', message: `${quantity} is not a decimal quantity greater than 0` });
  }
  const reason = required('reason') as ReplenishmentReason;
  if (reason && !REASONS.includes(reason)) {
    problems.push({ path: '/reason', message: `${reason} is not one of ${REASONS.join(', ')}` });
  }
  const needBy = optional('needBy');
  if (needBy && !DATE.test(needBy))
    problems.push({ path: '/needBy', message: `${needBy} is not a YYYY-MM-DD date` });
  const salesOrderId = optional('salesOrderId');
  const locationId = optional('locationId');
  const requestedBy = optional('requestedBy');
  if (problems.length) return { problems, keys };
  return {
    signalId,
    legalEntityId,
    sku,
    quantity,
    reason,
    ...(needBy ? { needBy } : {}),
    ...(salesOrderId ? { salesOrderId } : {}),
    ...(locationId ? { locationId } : {}),
    ...(requestedBy ? { requestedBy } : {}),
  };
}
