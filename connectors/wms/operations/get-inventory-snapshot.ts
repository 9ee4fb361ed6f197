/** Stock by SKU and warehouse from ShipHero's `warehouse_products`, one Relay page per call. */
import type { InventoryPosition } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { MapContext } from '../mappers/context';
import { mapWarehouseProduct } from '../mappers/inventory-position';
import type { WmsTransport } from '../transport';

const QUERY = `query Inventory($sku: String, $warehouse_id: String, $first: Int, $after: String) {
  warehouse_products(sku: $sku, warehouse_id: $warehouse_id) {
    request_id complexity
    data(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id sku warehouse_id on_hand allocated available backorder non_sellable_quantity updated_at } }
    }
  }
}`;

interface Connection {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: unknown }[];
}

/** One page of positions; `locationExternalId` is a ShipHero warehouse id, `cursor` ShipHero's endCursor. */
export async function getInventorySnapshot(
  transport: WmsTransport,
  ctx: MapContext,
  filter: { sku?: string; locationExternalId?: string },
  options: ListOptions = {},
): Promise<Page<InventoryPosition>> {
  const first = Math.min(Math.max(options.limit ?? ctx.config.pageSize, 1), 100);
  const data = await transport.graphql<{ warehouse_products: { data: Connection } }>(
    'warehouse_products',
    QUERY,
    {
      first,
      ...(filter.sku ? { sku: filter.sku } : {}),
      ...(filter.locationExternalId ? { warehouse_id: filter.locationExternalId } : {}),
      ...(options.cursor ? { after: options.cursor } : {}),
    },
    options.signal,
  );
  const page = data.warehouse_products.data;
  const asOf = new Date().toISOString();
  const items = page.edges.map((edge, i) =>
    mapWarehouseProduct(edge.node, `/data/warehouse_products/data/edges/${i}/node`, ctx, asOf),
  );
  const next = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
  return next ? { items, nextCursor: next } : { items };
}
