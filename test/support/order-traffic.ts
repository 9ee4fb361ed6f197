/** Order traffic for end-to-end tests: canonical API orders, posting them, and waiting for an order's state. */
import { randomUUID } from 'node:crypto';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { simulatorControl } from '../../simulators/kit/control';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { CUSTOMERS, LEGAL_ENTITY } from './order-hub';
import type { OrderHub } from './order-hub';
import { eventually } from './processes';

/** Helpers bound to the running hub (a function, since the hub starts in beforeAll). */
export function orderTraffic(hubOf: () => OrderHub) {
  let seq = 0;
  /** A canonical order for the API (BigBox, on account, wholesale prices). */
  function apiOrder(lines: [string, number, string][], customerId: string = CUSTOMERS.bigbox): SalesOrder {
    seq += 1;
    const base = structuredClone(loadFixture('sales-order'));
    const line = base.lines[0] as SalesOrder['lines'][number];
    const stamp = `${Date.now().toString(36)}${seq}`;
    return {
      ...base,
      id: `so_api_${stamp}`,
      legalEntityId: LEGAL_ENTITY,
      source: { connectorId: 'hub-api', system: 'api', externalId: stamp },
      orderNumber: `API-${stamp}`,
      customerPoNumber: `PO-API-${stamp}`,
      customerId,
      channel: 'api',
      shipFromLocationId: undefined,
      lines: lines.map(([sku, qty, price], i) => ({
        ...line,
        lineNumber: i + 1,
        item: { identifiers: [{ qualifier: 'SKU', value: sku }] },
        quantity: { value: String(qty), uom: 'EA' },
        unitPrice: { amount: price, currency: 'USD' },
        amount: undefined,
        status: 'open',
      })),
    };
  }

  async function postOrder(order: SalesOrder, key = randomUUID()) {
    return hubOf().call<{ orderId: string; workflowId: string; outcome: string }>(
      'POST',
      '/v1/orders',
      order,
      {
        authorization: `Bearer ${process.env.HUB_BOOTSTRAP_ADMIN_KEY ?? ''}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
    );
  }

  const view = async (orderId: string) =>
    (await hubOf().call<OrderView>('GET', `/v1/orders/${orderId}`)).body;
  const settled = (v: OrderView | undefined) =>
    !!v && ['completed', 'cancelled', 'rejected'].includes(v.status);

  async function untilStatus(orderId: string, statuses: string[], timeoutMs = 90_000): Promise<OrderView> {
    let last: unknown;
    try {
      return await eventually(
        `order ${orderId} reaches ${statuses.join('/')}`,
        async () => {
          const res = await hubOf().call<OrderView>('GET', `/v1/orders/${orderId}`);
          last = res.body;
          return res.status === 200 && statuses.includes(res.body.status) ? res.body : undefined;
        },
        timeoutMs,
      );
    } catch (err) {
      const dead = await hubOf().call('GET', '/v1/dead-letters?limit=5');
      const inbound = await hubOf().call('GET', '/v1/inbound-events?limit=5');
      const deliveries = await simulatorControl(hubOf().sims.wms.url).deliveries();
      throw new Error(
        `${String(err)}\nlast view: ${JSON.stringify(last)}\ndead letters: ${JSON.stringify(dead.body)}\n` +
          `inbound: ${JSON.stringify(inbound.body).slice(0, 3000)}\nwms deliveries: ${JSON.stringify(deliveries.slice(-3))}\n` +
          `dead letters and inbound events above; HUB_KEEP_LOGS=<file> keeps the worker's log`,
      );
    }
  }

  return { apiOrder, postOrder, view, settled, untilStatus };
}
