/**
 * ShipHero "Inventory Change" (a signed delta) and "Cycle Count" webhooks → canonical InventoryMovement. The
 * timestamps are local warehouse time without an offset and are read in the warehouse's configured time zone.
 */
import type { InventoryMovement } from '../../../canonical-model/generated/index';
import { compareDecimal, subtractDecimal } from '../../sdk/decimal';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { MapContext } from './context';
import { eaches, itemOf, locationIdOf, objectAt, sourceOf, timeZoneOf } from './context';
import { localToInstant } from './local-time';

function typeOf(reason: string, direction: 'in' | 'out'): InventoryMovement['type'] {
  if (direction === 'in' && /receiv|purchase order|\bpo\b/i.test(reason)) return 'receipt';
  if (direction === 'out' && /ship|order|pick/i.test(reason)) return 'pick';
  if (direction === 'in' && /return/i.test(reason)) return 'return';
  return 'adjustment';
}

function common(ctx: MapContext, m: MappingProblems, body: Record<string, unknown> | undefined) {
  const sku = m.text(body?.sku, '/sku');
  const warehouseId = m.text(body?.warehouse_id, '/warehouse_id');
  const occurredAt = localToInstant(body?.timestamp, timeZoneOf(ctx, warehouseId));
  if (!occurredAt) {
    m.add(
      '/timestamp',
      `${JSON.stringify(body?.timestamp) ?? 'nothing'} is not a "YYYY-MM-DD HH:MM:SS" time`,
    );
  }
  const bin = typeof body?.location_name === 'string' && body.location_name ? body.location_name : undefined;
  return {
    ...itemOf(ctx, sku),
    locationId: locationIdOf(ctx, warehouseId),
    ...(bin ? { binLocation: bin.slice(0, 64) } : {}),
    occurredAt: occurredAt ?? '1970-01-01T00:00:00Z',
  };
}

/** Maps an "Inventory Change" webhook body. */
export function mapInventoryChange(payload: unknown, ctx: MapContext): InventoryMovement {
  const m = new MappingProblems('ShipHero Inventory Change');
  const body = objectAt(payload);
  const delta = m.decimal(body?.quantity, '/quantity');
  const shared = common(ctx, m, body);
  const changeId = m.text(body?.inventory_change_id ?? body?.webhook_id, '/inventory_change_id');
  m.throwIfAny('webhook');
  const direction = delta.startsWith('-') ? 'out' : 'in';
  const reason = typeof body?.reason === 'string' ? body.reason : '';
  return {
    schemaVersion: '1',
    documentType: 'inventory-movement',
    id: provisionalId(ctx.connectorId, 'inventory-movement', changeId),
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, changeId),
    type: typeOf(reason, direction),
    direction,
    ...shared,
    quantity: eaches(delta.replace(/^-/, '')),
    ...(reason ? { reason: reason.slice(0, 4000) } : {}),
  };
}

/** Maps a "Cycle Count" webhook body: the counted quantity, and the difference as the movement. */
export function mapCycleCount(payload: unknown, ctx: MapContext): InventoryMovement {
  const m = new MappingProblems('ShipHero Cycle Count');
  const body = objectAt(payload);
  const counted = m.decimal(body?.counted_quantity, '/counted_quantity', { nonNegative: true });
  const previous = m.decimal(body?.previous_on_hand, '/previous_on_hand');
  const shared = common(ctx, m, body);
  const countId = m.text(body?.count_id ?? body?.webhook_id, '/count_id');
  m.throwIfAny('webhook');
  // Exact decimals: a fractional count must not pick up float noise.
  const difference = subtractDecimal(counted, previous);
  const out = compareDecimal(difference, '0') < 0;
  return {
    schemaVersion: '1',
    documentType: 'inventory-movement',
    id: provisionalId(ctx.connectorId, 'inventory-movement', countId),
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, countId),
    type: 'count',
    direction: out ? 'out' : 'in',
    ...shared,
    quantity: eaches(out ? subtractDecimal('0', difference) : difference),
    countedQuantity: eaches(counted),
    reasonCode: 'CYCLE_COUNT',
  };
}
