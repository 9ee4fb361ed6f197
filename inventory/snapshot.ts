/**
 * Stock snapshots on the movement stream: an InventoryPosition (an EDI 846 inventory advice from a 3PL or
 * supplier warehouse, or any connector's position document) is an absolute count, not a delta. It travels on
 * `hub.inventory-movements.v1` under the same `<sku>@<locationId>` key as the movements of its item and location
 * (so it keeps its place in their order), marked by the `schema: inventory-position/1` header, and the ledger takes
 * it as a stock count (setStock): on hand and on hold become the snapshot's, reservations stay, and a snapshot
 * older than the count the ledger holds changes nothing. Its op id is the position id and its as-of time, so the
 * same advice delivered twice counts once and a later advice of the same item counts again.
 */
import type { Message } from 'node-rdkafka';
import type { InventoryPosition } from '../canonical-model/generated/index';
import type { CanonicalValidator } from '../canonical-model/validate';
import type { FieldError } from '../platform/errors';
import { headerValue } from '../platform/kafka';
import { movementKey, movementSku } from './movement-key';

/** The document type of a snapshot. */
export const SNAPSHOT_TYPE = 'inventory-position';

/** A snapshot ready to publish or apply. */
export interface NormalizedSnapshot {
  position: InventoryPosition;
  sku: string;
  key: string;
}

/** The snapshot, or every field that is wrong (JSON pointers under `prefix`). */
export type SnapshotResult = { ok: true; value: NormalizedSnapshot } | { ok: false; errors: FieldError[] };

/** Validates a position document and reads the SKU the ledger keys it by. */
export function normalizeSnapshot(
  document: unknown,
  validator: CanonicalValidator,
  prefix = '',
): SnapshotResult {
  const checked = validator.validate(SNAPSHOT_TYPE, document);
  if (!checked.valid) {
    return {
      ok: false,
      errors: checked.errors.map((e) => ({
        path: `${prefix}${e.path === '/' ? '' : e.path}`,
        message: e.message,
      })),
    };
  }
  const position = structuredClone(checked.value);
  const sku = movementSku(position);
  if (sku === undefined) {
    return {
      ok: false,
      errors: [{ path: `${prefix}/item/identifiers`, message: 'names no SKU (or VENDOR_PART) identifier' }],
    };
  }
  return { ok: true, value: { position, sku, key: movementKey({ sku, locationId: position.locationId }) } };
}

/** The ledger op id of a snapshot: one count per position and as-of time. */
export function snapshotOpId(position: Pick<InventoryPosition, 'id' | 'asOf'>): string {
  return `position/${position.id}@${position.asOf}`;
}

/** True when a message of the movement stream carries a snapshot (by its schema header, else by its body). */
export function isSnapshotMessage(message: Message, body?: unknown): boolean {
  const schema = headerValue(message, 'schema');
  if (schema !== undefined) return schema.startsWith(`${SNAPSHOT_TYPE}/`);
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { documentType?: unknown }).documentType === SNAPSHOT_TYPE
  );
}
