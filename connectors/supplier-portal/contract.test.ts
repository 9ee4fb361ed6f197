import { createLogger } from '../../monitoring/logger';
import {
  createSupplierPortalSimulator,
  SEED_CATALOG,
  SEED_SUPPLIERS,
} from '../../simulators/supplier-portal';
import { simulatorControl } from '../../simulators/kit/control';
import { freePort } from '../../test/support/processes';
import { validateConnectorConfig } from '../config';
import { describeConnectorContract } from '../sdk/contract';
import { describeSupplierPortalContract } from '../sdk/contracts/supplier-portal';
import { startWebhookCapture } from '../sdk/contracts/webhook-capture';
import type { ContractItem, SupplierPortalContractSetup } from '../sdk/contracts/supplier-portal';
import acknowledgementFixture from './fixtures/acknowledgement.json';
import { SIGNATURE_TOLERANCE_SECONDS, supplierPortalConnector } from '.';
import type { SupplierPortalConfig } from '.';

const API_KEY = 'sp_live_contract_9c2e47a1';
const WEBHOOK_SECRET = 'whsec_contract_5d81f0';
const deps = { logger: createLogger('test', 'silent'), connectorId: 'supplier-portal-contract' };

const validConfig = () => ({
  baseUrl: 'https://portal.example.com',
  apiKey: API_KEY,
  webhookSecret: WEBHOOK_SECRET,
  buyerCode: 'ACME-US',
  legalEntityId: 'le_acme_us',
});

describeConnectorContract(supplierPortalConnector, {
  validConfig,
  deps,
  unreachableConfig: async () => ({
    ...validConfig(),
    baseUrl: `http://127.0.0.1:${await freePort()}`,
    timeoutMs: 5_000,
  }),
  invalidConfigs: [
    { name: 'a missing base URL', config: { ...validConfig(), baseUrl: undefined }, path: '/baseUrl' },
    {
      name: 'a base URL without scheme',
      config: { ...validConfig(), baseUrl: 'portal.example.com' },
      path: '/baseUrl',
    },
    { name: 'a missing API key', config: { ...validConfig(), apiKey: undefined }, path: '/apiKey' },
    {
      name: 'a missing webhook secret',
      config: { ...validConfig(), webhookSecret: undefined },
      path: '/webhookSecret',
    },
    {
      name: 'a legal entity that is no id',
      config: { ...validConfig(), legalEntityId: 'le acme' },
      path: '/legalEntityId',
    },
    { name: 'a timeout given as text', config: { ...validConfig(), timeoutMs: '30000' }, path: '/timeoutMs' },
    { name: 'a misspelt field', config: { ...validConfig(), apiKy: 'x' }, path: '/apiKy' },
    {
      name: 'zero retry attempts',
      config: { ...validConfig(), retry: { maximumAttempts: 0 } },
      path: '/retry/maximumAttempts',
    },
  ],
});

const catalogue = (sku: string): ContractItem => {
  const item = SEED_CATALOG.find((c) => c.sku === sku)!;
  const uom = { case: 'CS', box: 'BX', each: 'EA' }[item.unit] ?? 'EA';
  return {
    sku,
    vendorPart: item.vendor_part,
    description: item.description,
    uom,
    unitPrice: item.unit_price,
  };
};

/** A local endpoint that records every webhook the portal posts. */

const config = (raw: object): SupplierPortalConfig => {
  const result = validateConnectorConfig(supplierPortalConnector, raw);
  if (!result.valid) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

describeSupplierPortalContract('supplier-portal-rest against the simulator', async () => {
  const items = {
    accept: catalogue('WID-1001'),
    reject: catalogue('WID-1002'),
    changeQuantity: catalogue('BLT-2040'),
    changePrice: catalogue('NUT-0800'),
    delayDate: catalogue('WSH-0810'),
  };
  const sim = createSupplierPortalSimulator({
    settings: {
      apiKey: API_KEY,
      ackDelayMs: 20,
      shipDelayMs: 20,
      invoiceDelayMs: 20,
      rejectSkus: [items.reject.sku],
      changeQuantitySkus: [items.changeQuantity.sku],
      changePriceSkus: [items.changePrice.sku],
      delayDateSkus: [items.delayDate.sku],
    },
  });
  const url = await sim.start(0);
  const control = simulatorControl(url);
  const capture = await startWebhookCapture();
  await control.registerWebhooks(capture.url, WEBHOOK_SECRET);
  const good = config({ ...validConfig(), baseUrl: url });
  const bad = config({ ...validConfig(), baseUrl: url, apiKey: 'sp_live_revoked_00000000' });
  const supplier = SEED_SUPPLIERS[0]!;
  const setup: SupplierPortalContractSetup = {
    port: supplierPortalConnector.create(good, deps),
    badCredentials: { port: supplierPortalConnector.create(bad, deps), apiKey: bad.apiKey },
    control,
    webhooks: {
      receiver: supplierPortalConnector.webhooks!,
      config: good,
      wrongSecretConfig: { ...good, webhookSecret: 'whsec_somebody_else' },
      capture,
      toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS,
    },
    references: new Map([['supplier:sup_acme_gmbh', supplier.id]]),
    legalEntityId: good.legalEntityId,
    supplierId: 'sup_acme_gmbh',
    currency: supplier.currency,
    items,
    async publishedPurchaseOrders() {
      const records = await control.records<{ id: string; po_number: string }>('purchase-orders');
      return records.map((r) => ({ externalId: r.id, poNumber: r.po_number }));
    },
    plantMalformedAcknowledgement(defect) {
      const ack = structuredClone(acknowledgementFixture) as Record<string, unknown> & {
        lines: Record<string, unknown>[];
      };
      if (defect === 'unparsable-price') ack.lines[0]!.unit_price = '22,60 EUR';
      else {
        delete ack.lines[1]!.sku;
        delete ack.lines[1]!.vendor_part;
      }
      sim.store.collection('acknowledgements').put(String(ack.id), ack);
      return Promise.resolve(defect === 'unparsable-price' ? '/lines/0/unit_price' : '/lines/1/sku');
    },
    async teardown() {
      await sim.stop();
      await capture.close();
    },
  };
  return setup;
});
