import { createLogger } from '../../monitoring/logger';
import { freePort } from '../../test/support/processes';
import { seedGuid } from '../../simulators/business-central/index';
import { describeConnectorContract } from '../sdk/contract';
import { describeErpContract } from '../sdk/contracts/erp';
import type { ErpRecordKind, StoredOrderLine } from '../sdk/contracts/erp';
import { businessCentralConnector, createBusinessCentralConnector } from '.';
import { startSim } from './test-support';

const validConfig = () => ({
  baseUrl: 'https://api.businesscentral.dynamics.com',
  tenantId: 'contoso.onmicrosoft.com',
  environment: 'production',
  companyId: '2f1c4a8e-6b0d-4e57-9a63-0c5d7b1e9f01',
  clientId: '6a3c1f2e-0b5d-4c8e-9f7a-1d2e3f4a5b6c',
  clientSecret: 'Zx8~contract-client-secret',
  legalEntityId: 'le_contoso_us',
});

describeConnectorContract(businessCentralConnector, {
  validConfig,
  unreachableConfig: async () => {
    const port = await freePort();
    return {
      ...validConfig(),
      baseUrl: `http://127.0.0.1:${port}`,
      authorityUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 5_000,
    };
  },
  invalidConfigs: [
    { name: 'a missing tenant', config: { ...validConfig(), tenantId: undefined }, path: '/tenantId' },
    {
      name: 'a company id that is not a GUID',
      config: { ...validConfig(), companyId: 'CRONUS' },
      path: '/companyId',
    },
    {
      name: 'a missing client secret',
      config: { ...validConfig(), clientSecret: undefined },
      path: '/clientSecret',
    },
    {
      name: 'a base URL without scheme',
      config: { ...validConfig(), baseUrl: 'api.example.com' },
      path: '/baseUrl',
    },
    {
      name: 'a lower-case local currency',
      config: { ...validConfig(), localCurrency: 'usd' },
      path: '/localCurrency',
    },
    { name: 'a misspelt field', config: { ...validConfig(), tenant: 'x' }, path: '/tenant' },
    {
      name: 'zero retry attempts',
      config: { ...validConfig(), retry: { maximumAttempts: 0 } },
      path: '/retry/maximumAttempts',
    },
  ],
});

const COLLECTION: Record<ErpRecordKind, string> = {
  'sales-order': 'salesOrders',
  'purchase-order': 'purchaseOrders',
  'goods-receipt': 'purchaseReceipts',
  shipment: 'salesShipments',
  invoice: 'salesInvoices',
  'vendor-bill': 'purchaseInvoices',
  'credit-memo': 'salesCreditMemos',
};

describeErpContract('business-central-erp', async () => {
  const { sim, control, config } = await startSim();
  const deps = { logger: createLogger('test', 'silent'), connectorId: 'bc-contract' };
  const text = (value: unknown) =>
    typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
  return {
    port: createBusinessCentralConnector(config, deps),
    control,
    seeded: {
      customerExternalId: seedGuid(0xc0, 1),
      onHoldCustomerExternalId: seedGuid(0xc0, 3),
      supplierExternalId: seedGuid(0xe0, 1),
      skus: ['WID-1001', 'WID-1002'],
      itemCount: 32,
      locationExternalId: 'MAIN',
      priceBreak: { sku: 'WID-1003', quantity: '50' },
    },
    inspect: {
      payVendorBill: async (externalId, amount) => {
        const res = await fetch(`${sim.url}/__sim/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            set: 'purchaseInvoices',
            id: externalId,
            ...(amount === undefined ? {} : { amount }),
          }),
        });
        if (res.status !== 200) throw new Error(`pay: ${res.status} ${await res.text()}`);
      },
      count: async (kind) => (await control.records(COLLECTION[kind])).length,
      order: async (kind, externalId) => {
        const sales = kind === 'sales-order';
        const header = (await control.records(sales ? 'salesOrders' : 'purchaseOrders')).find(
          (o) => o.id === externalId,
        );
        if (!header) return undefined;
        const lines = (await control.records(sales ? 'salesOrderLines' : 'purchaseOrderLines'))
          .filter((l) => l.documentId === externalId)
          .sort((a, b) => Number(a.sequence) - Number(b.sequence));
        return {
          lines: lines.map((l): StoredOrderLine => ({
            quantity: String(l.quantity),
            unitPrice: String(sales ? l.unitPrice : l.directUnitCost),
            ...(sales
              ? { quantityFulfilled: text(l.shippedQuantity) }
              : { quantityReceived: text(l.receivedQuantity) }),
            quantityBilled: String(l.invoicedQuantity),
          })),
        };
      },
    },
    badCredentials: {
      port: createBusinessCentralConnector({ ...config, clientSecret: 'wrong-secret-value-123' }, deps),
      secrets: ['wrong-secret-value-123'],
    },
    breakItemMapping: () => {
      const item = sim.store
        .collection<Record<string, unknown>>('items')
        .find((i) => i.number === 'WID-1005');
      if (item) item.baseUnitOfMeasureCode = 'HOUR';
      return Promise.resolve({ sku: 'WID-1005', vendorPath: '/baseUnitOfMeasureCode' });
    },
    teardown: () => sim.stop(),
  };
});
