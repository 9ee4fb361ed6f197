/**
 * Canonical inbound events that carry a stock change → InventoryMovement documents for the movement stream. Today
 * that is the WMS's `inventory.changed` (a signed change) and `inventory.counted` (the count's difference); any
 * event whose document is an `inventory-movement` (an ERP or commerce connector, a future EDI 947) is taken the
 * same way. The movement keeps the document's id, which the connector derives from the source's own change id, so
 * the same webhook delivered (or replayed) twice gives the same movement and the ledger applies it once.
 */
import type { InventoryMovement } from '../canonical-model/generated/index';
import type { CanonicalValidator } from '../canonical-model/validate';
import type { FieldError } from '../platform/errors';
import { movementDeltas } from './deltas';
import { movementKey, movementSku } from './movement-key';

/** The event names the WMS connector gives inventory movements (others are recognised by the document type). */
export const INVENTORY_MOVEMENT_EVENTS: ReadonlySet<string> = new Set([
  'inventory.changed',
  'inventory.counted',
]);

/** An event of `hub.inbound-events.v1` as platform/webhook-ingress.ts and platform/edi/map-set.ts publish it. */
export interface InboundEvent {
  event?: unknown;
  connectorId?: unknown;
  document?: unknown;
}

/** A movement ready to publish: the document, the SKU it moves, and its Kafka key. */
export interface NormalizedMovement {
  movement: InventoryMovement;
  sku: string;
  key: string;
}

/** The movement, or why the event cannot become one (JSON pointers into the inbound event). */
export type NormalizeResult = { ok: true; value: NormalizedMovement } | { ok: false; errors: FieldError[] };

const documentTypeOf = (document: unknown): unknown =>
  typeof document === 'object' && document !== null
    ? (document as { documentType?: unknown }).documentType
    : undefined;

/** True when the inbound event carries a stock movement (so it belongs on the movement stream). */
export function isInventoryMovementEvent(event: InboundEvent): boolean {
  const type = documentTypeOf(event.document);
  return (
    type === 'inventory-movement' ||
    type === 'inventory-position' ||
    (typeof event.event === 'string' && INVENTORY_MOVEMENT_EVENTS.has(event.event))
  );
}

const under = (prefix: string, errors: readonly FieldError[]): FieldError[] =>
  errors.map((e) => ({ path: `${prefix}${e.path === '/' ? '' : e.path}`, message: e.message }));

/**
 * Turns an inbound inventory event into a movement validated against the canonical schema, whose SKU and deltas
 * the ledger can read; otherwise every field that is wrong. Pure: the same event always gives the same movement.
 */
export function normalizeInventoryEvent(event: InboundEvent, validator: CanonicalValidator): NormalizeResult {
  if (documentTypeOf(event.document) !== 'inventory-movement') {
    return {
      ok: false,
      errors: [{ path: '/document/documentType', message: 'must be "inventory-movement"' }],
    };
  }
  const checked = validator.validate('inventory-movement', event.document);
  if (!checked.valid) return { ok: false, errors: under('/document', checked.errors) };
  // A copy, so a later change of the event cannot change what is published.
  const movement = structuredClone(checked.value);
  const errors: FieldError[] = [];
  const sku = movementSku(movement);
  if (sku === undefined) {
    // Name the ids it does carry (an EDI 947 line by UPC only, say), so a person can tell which item to link.
    const ids = movement.item.identifiers.map((i) => `${i.qualifier} ${i.value}`).join(', ');
    errors.push({
      path: '/document/item/identifiers',
      message: `names no SKU (or VENDOR_PART) identifier${ids ? ` (the item is ${ids})` : ''}`,
    });
  }
  const deltas = movementDeltas(movement);
  if ('errors' in deltas) errors.push(...under('/document', deltas.errors));
  if (sku === undefined || errors.length) return { ok: false, errors };
  return { ok: true, value: { movement, sku, key: movementKey({ sku, locationId: movement.locationId }) } };
}
