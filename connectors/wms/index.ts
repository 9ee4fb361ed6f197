/** ShipHero WMS: releases orders, expects receipts and returns, reads stock over GraphQL; events by signed webhook. */
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import type { WmsPort } from '../sdk/ports/wms';
import { checkWms } from './check';
import { wmsConfigSchema } from './config-schema';
import type { WmsConfig, WmsWarehouseMapping } from './config-schema';
import type { MapContext } from './mappers/context';
import { cancelShippingOrder } from './operations/cancel-shipping-order';
import { createExpectedReceipt } from './operations/create-expected-receipt';
import { createExpectedReturn } from './operations/create-expected-return';
import { getInventorySnapshot } from './operations/get-inventory-snapshot';
import { mapWebhook } from './operations/map-webhook';
import { releaseShippingOrder } from './operations/release-shipping-order';
import { createWmsTransport } from './transport';
import type { WmsTransportOptions } from './transport';
import { wmsWebhookReceiver } from './webhooks';

export type { WmsConfig, WmsWarehouseMapping };

/** Builds the WMS port of one ShipHero connector instance; nothing is fetched until an operation runs. */
export function createShipHeroWms(
  config: WmsConfig,
  deps: ConnectorDeps,
  options: WmsTransportOptions = {},
): WmsPort {
  const transport = createWmsTransport(config, options);
  const ctx: MapContext = { connectorId: deps.connectorId ?? 'unregistered', config };
  return {
    releaseShippingOrder: (order, context) => releaseShippingOrder(transport, ctx, order, context),
    cancelShippingOrder: (externalId, reason, context) =>
      cancelShippingOrder(transport, externalId, reason, context),
    createExpectedReceipt: (asn, context) => createExpectedReceipt(transport, ctx, asn, context),
    createExpectedReturn: (ret, context) => createExpectedReturn(transport, ctx, ret, context),
    getInventorySnapshot: (filter, options) => getInventorySnapshot(transport, ctx, filter, options),
    mapWebhook: (envelope) => mapWebhook(envelope, ctx),
  };
}

/** The manifest of the ShipHero WMS connector. */
export const wmsConnector: ConnectorManifest<WmsConfig, WmsPort> = {
  type: 'shiphero-wms',
  version: '1.0.0',
  kind: 'wms',
  displayName: 'ShipHero WMS',
  description:
    'Releases sales orders to ShipHero for picking (idempotent by order id), cancels them until they ship, creates ' +
    'expected receipts from inbound ASNs (one per PO shipped, idempotent by ASN and PO) and expected returns against shipped orders (idempotent by return id), and ' +
    'reads stock by SKU and warehouse. Shipments, receipts, received returns, stock changes and cycle counts arrive ' +
    'as HMAC-signed webhooks.',
  capabilities: {
    supportsWebhooks: true,
    transports: ['https'],
    objectTypes: ['shipment', 'goods-receipt', 'inventory-position', 'inventory-movement'],
    operations: [
      'release-shipping-order',
      'cancel-shipping-order',
      'create-expected-receipt',
      'create-expected-return',
      'get-inventory-snapshot',
    ],
  },
  configSchema: wmsConfigSchema,
  create: (config, deps) => createShipHeroWms(config, deps),
  check: checkWms,
  webhooks: wmsWebhookReceiver,
};
