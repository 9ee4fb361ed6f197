import { afterEach, describe, expect, it } from 'vitest';
import type { SalesOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { createLogger } from '../../monitoring/logger';
import { freePort } from '../../test/support/processes';
import { seedGuid } from '../../simulators/business-central/index';
import { createBusinessCentralConnector, businessCentralConnector } from '.';
import type { BusinessCentralConfig } from './config-schema';
import { startSim, writeContext } from './test-support';
import { createBcTransport } from './transport';

const deps = { logger: createLogger('test', 'silent'), connectorId: 'bc-test' };
const validator = createCanonicalValidator();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function setup(settings: Parameters<typeof startSim>[0] = {}) {
  const started = await startSim(settings);
  stops.push(() => started.sim.stop());
  return started;
}

const customerId = seedGuid(0xc0, 1);
const order = (quantity: string): SalesOrder => ({
  schemaVersion: '1',
  documentType: 'sales-order',
  id: 'so_bc_1',
  legalEntityId: 'le_contoso_us',
  source: { connectorId: 'edi', system: 'x12', externalId: 'ISA1' },
  orderNumber: 'SO-1',
  customerId: 'cus_adatum',
  customerPoNumber: '4500098812',
  status: 'open',
  orderDate: '2025-06-02',
  currency: 'USD',
  shipTo: {
    name: 'Adatum DC',
    address: { lines: ['1 Dock Rd'], city: 'Joliet', region: 'IL', countryCode: 'US' },
  },
  lines: [
    {
      lineNumber: 1,
      item: { identifiers: [{ qualifier: 'SKU', value: 'WID-1001' }] },
      quantity: { value: quantity, uom: 'EA' },
      unitPrice: { amount: '3.10', currency: 'USD' },
      status: 'open',
    },
  ],
});
const links = { 'customer:cus_adatum': customerId };

describe('Business Central connector against the simulator', () => {
  it('re-reads and succeeds when the order changes between its read and the PATCH (412 once)', async () => {
    const { control, config } = await setup();
    const port = createBusinessCentralConnector(config, deps);
    const first = await port.upsertSalesOrder(order('5'), writeContext(links));
    await control.settings({ concurrentEditsOnPatch: 1 });
    const second = await port.upsertSalesOrder(order('8'), writeContext(links));
    expect(second).toMatchObject({ externalId: first.externalId, created: false });
    const patches = (await control.requests('/salesOrders(')).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.status)).toEqual([412, 200, 200]);
    const lines = await control.records('salesOrderLines');
    expect(lines.find((l) => l.documentId === first.externalId)?.quantity).toBe(8);
    expect(await control.records('salesOrders')).toHaveLength(1);
  });

  it('fails with a clear transient error when the order keeps changing under it', async () => {
    const { control, config } = await setup();
    const port = createBusinessCentralConnector(config, deps);
    await port.upsertSalesOrder(order('5'), writeContext(links));
    await control.settings({ concurrentEditsOnPatch: 2 });
    await expect(port.upsertSalesOrder(order('8'), writeContext(links))).rejects.toMatchObject({
      kind: 'transient',
      message: expect.stringMatching(/S-ORD\d+ was changed by another user twice.*412/) as unknown,
    });
  });

  it('refuses a customer PO longer than BC allows, naming the canonical field', async () => {
    const { config } = await setup();
    const port = createBusinessCentralConnector(config, deps);
    const long = { ...order('1'), customerPoNumber: 'X'.repeat(36) };
    await expect(port.upsertSalesOrder(long, writeContext(links))).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [expect.objectContaining({ path: '/customerPoNumber' })],
    });
  });

  it('pages items through @odata.nextLink, every page valid, each item once', async () => {
    const { config, control } = await setup();
    const port = createBusinessCentralConnector(config, deps);
    const skus: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await port.listItems({ limit: 7, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) expect(validator.validate('item', item)).toMatchObject({ valid: true });
      skus.push(...page.items.map((i) => i.sku));
      cursor = page.nextCursor;
    } while (cursor);
    expect(skus).toHaveLength(32);
    expect(new Set(skus).size).toBe(32);
    const gets = (await control.requests('/items')).filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(5);
    expect(gets[1]?.query).toMatchObject({ $skiptoken: '7' });
  });

  it('refuses a cursor that points at another host (the bearer token stays home)', async () => {
    const { config } = await setup();
    const port = createBusinessCentralConnector(config, deps);
    const evil = Buffer.from('https://evil.example.com/v2.0/x/items').toString('base64url');
    await expect(port.listItems({ cursor: evil })).rejects.toMatchObject({ kind: 'data' });
  });
});

