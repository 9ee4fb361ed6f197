import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { isHubError } from '../../platform/errors';
import { simulatorControl } from '../../simulators/kit/control';
import { NETSUITE_SIM_CREDENTIALS, createNetSuiteSimulator } from '../../simulators/netsuite';
import type { WriteContext } from '../sdk/ports/common';
import type { InventoryAdjustment } from '../sdk/ports/erp';
import { createNetSuiteConnector } from '.';
import type { NetSuiteConfig } from '.';

const sim = createNetSuiteSimulator();
let control: ReturnType<typeof simulatorControl>;
let url = '';
const deps = { logger: createLogger('test', 'silent'), connectorId: 'netsuite-adjustment-test' };
const port = (overrides: Partial<NetSuiteConfig> = {}) =>
  createNetSuiteConnector(
    {
      ...NETSUITE_SIM_CREDENTIALS,
      baseUrl: `${url}/services/rest`,
      legalEntityId: 'le_acme_us',
      currency: 'USD',
      timeoutMs: 10_000,
      ...overrides,
    },
    deps,
  );
const context: WriteContext = {
  references: {
    externalId: (type, id) => Promise.resolve(type === 'location' && id === 'loc_reno' ? '2' : undefined),
  },
  idempotencyKey: 'adjustment-test',
};
let seq = 0;
const adjustment = (quantityDelta: string): InventoryAdjustment => ({
  id: `mov_ns_adj_${++seq}`,
  legalEntityId: 'le_acme_us',
  sku: 'WID-1002',
  locationId: 'loc_reno',
  quantityDelta,
  occurredAt: '2025-06-06T09:30:00Z',
  reasonCode: 'count:CYCLE_COUNT',
  memo: 'approved by J. Doe',
});
type Stored = {
  externalId?: string;
  account: { id: string };
  subsidiary: { id: string };
  adjLocation: { id: string };
  tranDate: string;
  memo: string;
  inventory: { items: { item: { id: string }; location: { id: string }; adjustQtyBy: unknown }[] };
};

beforeAll(async () => {
  url = await sim.start(0);
  control = simulatorControl(url);
});
afterAll(() => sim.stop());
beforeEach(() => control.reset());

describe('NetSuite inventory adjustments', () => {
  it('writes the record NetSuite documents: account, subsidiary, adjLocation, date, memo and the signed line', async () => {
    const adj = adjustment('-1.25');
    const result = await port().postInventoryAdjustment(adj, context);
    const [stored] = await control.records<Stored>('inventoryAdjustment');
    expect(stored).toMatchObject({
      externalId: adj.id,
      account: { id: '58' },
      subsidiary: { id: '1' },
      adjLocation: { id: '2' },
      tranDate: '2025-06-06',
    });
    expect(stored!.memo).toContain('count:CYCLE_COUNT');
    expect(stored!.memo).toContain('approved by J. Doe');
    expect(stored!.inventory.items).toHaveLength(1);
    expect(stored!.inventory.items[0]).toMatchObject({ item: { id: '4712' }, location: { id: '2' } });
    expect(String(stored!.inventory.items[0]!.adjustQtyBy)).toBe('-1.25');
    expect(result.documentNumber).toMatch(/^ADJ\d+$/);
  });

  it('posts against the configured adjustment account instead of the default', async () => {
    await port({ adjustmentAccountId: '112' }).postInventoryAdjustment(adjustment('2'), context);
    const [stored] = await control.records<Stored>('inventoryAdjustment');
    expect(stored?.account.id).toBe('112');
  });

  it('is a config error naming adjustmentAccountId when no account is configured and none is named the default', async () => {
    sim.store.collection('account').delete('58');
    const error = await port()
      .postInventoryAdjustment(adjustment('2'), context)
      .catch((err: unknown) => err);
    expect(isHubError(error) && error.kind).toBe('config');
    expect(isHubError(error) && error.fieldErrors?.map((f) => f.path)).toEqual(['/adjustmentAccountId']);
    expect(await control.records('inventoryAdjustment')).toHaveLength(0);
  });
});
