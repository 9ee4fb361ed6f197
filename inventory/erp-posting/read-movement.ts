/**
 * Reading a message of the movement stream as the ERP intake needs it: JSON, a valid InventoryMovement, a SKU, a
 * quantity and direction the deltas can read (the ledger's own rules, inventory/deltas.ts). Otherwise the refusal
 * (with field errors as JSON pointers into the movement) and whatever business keys could be read, for parking.
 */
import type { Message } from 'node-rdkafka';
import type { InventoryMovement } from '../../canonical-model/generated/index';
import type { CanonicalValidator } from '../../canonical-model/validate';
import { movementDeltas } from '../deltas';
import { movementSku } from '../movement-key';
import type { Refusal } from '../parked';

/** A movement the intake can use. */
export interface ReadMovement {
  movement: InventoryMovement;
  sku: string;
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

/** Reads one message of the movement stream. */
export function readMovement(message: Message, validator: CanonicalValidator): ReadResult {
  let body: unknown;
  try {
    body = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return refuse('the message is not JSON', [{ path: '', message: 'is not JSON' }], {});
  }
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
  if (sku === undefined || errors.length) {
    return refuse(
      `movement cannot be posted: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
      keys,
    );
  }
  return { movement, sku };
}
