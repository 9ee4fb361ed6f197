/** What every ShipHero mapper needs from the connector instance: ids, the warehouse map, the time zones. */
import type { DocumentSource, ItemReference, Quantity } from '../../../canonical-model/generated/index';
import { provisionalId } from '../../sdk/mapping';
import type { WmsConfig } from '../config-schema';

/** The lower-case system name written into `source.system`. */
export const SYSTEM = 'shiphero';

/** The instance facts a mapper reads. */
export interface MapContext {
  connectorId: string;
  config: WmsConfig;
}

const CANONICAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** True when `value` can be used as a canonical id as it is. */
export function isCanonicalId(value: string): boolean {
  return CANONICAL_ID.test(value);
}

/** The canonical location of a ShipHero warehouse (a provisional id when the config does not map it). */
export function locationIdOf(ctx: MapContext, warehouseId: string): string {
  const mapped = ctx.config.warehouses.find((w) => w.warehouseId === warehouseId)?.locationId;
  return mapped ?? provisionalId(ctx.connectorId, 'location', warehouseId || 'unknown');
}

/** The ShipHero warehouse of a canonical location; the first configured warehouse when none is named. */
export function warehouseIdOf(ctx: MapContext, locationId: string | undefined): string | undefined {
  if (locationId === undefined) return ctx.config.warehouses[0]?.warehouseId;
  return ctx.config.warehouses.find((w) => w.locationId === locationId)?.warehouseId;
}

/** The time zone a warehouse's local timestamps are in. */
export function timeZoneOf(ctx: MapContext, warehouseId: string): string {
  return ctx.config.warehouses.find((w) => w.warehouseId === warehouseId)?.timeZone ?? ctx.config.timeZone;
}

/** `source` of a document read from ShipHero. */
export function sourceOf(ctx: MapContext, externalId: string, version?: string): DocumentSource {
  return {
    connectorId: ctx.connectorId,
    system: SYSTEM,
    externalId: externalId || 'unknown',
    ...(version ? { version } : {}),
  };
}

/** The canonical item reference of a ShipHero SKU. */
export function itemOf(ctx: MapContext, sku: string): { itemId: string; item: ItemReference } {
  const itemId = provisionalId(ctx.connectorId, 'item', sku || 'unknown');
  return { itemId, item: { itemId, identifiers: [{ qualifier: 'SKU', value: sku || 'unknown' }] } };
}

/** A quantity in eaches (ShipHero counts units). */
export function eaches(value: string): Quantity {
  return { value, uom: 'EA' };
}

/** The object at `value`, or undefined (records a problem when `required`). */
export function objectAt(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
