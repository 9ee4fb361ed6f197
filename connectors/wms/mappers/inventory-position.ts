/** A ShipHero warehouse product (stock of a SKU in a warehouse) → canonical InventoryPosition. */
import type { InventoryPosition } from '../../../canonical-model/generated/index';
import { MappingProblems, provisionalId } from '../../sdk/mapping';
import type { MapContext } from './context';
import { eaches, itemOf, locationIdOf, objectAt, sourceOf } from './context';

/** Maps one `warehouse_products` node at `path` (for error messages); counts below zero read as zero. */
export function mapWarehouseProduct(
  node: unknown,
  path: string,
  ctx: MapContext,
  asOf: string,
): InventoryPosition {
  const m = new MappingProblems('ShipHero warehouse product');
  const p = objectAt(node);
  const sku = m.text(p?.sku, `${path}/sku`);
  const warehouseId = m.text(p?.warehouse_id, `${path}/warehouse_id`);
  const count = (field: string) => {
    const raw = p?.[field] ?? 0;
    const value = Number(m.decimal(raw === null ? 0 : raw, `${path}/${field}`));
    return Math.max(0, value);
  };
  const onHand = count('on_hand');
  const allocated = count('allocated');
  const onHold = count('non_sellable_quantity');
  const backorder = count('backorder');
  m.throwIfAny('inventory');
  const available = Math.max(0, onHand - allocated - onHold);
  const updatedAt =
    typeof p?.updated_at === 'string' && !Number.isNaN(Date.parse(p.updated_at)) ? p.updated_at : undefined;
  const externalId = `${sku}@${warehouseId}`;
  return {
    schemaVersion: '1',
    documentType: 'inventory-position',
    id: provisionalId(ctx.connectorId, 'inventory-position', externalId),
    legalEntityId: ctx.config.legalEntityId,
    source: sourceOf(ctx, externalId, updatedAt),
    ...(updatedAt && /(Z|[+-]\d{2}:\d{2})$/.test(updatedAt) ? { updatedAt } : {}),
    ...itemOf(ctx, sku),
    locationId: locationIdOf(ctx, warehouseId),
    asOf,
    onHand: eaches(String(onHand)),
    reserved: eaches(String(allocated)),
    onHold: eaches(String(onHold)),
    inTransit: eaches('0'),
    available: eaches(String(available)),
    backordered: eaches(String(backorder)),
  };
}
