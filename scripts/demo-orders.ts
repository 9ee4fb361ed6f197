/**
 * The order-to-cash part of command 1's demo, through the hub's own API: the ERP pushes the customers and
 * warehouses the orders need (master data links them to its ids), the order policy names the ERP, the WMS and
 * the warehouses, the warehouse counts its stock, an order is posted to `POST /v1/orders`, and once the web-store
 * and EDI orders have arrived too, every demo order is followed to its final state and printed.
 */
import { randomUUID } from 'node:crypto';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { defaultOrderPolicy } from '../platform/orders/policy';
import { WMS_SIM_WAREHOUSES } from '../simulators/wms';
import type { OrderView } from '../workflows/order-to-cash/types';

/** How the order demo reaches the API and the simulators. */
export interface OrderDemoApi {
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  simulator(name: string, path: string, body: unknown): Promise<unknown>;
  say(line: string): void;
}

/** NetSuite simulator customers the demo's canonical customers stand for (101 BigBox, 103 the web store). */
const CUSTOMERS: [string, string, string][] = [
  ['cust-demo-retail', '101', 'Demo Retail (EDI and API orders)'],
  ['cus_web_store', '103', 'Web store customer'],
];
/** NetSuite locations 1 and 2 are the WMS simulator's two warehouses. */
const LOCATIONS: [string, string, string][] = [
  ['loc_dc_primary', '1', 'Chicago DC'],
  ['loc_dc_secondary', '2', 'Reno DC'],
];
const STOCK = ['WID-1001', 'WID-1002', 'WID-1003', 'WID-1004', 'WID-1005'];
const FINAL = ['completed', 'cancelled', 'rejected'];

/** Makes the order flow runnable: customers and locations from the ERP, the policy, and warehouse stock. */
export async function prepareOrderFlow(
  api: OrderDemoApi,
  ids: Record<string, string>,
  legalEntityId: string,
): Promise<void> {
  const erp = ids.netsuite!;
  const version = String(Date.now());
  for (const [id, externalId, name] of CUSTOMERS) {
    const customer = { ...loadFixture('customer'), id, name, legalEntityId };
    customer.source = { connectorId: erp, system: 'netsuite', externalId, version };
    await api.call('POST', '/v1/master-data/customer', customer);
  }
  for (const [id, externalId, name] of LOCATIONS) {
    const location = { ...loadFixture('location'), id, name, code: `DC-${externalId}`, legalEntityId };
    location.source = { connectorId: erp, system: 'netsuite', externalId, version };
    await api.call('POST', '/v1/master-data/location', location);
  }
  await api.call('PUT', `/v1/order-policy/${legalEntityId}`, {
    ...defaultOrderPolicy(legalEntityId),
    legalEntityId: undefined,
    erpConnectorId: erp,
    wmsConnectorId: ids.wms,
    webStoreCustomerId: 'cus_web_store',
    warehouses: [{ locationId: 'loc_dc_primary', regions: ['US'] }, { locationId: 'loc_dc_secondary' }],
    priceTolerancePercent: '5',
  });
  await api.simulator('wms', '/_sim/settings', { shipDelayMs: 500 });
  for (const sku of STOCK) {
    await api.simulator('wms', '/__sim/cycle-count', {
      sku,
      warehouse_id: WMS_SIM_WAREHOUSES.primary,
      counted_quantity: 2000,
    });
  }
  api.say(
    `order flow: customers ${CUSTOMERS.map((c) => c[0]).join(', ')} and warehouses linked to the ERP, policy set, WMS stock counted`,
  );
}

/** Posts one order to the API as an ERP or portal would (with an Idempotency-Key). */
export async function postApiOrder(api: OrderDemoApi, legalEntityId: string): Promise<string> {
  const stamp = Date.now().toString(36);
  const base = loadFixture('sales-order');
  const line = base.lines[0]!;
  const order = {
    ...base,
    id: `so_demo_${stamp}`,
    legalEntityId,
    source: { connectorId: 'hub-api', system: 'api', externalId: stamp },
    orderNumber: `API-DEMO-${stamp}`.toUpperCase(),
    customerPoNumber: `PO-API-${stamp}`.toUpperCase(),
    customerId: 'cust-demo-retail',
    channel: 'api',
    shipFromLocationId: undefined,
    lines: (
      [
        // 3.10 is above the 2.95 contract price: the order waits on a price hold the demo then approves.
        ['WID-1001', 24, '3.10'],
        ['WID-1003', 6, '3.45'],
      ] as const
    ).map(([sku, qty, price], i) => ({
      ...line,
      lineNumber: i + 1,
      item: { identifiers: [{ qualifier: 'SKU' as const, value: sku }] },
      quantity: { value: String(qty), uom: 'EA' },
      unitPrice: { amount: price, currency: 'USD' },
      amount: undefined,
      status: 'open' as const,
    })),
  };
  const res = await api.call<{ orderId: string }>('POST', '/v1/orders', order, {
    'idempotency-key': randomUUID(),
  });
  api.say(`API: order ${order.orderNumber} posted → ${res.orderId}`);
  return res.orderId;
}

/** Plays customer service on a held order: a price hold is approved, any other hold rejected, with the reason. */
async function decide(api: OrderDemoApi, order: OrderView): Promise<void> {
  const open = order.holds;
  const priceOnly = open.length > 0 && open.every((h) => h.kind === 'price');
  const reason = priceOnly
    ? 'price agreed with the customer by sales'
    : `cannot ship: ${open.map((h) => h.message).join('; ')}`;
  await api.call('POST', `/v1/orders/${order.orderId}/decision`, {
    decision: priceOnly ? 'approve' : 'reject',
    reason,
  });
  api.say(
    `order ${order.orderNumber ?? order.orderId} on hold (${open.map((h) => h.message).join('; ')}) → ${priceOnly ? 'approved' : 'rejected'}: ${reason}`,
  );
}

/** Follows every order of this run to its final state (90 s at most) and prints one line per order. */
export async function followOrders(api: OrderDemoApi, since: string): Promise<void> {
  const mine = async () =>
    (await api.call<{ items: OrderView[] }>('GET', '/v1/orders?limit=200')).items.filter(
      (o) => (o.captures[0]?.receivedAt ?? '') >= since,
    );
  const decided = new Set<string>();
  let orders = await mine();
  for (let i = 0; i < 180 && (orders.length === 0 || orders.some((o) => !FINAL.includes(o.status))); i++) {
    for (const o of orders.filter((x) => x.status === 'on-hold' && !decided.has(x.orderId))) {
      decided.add(o.orderId);
      await decide(api, o);
    }
    await new Promise((r) => setTimeout(r, 500));
    orders = await mine();
  }
  const byChannel = new Map<string, number>();
  for (const o of orders) {
    const shipped = o.lines.reduce((t, l) => t + Number(l.shipped), 0);
    const invoiced =
      o.invoices
        .map((inv) => `${inv.documentNumber ?? inv.invoiceId} ${inv.currency} ${inv.total}`)
        .join(', ') || 'none';
    api.say(
      `order ${o.orderNumber ?? o.orderId} (${o.channel}) → ${o.status}: ${shipped} units shipped, invoices ${invoiced}`,
    );
    if (o.status === 'completed') byChannel.set(o.channel, (byChannel.get(o.channel) ?? 0) + 1);
  }
  const summary = [...byChannel].map(([channel, n]) => `${channel} ${n}`).join(', ');
  api.say(`orders completed by channel: ${summary || 'none'} (of ${orders.length} placed)`);
}
