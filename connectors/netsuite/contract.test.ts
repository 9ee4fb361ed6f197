import { createLogger } from '../../monitoring/logger';
import { simulatorControl } from '../../simulators/kit/control';
import {
  NETSUITE_SIM_CREDENTIALS,
  SEEDED_ITEM_COUNT,
  createNetSuiteSimulator,
} from '../../simulators/netsuite';
import { freePort } from '../../test/support/processes';
import { describeConnectorContract } from '../sdk/contract';
import { describeErpContract } from '../sdk/contracts/erp';
import type { ErpRecordKind } from '../sdk/contracts/erp';
import { netsuiteConnector } from '.';
import type { NetSuiteConfig } from '.';

const validConfig = () => ({
  ...NETSUITE_SIM_CREDENTIALS,
  baseUrl: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest',
  legalEntityId: 'le_acme_us',
});

describeConnectorContract(netsuiteConnector, {
  validConfig,
  unreachableConfig: async () => ({
    ...validConfig(),
    baseUrl: `http://127.0.0.1:${await freePort()}/services/rest`,
    timeoutMs: 5_000,
  }),
  invalidConfigs: [
    { name: 'a missing account id', config: { ...validConfig(), accountId: undefined }, path: '/accountId' },
    {
      name: 'an account id with spaces',
      config: { ...validConfig(), accountId: '12 34' },
      path: '/accountId',
    },
    {
      name: 'a missing token secret',
      config: { ...validConfig(), tokenSecret: undefined },
      path: '/tokenSecret',
    },
    {
      name: 'a base URL that is not http(s)',
      config: { ...validConfig(), baseUrl: 'ftp://x' },
      path: '/baseUrl',
    },
    { name: 'a lower-case currency', config: { ...validConfig(), currency: 'usd' }, path: '/currency' },
    { name: 'a misspelt field', config: { ...validConfig(), tokenSecert: 'x' }, path: '/tokenSecert' },
    {
      name: 'zero retry attempts',
      config: { ...validConfig(), retry: { maximumAttempts: 0 } },
      path: '/retry/maximumAttempts',
    },
  ],
});

const COLLECTIONS: Record<ErpRecordKind, string> = {
  'sales-order': 'salesOrder',
  'purchase-order': 'purchaseOrder',
  'goods-receipt': 'itemReceipt',
  shipment: 'itemFulfillment',
  invoice: 'invoice',
  'vendor-bill': 'vendorBill',
  'credit-memo': 'creditMemo',
};

type StoredLine = Record<string, unknown> & { quantity: number; rate: number };

describeErpContract('netsuite-erp', async () => {
  const sim = createNetSuiteSimulator();
  const url = await sim.start(0);
  const control = simulatorControl(url);
  const deps = { logger: createLogger('test', 'silent'), connectorId: 'netsuite-contract' };
  const config = (overrides: Partial<NetSuiteConfig> = {}): NetSuiteConfig => ({
    ...NETSUITE_SIM_CREDENTIALS,
    baseUrl: `${url}/services/rest`,
    legalEntityId: 'le_acme_us',
    currency: 'USD',
    timeoutMs: 10_000,
    ...overrides,
  });
  const wrong = { consumerSecret: 'wrong-consumer-secret-5a1', tokenSecret: 'wrong-token-secret-9b2' };
  const text = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : undefined);
  return {
    port: netsuiteConnector.create(config(), deps),
    control,
    seeded: {
      customerExternalId: '101',
      onHoldCustomerExternalId: '102',
      supplierExternalId: '201',
      skus: ['WID-1001', 'WID-1002', 'WID-1003'],
      itemCount: SEEDED_ITEM_COUNT,
      locationExternalId: '1',
      priceBreak: { sku: 'WID-1001', quantity: '100' },
    },
    inspect: {
      payVendorBill: async (externalId, amount) => {
        const res = await fetch(`${url}/__sim/pay`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            recordType: 'vendorBill',
            id: externalId,
            ...(amount === undefined ? {} : { amount }),
          }),
        });
        if (res.status !== 200) throw new Error(`pay: ${res.status} ${await res.text()}`);
      },
      count: async (kind) => (await control.records(COLLECTIONS[kind])).length,
      order: async (kind, externalId) => {
        const records = await control.records<{ id: string; item: { items: StoredLine[] } }>(
          COLLECTIONS[kind],
        );
        const found = records.find((r) => r.id === externalId);
        return (
          found && {
            lines: found.item.items.map((l) => ({
              quantity: String(l.quantity),
              unitPrice: String(l.rate),
              ...(text(l.quantityReceived) ? { quantityReceived: text(l.quantityReceived) } : {}),
              ...(text(l.quantityFulfilled) ? { quantityFulfilled: text(l.quantityFulfilled) } : {}),
              ...(text(l.quantityBilled) ? { quantityBilled: text(l.quantityBilled) } : {}),
            })),
          }
        );
      },
    },
    badCredentials: { port: netsuiteConnector.create(config(wrong), deps), secrets: Object.values(wrong) },
    breakItemMapping: async () => {
      await control.settings({ brokenItems: ['WID-1005'] });
      return { sku: 'WID-1005', vendorPath: '/basePrice' };
    },
    teardown: () => sim.stop(),
  };
});