describe('Business Central tokens', () => {
  it('reuses a token until shortly before it expires, then signs in again', async () => {
    const { config, control } = await setup({ tokenTtlSeconds: 600 });
    let clock = Date.now();
    const transport = createBcTransport(config, { now: () => clock });
    await transport.request({ method: 'GET', path: '/customers' });
    await transport.request({ method: 'GET', path: '/vendors' });
    expect(await control.requests('/oauth2/')).toHaveLength(1);
    clock += 545_000; // within a minute of expiry
    await transport.request({ method: 'GET', path: '/items' });
    expect(await control.requests('/oauth2/')).toHaveLength(2);
  });

  it('signs in again once after a 401 and retries the request', async () => {
    const { config, control } = await setup();
    const port = createBusinessCentralConnector(config, deps);
    expect(await port.getCustomer(customerId)).toBeDefined();
    await control.settings({ tokenGeneration: 2 }); // every token held is now stale
    const customer = await port.getCustomer(customerId);
    expect(customer?.customerNumber).toBe('C10000');
    expect(await control.requests('/oauth2/')).toHaveLength(2);
    const statuses = (await control.requests('/customers(')).map((r) => r.status);
    expect(statuses).toEqual([200, 401, 200]);
  });
});

describe('Business Central check()', () => {
  const check = (config: BusinessCentralConfig) => businessCentralConnector.check(config, deps);

  it('passes reach, authenticate and permissions against a healthy company', async () => {
    const { config } = await setup();
    const result = await check(config);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reach', true],
      ['authenticate', true],
      ['permissions', true],
    ]);
    expect(result.checks[2]?.message).toContain('CRONUS USA, Inc.');
  });

  it('reports wrong credentials as a config failure without the secret', async () => {
    const { config } = await setup();
    const result = await check({ ...config, clientSecret: 'not-the-secret-42' });
    expect(result.ok).toBe(false);
    expect(result.checks[1]).toMatchObject({ name: 'authenticate', ok: false, errorKind: 'config' });
    expect(result.checks[1]?.message).toMatch(/invalid_client/);
    expect(JSON.stringify(result)).not.toContain('not-the-secret-42');
  });

  it('reports an unknown company as a config failure of the permissions step', async () => {
    const { config } = await setup();
    const result = await check({ ...config, companyId: '00000000-0000-4000-8000-00000000dead' });
    expect(result.checks[2]).toMatchObject({ name: 'permissions', ok: false, errorKind: 'config' });
  });

  it('names the unreachable host and the reason', async () => {
    const port = await freePort();
    const result = await check({
      ...(await setup()).config,
      baseUrl: `http://127.0.0.1:${port}`,
      authorityUrl: `http://127.0.0.1:${port}`,
    });
    expect(result.checks[0]).toMatchObject({ name: 'reach', ok: false, errorKind: 'transient' });
    expect(result.checks[0]?.message).toMatch(
      new RegExp(`^Business Central at 127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED\\)`),
    );
    expect(result.checks.slice(1).map((c) => c.message)).toEqual([
      'skipped: Business Central is unreachable',
      'skipped: not signed in',
    ]);
  });
});
