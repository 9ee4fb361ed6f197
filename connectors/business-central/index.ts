/** Microsoft Dynamics 365 Business Central (API v2.0, OData v4) as an ERP connector. */
import type { ErpPort } from '../sdk/ports/erp';
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import { checkBusinessCentral } from './check';
import { businessCentralConfigSchema } from './config-schema';
import type { BusinessCentralConfig } from './config-schema';
import type { BcContext } from './context';
import { createPurchaseOrder } from './operations/create-purchase-order';
import { updatePurchaseOrder } from './operations/update-purchase-order';
import { getCreditStatus } from './operations/get-credit-status';
import { getCustomer } from './operations/get-customer';
import { getInventoryValuation } from './operations/get-inventory-valuation';
import { getInvoicePayment } from './operations/get-invoice-payment';
import { getItem } from './operations/get-item';
import { getPrice } from './operations/get-price';
import { getSupplier } from './operations/get-supplier';
import { listCustomers } from './operations/list-customers';
import { listItems } from './operations/list-items';
import { listSuppliers } from './operations/list-suppliers';
import { postFulfillment } from './operations/post-fulfillment';
import { postGoodsReceipt } from './operations/post-goods-receipt';
import { postInventoryAdjustment } from './operations/post-inventory-adjustment';
import { postInvoice } from './operations/post-invoice';
import { upsertSalesOrder } from './operations/upsert-sales-order';
import { createBcTransport } from './transport';
import type { TransportOptions } from './transport';

export type { BusinessCentralConfig };

/** The ERP operations, in manifest (kebab-case) form. */
export const BUSINESS_CENTRAL_OPERATIONS = [
  'get-item',
  'list-items',
  'get-customer',
  'list-customers',
  'get-supplier',
  'list-suppliers',
  'get-credit-status',
  'get-price',
  'upsert-sales-order',
  'create-purchase-order',
  'update-purchase-order',
  'post-goods-receipt',
  'post-fulfillment',
  'post-invoice',
  'get-invoice-payment',
  'get-inventory-valuation',
  'post-inventory-adjustment',
];

/** Builds the ErpPort of one Business Central company; nothing is requested until an operation runs. */
export function createBusinessCentralConnector(
  config: BusinessCentralConfig,
  deps: ConnectorDeps,
  options: TransportOptions = {},
): ErpPort {
  const ctx: BcContext = {
    transport: createBcTransport(config, options),
    config,
    connectorId: deps.connectorId ?? 'unregistered',
  };
  return {
    getItem: (sku, o) => getItem(ctx, sku, o),
    listItems: (o) => listItems(ctx, o),
    getCustomer: (id, o) => getCustomer(ctx, id, o),
    listCustomers: (o) => listCustomers(ctx, o),
    getSupplier: (id, o) => getSupplier(ctx, id, o),
    listSuppliers: (o) => listSuppliers(ctx, o),
    getCreditStatus: (id, o) => getCreditStatus(ctx, id, o),
    getPrice: (request, context) => getPrice(ctx, request, context),
    upsertSalesOrder: (order, context) => upsertSalesOrder(ctx, order, context),
    createPurchaseOrder: (order, context) => createPurchaseOrder(ctx, order, context),
    updatePurchaseOrder: (order, context) => updatePurchaseOrder(ctx, order, context),
    postGoodsReceipt: (receipt, context) => postGoodsReceipt(ctx, receipt, context),
    postFulfillment: (shipment, context) => postFulfillment(ctx, shipment, context),
    postInvoice: (invoice, context) => postInvoice(ctx, invoice, context),
    getInvoicePayment: (document, direction, o) => getInvoicePayment(ctx, document, direction, o),
    postInventoryAdjustment: (adjustment, context) => postInventoryAdjustment(ctx, adjustment, context),
    getInventoryValuation: (filter, o) => getInventoryValuation(ctx, filter, o),
  };
}

/** The manifest of the Business Central ERP connector. */
export const businessCentralConnector: ConnectorManifest<BusinessCentralConfig, ErpPort> = {
  type: 'business-central-erp',
  version: '1.0.0',
  kind: 'erp',
  displayName: 'Microsoft Dynamics 365 Business Central',
  description:
    'Reads items, customers, vendors, credit and prices from a Business Central company and writes sales and ' +
    'purchase orders, receipts, shipments, invoices and AR credit memos through API v2.0, and inventory adjustments ' +
    'through an item journal API page, signing in with OAuth 2.0 client credentials.',
  capabilities: {
    supportsWebhooks: false,
    transports: ['https'],
    operations: BUSINESS_CENTRAL_OPERATIONS,
    objectTypes: [
      'item',
      'customer',
      'supplier',
      'sales-order',
      'purchase-order',
      'goods-receipt',
      'shipment',
      'invoice',
    ],
  },
  configSchema: businessCentralConfigSchema,
  create: (config, deps) => createBusinessCentralConnector(config, deps),
  check: (config, deps, signal) => checkBusinessCentral(config, deps, signal),
};
