/** NetSuite (cloud ERP) over the REST Record API with token-based authentication: the hub's ErpPort for NetSuite. */
import type { ErpPort } from '../sdk/ports/erp';
import type { ConnectorDeps, ConnectorManifest } from '../sdk/types';
import { checkNetSuite } from './check';
import { netSuiteConfigSchema } from './config-schema';
import type { NetSuiteConfig } from './config-schema';
import type { NetSuiteContext } from './context';
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
import { createNetSuiteTransport } from './transport';

export type { NetSuiteConfig };

/** Builds the ErpPort of one NetSuite account; no request is made until an operation runs. */
export function createNetSuiteConnector(config: NetSuiteConfig, deps: ConnectorDeps): ErpPort {
  const ctx: NetSuiteContext = {
    config,
    transport: createNetSuiteTransport(config),
    connectorId: deps.connectorId ?? 'unregistered',
  };
  return {
    getItem: (sku, options) => getItem(ctx, sku, options),
    listItems: (options) => listItems(ctx, options),
    getCustomer: (id, options) => getCustomer(ctx, id, options),
    listCustomers: (options) => listCustomers(ctx, options),
    getSupplier: (id, options) => getSupplier(ctx, id, options),
    listSuppliers: (options) => listSuppliers(ctx, options),
    getCreditStatus: (id, options) => getCreditStatus(ctx, id, options),
    getPrice: (request, context) => getPrice(ctx, request, context),
    upsertSalesOrder: (order, context) => upsertSalesOrder(ctx, order, context),
    createPurchaseOrder: (order, context) => createPurchaseOrder(ctx, order, context),
    updatePurchaseOrder: (order, context) => updatePurchaseOrder(ctx, order, context),
    postGoodsReceipt: (receipt, context) => postGoodsReceipt(ctx, receipt, context),
    postFulfillment: (shipment, context) => postFulfillment(ctx, shipment, context),
    postInvoice: (invoice, context) => postInvoice(ctx, invoice, context),
    getInvoicePayment: (document, direction, options) => getInvoicePayment(ctx, document, direction, options),
    postInventoryAdjustment: (adjustment, context) => postInventoryAdjustment(ctx, adjustment, context),
    getInventoryValuation: (filter, options) => getInventoryValuation(ctx, filter, options),
  };
}

/** The manifest of the NetSuite ERP connector. */
export const netsuiteConnector: ConnectorManifest<NetSuiteConfig, ErpPort> = {
  type: 'netsuite-erp',
  version: '1.0.0',
  kind: 'erp',
  displayName: 'NetSuite',
  description:
    'Oracle NetSuite over the REST Record API with token-based authentication: reads items, customers, vendors, ' +
    'credit and prices; upserts sales orders by external id; creates purchase orders; posts receipts, fulfilments, ' +
    'invoices, vendor bills and AR credit memos as record transforms; posts inventory adjustments by external id; ' +
    'values inventory per location.',
  capabilities: {
    supportsWebhooks: false,
    transports: ['https'],
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
    operations: [
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
    ],
  },
  configSchema: netSuiteConfigSchema,
  create: createNetSuiteConnector,
  check: checkNetSuite,
};
