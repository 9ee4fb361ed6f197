import { HubError } from '../../../platform/errors';
import type { FieldError } from '../../../platform/errors';
import type { WriteContext } from '../../sdk/ports/common';
import type { InventorySetting } from '../../sdk/ports/commerce';
import { toGid } from '../ids';
import type { OperationContext } from './context';

const FIND_VARIANTS = `query FindVariants($query: String!, $first: Int!) {
  productVariants(first: $first, query: $query) { nodes { sku inventoryItem { id } } }
}`;

const SET_QUANTITIES = `mutation SetQuantities($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}`;

const SKUS_PER_LOOKUP = 50;
const QUANTITIES_PER_CALL = 250;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Fills the instance's SKU → inventory item cache for `skus`, one search per 50 SKUs. */
async function lookUpInventoryItems(
  ctx: OperationContext,
  skus: string[],
  signal?: AbortSignal,
): Promise<void> {
  const missing = [...new Set(skus)].filter((s) => !ctx.inventoryItems.has(s));
  for (const batch of chunks(missing, SKUS_PER_LOOKUP)) {
    const query = batch.map((s) => `sku:"${s.replace(/["\\]/g, '\\$&')}"`).join(' OR ');
    const data = await ctx.transport.graphql<{
      productVariants: { nodes: { sku: string | null; inventoryItem: { id: string } }[] };
    }>(FIND_VARIANTS, { query, first: Math.min(batch.length * 2, 250) }, signal);
    for (const v of data.productVariants.nodes)
      if (v.sku && batch.includes(v.sku)) ctx.inventoryItems.set(v.sku, v.inventoryItem.id);
  }
}

/**
 * Sets absolute "available" quantities per SKU and location with inventorySetQuantities (compare-and-set off: the
 * hub's figure wins), tagged with the idempotency key as the reference document. Repeating it changes nothing.
 */
export async function setInventory(
  ctx: OperationContext,
  settings: InventorySetting[],
  context: WriteContext,
): Promise<{ updated: number }> {
  const problems: FieldError[] = [];
  settings.forEach((s, i) => {
    if (!/^\d{1,9}$/.test(s.available))
      problems.push({
        path: `/${i}/available`,
        message: `${JSON.stringify(s.available)} is not a whole quantity`,
      });
    if (!s.sku.trim()) problems.push({ path: `/${i}/sku`, message: 'is missing' });
  });
  const quantities = settings.map((s, i) => ({
    locationId: toGid('Location', s.locationExternalId, `/${i}/locationExternalId`),
    quantity: Number(s.available),
  }));
  if (!problems.length) {
    await lookUpInventoryItems(
      ctx,
      settings.map((s) => s.sku),
      context.signal,
    );
    settings.forEach((s, i) => {
      if (!ctx.inventoryItems.has(s.sku))
        problems.push({
          path: `/${i}/sku`,
          message: `SKU ${JSON.stringify(s.sku)} is not a product variant in Shopify`,
        });
    });
  }
  if (problems.length) {
    throw new HubError(
      'data',
      `Shopify inventory settings do not map: ${problems[0]!.path} ${problems[0]!.message}`,
      { fieldErrors: problems },
    );
  }
  const referenceDocumentUri = `hub://inventory-sync/${encodeURIComponent(context.idempotencyKey)}`;
  const indexed = quantities.map((q, i) => ({
    ...q,
    inventoryItemId: ctx.inventoryItems.get(settings[i]!.sku)!,
    index: i,
  }));
  for (const batch of chunks(indexed, QUANTITIES_PER_CALL)) {
    const data = await ctx.transport.graphql<{
      inventorySetQuantities: {
        userErrors: { field: string[] | null; message: string; code: string | null }[];
      } | null;
    }>(
      SET_QUANTITIES,
      {
        input: {
          name: 'available',
          reason: 'correction',
          referenceDocumentUri,
          ignoreCompareQuantity: true,
          quantities: batch.map(({ inventoryItemId, locationId, quantity }) => ({
            inventoryItemId,
            locationId,
            quantity,
          })),
        },
      },
      context.signal,
    );
    const userErrors = data.inventorySetQuantities?.userErrors ?? [];
    if (userErrors.length) {
      const fieldErrors = userErrors.map((e) => {
        const field = [...(e.field ?? [])];
        // Name the quantity by its place in the whole request, not in this batch.
        if (field[0] === 'input' && field[1] === 'quantities' && field[2] !== undefined)
          field[2] = String(batch[Number(field[2])]?.index ?? field[2]);
        return { path: `/${field.join('/')}`, message: `${e.message}${e.code ? ` (${e.code})` : ''}` };
      });
      throw new HubError(
        'data',
        `Shopify refused inventorySetQuantities: ${fieldErrors[0]!.path} ${fieldErrors[0]!.message}`,
        { fieldErrors },
      );
    }
  }
  return { updated: settings.length };
}
