import type { Shipment } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { FieldError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import { legacyId, toGid } from '../ids';
import type { OperationContext } from './context';

const FULFILLMENT_STATE = `query FulfillmentState($id: ID!) {
  order(id: $id) {
    id
    name
    fulfillments(first: 50) { id name trackingInfo(first: 10) { number } }
    fulfillmentOrders(first: 20) {
      nodes { id status lineItems(first: 250) { nodes { id remainingQuantity lineItem { sku } } } }
    }
  }
}`;

const CREATE_FULFILLMENT = `mutation CreateFulfillment($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id name }
    userErrors { field message }
  }
}`;

interface FulfillmentState {
  order: {
    id: string;
    fulfillments: { id: string; name: string; trackingInfo: { number: string | null }[] }[];
    fulfillmentOrders: {
      nodes: {
        id: string;
        status: string;
        lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { sku: string | null } }[] };
      }[];
    };
  } | null;
}

function dataError(what: string, fieldErrors: FieldError[]): HubError {
  return new HubError('data', `${what}: ${fieldErrors[0]!.path} ${fieldErrors[0]!.message}`, { fieldErrors });
}

/** Which fulfillment order lines ship how much, by SKU, from what is still open on the order. */
function allocate(shipment: Shipment, state: NonNullable<FulfillmentState['order']>) {
  const open = state.fulfillmentOrders.nodes
    .filter((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS')
    .flatMap((fo) =>
      fo.lineItems.nodes.map((li) => ({
        fo: fo.id,
        id: li.id,
        sku: li.lineItem.sku,
        left: li.remainingQuantity,
      })),
    );
  const picks = new Map<string, { id: string; quantity: number }[]>();
  const problems: FieldError[] = [];
  shipment.lines.forEach((line, i) => {
    const sku = line.item.identifiers.find((id) => id.qualifier === 'SKU')?.value;
    const wanted = Number(line.quantityShipped.value);
    if (!Number.isInteger(wanted))
      problems.push({
        path: `/lines/${i}/quantityShipped/value`,
        message: 'must be a whole number of units',
      });
    if (!sku)
      problems.push({
        path: `/lines/${i}/item/identifiers`,
        message: 'has no SKU, which is how Shopify lines are matched',
      });
    if (!sku || !Number.isInteger(wanted) || wanted === 0) return;
    let need = wanted;
    for (const li of open.filter((o) => o.sku === sku && o.left > 0)) {
      const take = Math.min(li.left, need);
      li.left -= take;
      need -= take;
      picks.set(li.fo, [...(picks.get(li.fo) ?? []), { id: li.id, quantity: take }]);
      if (need === 0) break;
    }
    if (need > 0 && need < wanted) {
      problems.push({
        path: `/lines/${i}/quantityShipped/value`,
        message: `exceeds what is left to fulfil of SKU ${sku} (${wanted - need})`,
      });
    } else if (need > 0 && !open.some((o) => o.sku === sku)) {
      problems.push({ path: `/lines/${i}/item`, message: `SKU ${sku} is not on Shopify order ${state.id}` });
    }
  });
  return { picks, problems };
}

/**
 * Creates a fulfilment with tracking for the shipped lines, matched to the order's fulfillment order lines by SKU.
 * Idempotent: a fulfilment already carrying one of the shipment's tracking numbers — or an order with nothing of
 * these lines left to fulfil — is the earlier attempt, answered with created: false.
 */
export async function createFulfillment(
  ctx: OperationContext,
  shipment: Shipment,
  context: WriteContext,
): Promise<WriteResult> {
  const orderId = await context.references.externalId('sales-order', shipment.salesOrderId);
  if (!orderId)
    throw dataError('Shipment does not map to Shopify', [
      { path: '/salesOrderId', message: `sales order ${shipment.salesOrderId} has no Shopify order` },
    ]);
  const { order } = await ctx.transport.graphql<FulfillmentState>(
    FULFILLMENT_STATE,
    { id: toGid('Order', orderId, '/salesOrderId') },
    context.signal,
  );
  if (!order)
    throw dataError('Shipment does not map to Shopify', [
      { path: '/salesOrderId', message: `Shopify has no order ${orderId}` },
    ]);

  const packages = shipment.packages ?? [];
  const numbers = packages.map((p) => p.trackingNumber).filter((n): n is string => !!n);
  const existing = order.fulfillments.find((f) =>
    f.trackingInfo.some((t) => t.number && numbers.includes(t.number)),
  );
  if (existing) return { externalId: legacyId(existing.id), documentNumber: existing.name, created: false };

  const { picks, problems } = allocate(shipment, order);
  const latest = order.fulfillments.at(-1);
  if (!picks.size && !problems.length && latest)
    return { externalId: legacyId(latest.id), documentNumber: latest.name, created: false };
  if (!picks.size && !problems.length)
    problems.push({ path: '/lines', message: 'ships nothing that is left to fulfil on the order' });
  if (problems.length) throw dataError('Shipment does not map to Shopify', problems);

  const urls = packages.map((p) => p.trackingUrl).filter((u): u is string => !!u);
  const company = shipment.carrier?.name ?? shipment.carrier?.scac;
  const trackingInfo = {
    ...(company ? { company } : {}),
    ...(numbers.length === 1 ? { number: numbers[0] } : numbers.length > 1 ? { numbers } : {}),
    ...(urls.length === 1 ? { url: urls[0] } : urls.length > 1 ? { urls } : {}),
  };
  const data = await ctx.transport.graphql<{
    fulfillmentCreate: {
      fulfillment: { id: string; name: string } | null;
      userErrors: { field: string[] | null; message: string }[];
    } | null;
  }>(
    CREATE_FULFILLMENT,
    {
      fulfillment: {
        lineItemsByFulfillmentOrder: [...picks].map(([fulfillmentOrderId, items]) => ({
          fulfillmentOrderId,
          fulfillmentOrderLineItems: items,
        })),
        ...(Object.keys(trackingInfo).length ? { trackingInfo } : {}),
        notifyCustomer: ctx.config.notifyCustomer,
      },
    },
    context.signal,
  );
  const result = data.fulfillmentCreate;
  const userErrors = result?.userErrors ?? [];
  if (userErrors.length || !result?.fulfillment) {
    throw dataError(
      'Shopify refused fulfillmentCreate',
      userErrors.length
        ? userErrors.map((e) => ({ path: `/${(e.field ?? []).join('/')}`, message: e.message }))
        : [{ path: '/fulfillment', message: 'no fulfilment was created' }],
    );
  }
  return {
    externalId: legacyId(result.fulfillment.id),
    documentNumber: result.fulfillment.name,
    created: true,
  };
}
