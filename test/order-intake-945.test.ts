import type { Message } from 'node-rdkafka';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import type { Shipment } from '../canonical-model/generated/index';
import { createLogger } from '../monitoring/logger';
import type { OrderWorkflows } from '../platform/orders/order-workflows';
import { defaultOrderPolicy } from '../platform/orders/policy';
import type { OrderView, ShipmentConfirmation } from '../workflows/order-to-cash/types';
import { handleOrderEvents } from '../consumers/order-intake';
import type { ShippingOrderLookup } from '../consumers/third-party-shipments';

const ORDER_ID = 'con_abcdefghijklmnopqrst:sales-order:tp_abcdefghijklmnop:PO-778812';
const RELEASE_ID = `${ORDER_ID}.r2`;

/** The intake over an order store holding one order with a WMS release and a 3PL release. */
function intake(lookup?: ShippingOrderLookup) {
  const signalled: { workflowId: string; confirmation: ShipmentConfirmation }[] = [];
  const view = {
    orderId: ORDER_ID,
    workflowId: 'order-to-cash/edi:cus_bigbox:PO-778812',
    releases: [
      { releaseId: `${ORDER_ID}.r1`, locationId: 'loc_dc_primary', status: 'released', lines: [] },
      { releaseId: RELEASE_ID, locationId: 'loc_3pl_reno', status: 'released', lines: [] },
    ],
  } as unknown as OrderView;
  const handle = handleOrderEvents({
    orders: {
      confirmShipment: (workflowId: string, confirmation: ShipmentConfirmation) => {
        signalled.push({ workflowId, confirmation });
        return Promise.resolve();
      },
    } as unknown as OrderWorkflows,
    policies: { get: (id) => Promise.resolve(defaultOrderPolicy(id)) },
    orderStore: { get: (id) => Promise.resolve(id === ORDER_ID ? view : undefined) },
    knowsConnector: () => Promise.resolve(true),
    ...(lookup ? { shippingOrders: lookup } : {}),
    logger: createLogger('test', 'silent'),
  });
  return { handle, signalled };
}

/** A 945's shipment as map945 makes it: its order is the provisional id of the number, from the 3PL's facility. */
function advice(orderNumber: string): Shipment {
  return {
    ...loadFixture('shipment'),
    id: `con_3pl:shipment:tp_reno:${orderNumber}`,
    salesOrderId: `con_3pl:sales-order:${orderNumber}`,
    orderNumber,
    fromLocationId: 'con_3pl:location:tp_reno:92:3PL1',
  };
}

const message = (body: unknown): Message =>
  ({
    value: Buffer.from(JSON.stringify(body)),
    topic: 'hub.inbound-events.v1',
    partition: 0,
    offset: 7,
  }) as Message;

describe('order intake of a 3PL 945 shipping advice', () => {
  it('finds the release through the 940 sent under the number and signals the shipment of that release', async () => {
    const asked: [string, string][] = [];
    const { handle, signalled } = intake({
      releaseOf: (partnerId, number) => {
        asked.push([partnerId, number]);
        return Promise.resolve(number === 'R0A1B2C3D4E5F60718293' ? RELEASE_ID : undefined);
      },
    });
    const shipment = advice('R0A1B2C3D4E5F60718293');
    await handle(
      message({
        event: 'shipment.received',
        connectorId: 'con_3pl',
        partnerId: 'tp_reno',
        ediInterchangeId: 'ich_1',
        document: shipment,
      }),
    );
    expect(asked).toEqual([['tp_reno', 'R0A1B2C3D4E5F60718293']]);
    expect(signalled).toHaveLength(1);
    expect(signalled[0]!.workflowId).toBe('order-to-cash/edi:cus_bigbox:PO-778812');
    expect(signalled[0]!.confirmation).toMatchObject({ connectorId: 'con_3pl', reference: 'ich_1' });
    // Of the release, from the release's warehouse; the lines (shipped and short) exactly as the 945 said.
    expect(signalled[0]!.confirmation.shipment).toEqual({
      ...shipment,
      salesOrderId: RELEASE_ID,
      fromLocationId: 'loc_3pl_reno',
    });
  });

  it('without the lookup takes the number as the release id; a number of no order is skipped', async () => {
    const { handle, signalled } = intake();
    const base = {
      event: 'shipment.received',
      connectorId: 'con_3pl',
      partnerId: 'tp_reno',
      ediInterchangeId: 'ich_2',
    };
    await handle(message({ ...base, document: advice(RELEASE_ID) }));
    await handle(message({ ...base, document: advice('so_unknown.r1') }));
    expect(signalled.map((s) => s.confirmation.shipment.salesOrderId)).toEqual([RELEASE_ID]);
  });

  it('leaves a WMS shipment confirmation as the WMS sent it', async () => {
    const { handle, signalled } = intake();
    const shipment = { ...loadFixture('shipment'), salesOrderId: `${ORDER_ID}.r1`, fromLocationId: 'loc_x' };
    await handle(message({ event: 'shipment.confirmed', connectorId: 'con_wms', document: shipment }));
    expect(signalled.map((s) => s.confirmation.shipment)).toEqual([shipment]);
  });
});
