/**
 * Reading a message of the movement stream as the ledger and ERP intakes need it: JSON (parsed once per message),
 * a valid InventoryMovement, a SKU, a quantity and direction the deltas can read (the ledger's own rules,
 * inventory/deltas.ts). Otherwise the refusal (with field errors as JSON pointers into the movement) and whatever
 * business keys could be read, for parking.
 */
import type { Message } from 'node-rdkafka';
import type { InventoryMovement } from '../canonical-model/generated/index';
import type { CanonicalValidator } from '../canonical-model/validate';
import { movementDeltas } from './deltas';
import type { MovementDeltas } from './deltas';
import { movementSku } from './movement-key';
import type { Refusal } from './parked';

/** A movement the intake can use, with what it does to the ledger. */
export interface ReadMovement {
  movement: InventoryMovement;
  sku: string;
  deltas: MovementDeltas;
}

/** Stands for the body of a message whose bytes are not JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** The message's JSON body, parsed once for every check that follows; NOT_JSON when it does not parse. */
export function messageBody(message: Message): unknown {
  try {
    return JSON.parse(message.value?.toString('utf8') ?? '') as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The movement, or why not and the keys the parked record can be found by. */
export type ReadResult = ReadMovement | { refusal: Refusal; keys: Record<string, string> };

/** The business keys of a body that may not be a valid movement: its id, SKU and location when they read. */
export function keysOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const keys: Record<string, string> = {};
  if (typeof b.id === 'string' && b.id) keys.movementId = b.id;
  if (typeof b.locationId === 'string' && b.locationId) keys.locationId = b.locationId;
  const identifiers = (b.item as { identifiers?: unknown } | undefined)?.identifiers;
  if (Array.isArray(identifiers)) {
    const sku = (identifiers as { qualifier?: unknown; value?: unknown }[]).find(
      (i) => i?.qualifier === 'SKU',
    );
    if (typeof sku?.value === 'string' && sku.value) keys.sku = sku.value;
  }
  return keys;
}

const refuse = (message: string, fieldErrors: Refusal['fieldErrors'], keys: Record<string, string>) => ({
  refusal: { kind: 'data' as const, message, ...(fieldErrors?.length ? { fieldErrors } : {}) },
  keys,
});

/** Reads the body (from messageBody) of one message of the movement stream. */
export function readMovement(body: unknown, validator: CanonicalValidator): ReadResult {
  if (body === NOT_JSON) return refuse('the message is not JSON', [{ path: '', message: 'is not JSON' }], {});
  const keys = keysOf(body);
  const checked = validator.validate('inventory-movement', body);
  if (!checked.valid) {
    const first = checked.errors[0];
    const where = first ? `${first.path || '/'} ${first.message}` : 'invalid';
    return refuse(`not a valid InventoryMovement: ${where}`, checked.errors, keys);
  }
  const movement = checked.value;
  const sku = movementSku(movement);
  const deltas = movementDeltas(movement);
  const errors = [
    ...(sku === undefined
      ? [{ path: '/item/identifiers', message: 'names no SKU (or VENDOR_PART) identifier' }]
      : []),
    ...('errors' in deltas ? deltas.errors : []),
  ];
  if (sku === undefined || 'errors' in deltas) {
    return refuse(
      `movement cannot be applied: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
      keys,
    );
  }
  return { movement, sku, deltas };
}
