/** Supplier portal (REST): publishes purchase orders; reads acknowledgements, ASNs and invoices by poll or webhook. */
import type { SupplierPortalPort } from '../sdk/ports/supplier-portal';
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import { checkSupplierPortal } from './check';
import { supplierPortalConfigSchema } from './config-schema';
import type { SupplierPortalConfig } from './config-schema';
import type { MapContext } from './mappers/context';
import { listAcknowledgements } from './operations/list-acknowledgements';
import { listAdvanceShipNotices } from './operations/list-advance-ship-notices';
import { listInvoices } from './operations/list-invoices';
import { mapWebhook } from './operations/map-webhook';
import { publishPurchaseOrder } from './operations/publish-purchase-order';
import { createPortalTransport } from './transport';
import { SIGNATURE_TOLERANCE_SECONDS, supplierPortalWebhooks } from './webhooks';

export type { SupplierPortalConfig };
export { SIGNATURE_TOLERANCE_SECONDS };

/** Builds the connector instance; nothing is sent until an operation runs. */
function createSupplierPortalConnector(
  config: SupplierPortalConfig,
  deps: ConnectorDeps,
): SupplierPortalPort {
  const transport = createPortalTransport(config);
  const context: MapContext = {
    connectorId: deps.connectorId ?? 'unregistered',
    legalEntityId: config.legalEntityId,
  };
  return {
    publishPurchaseOrder: (order, write) => publishPurchaseOrder(transport, config, order, write),
    listAcknowledgements: (options) => listAcknowledgements(transport, context, options),
    listAdvanceShipNotices: (options) => listAdvanceShipNotices(transport, context, options),
    listInvoices: (options) => listInvoices(transport, context, options),
    mapWebhook: (envelope) => mapWebhook(envelope, context),
  };
}

/** The manifest of the supplier-portal REST connector. */
export const supplierPortalConnector: ConnectorManifest<SupplierPortalConfig, SupplierPortalPort> = {
  type: 'supplier-portal-rest',
  version: '1.0.0',
  kind: 'supplier-portal',
  displayName: 'Supplier portal (REST)',
  description:
    "Publishes purchase orders to suppliers through a supplier portal's REST API (API key, idempotency keys) and " +
    'reads back their acknowledgements, advance ship notices and invoices by cursor-paged polling or signed webhooks.',
  capabilities: {
    supportsWebhooks: true,
    transports: ['https'],
    objectTypes: ['purchase-order-ack', 'advance-ship-notice', 'invoice'],
    operations: [
      'publish-purchase-order',
      'list-acknowledgements',
      'list-advance-ship-notices',
      'list-invoices',
    ],
  },
  configSchema: supplierPortalConfigSchema,
  create: createSupplierPortalConnector,
  check: checkSupplierPortal,
  webhooks: supplierPortalWebhooks,
};
