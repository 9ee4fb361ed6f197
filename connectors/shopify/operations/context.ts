import type { ShopifyConfig } from '../config-schema';
import type { SalesOrderContext } from '../mappers/index';
import type { ShopifyTransport } from '../transport';

/** What every operation of one connector instance shares. */
export interface OperationContext {
  config: ShopifyConfig;
  transport: ShopifyTransport;
  mapping: SalesOrderContext;
  /** SKU → inventory item gid, filled as SKUs are looked up (variant ↔ inventory item is 1:1 and stable). */
  inventoryItems: Map<string, string>;
}
