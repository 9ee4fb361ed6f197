import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { isHubError } from '../../platform/errors';
import type { InventoryAdjustment } from '../sdk/ports/erp';
import { createBusinessCentralConnector } from '.';
import { adjustmentDocumentNo, itemJournalLineBody } from './mappers/adjustment';
import { startSim, writeContext } from './test-support';
import { createBcTransport } from './transport';

let started: Awaited<ReturnType<typeof startSim>>;
let port: ReturnType<typeof createBusinessCentralConnector>;
const context = writeContext({ 'location:loc_east': 'EAST' });
let seq = 0;
const adjustment = (quantityDelta: string, sku = 'WID-1002'): InventoryAdjustment => ({
  id: `mov_bc_adj_${++seq}_with_a_long_id_beyond_twenty_characters`,
  legalEntityId: 'le_contoso_us',
  sku,
  locationId: 'loc_east',
  quantityDelta,
  occurredAt: '2025-06-06T09:30:00Z',
  reasonCode: 'adjustment:DAMAGED',
  memo: 'forklift',
});
const eastOnHand = async () =>
  (await port.getInventoryValuation({ sku: 'WID-1002', locationExternalId: 'EAST' }))[0]?.quantity ?? '0';

beforeAll(async () => {
  started = await startSim();
  port = createBusinessCentralConnector(started.config, {
    logger: createLogger('test', 'silent'),
    connectorId: 'bc-adjustment-test',
  });
});
afterAll(() => started.sim.stop());
beforeEach(() => started.control.reset());

describe('Business Central inventory adjustments', () => {
  it('posts a negative delta as a Negative Adjmt. entry at the location, under the Document No. of the hub id', async () => {
    const adj = adjustment('-3');
    const result = await port.postInventoryAdjustment(adj, context);
    const entries = await started.control.records('itemLedgerEntries');
    const entry = entries.find((e) => e.id === result.externalId);
    expect(entry).toMatchObject({
      entryType: 'Negative Adjmt.',
      itemNumber: 'WID-1002',
      locationCode: 'EAST',
      quantity: -3,
      postingDate: '2025-06-06',
      documentNumber: adjustmentDocumentNo(adj.id),
    });
    expect(result.documentNumber).toHaveLength(20);
    expect(await started.control.records('itemJournalLines')).toEqual([]);
  });

  it('posts the line an interrupted attempt left in the journal instead of a second one', async () => {
    const before = await eastOnHand();
    const adj = adjustment('7');
    const transport = createBcTransport(started.config);
    await transport.requestApi('hub/inventory/v1.0', {
      method: 'POST',
      path: '/itemJournalLines',
      body: itemJournalLineBody(adj, {
        template: 'ITEM',
        batch: 'DEFAULT',
        itemNumber: 'WID-1002',
        locationCode: 'EAST',
      }),
    });
    expect(await started.control.records('itemJournalLines')).toHaveLength(1);
    const result = await port.postInventoryAdjustment(adj, context);
    expect(result.created).toBe(true);
    expect(await started.control.records('itemJournalLines')).toEqual([]);
    expect(Number(await eastOnHand()) - Number(before)).toBe(7);
  });

  it('refuses a service item at /sku', async () => {
    const error = await port
      .postInventoryAdjustment(adjustment('1', 'WID-1031'), context)
      .catch((e: unknown) => e);
    expect(isHubError(error) && error.kind).toBe('data');
    expect(isHubError(error) && error.fieldErrors?.map((f) => f.path)).toEqual(['/sku']);
  });

  it('is a config error when the tenant has no item journal API at the configured path', async () => {
    await started.control.settings({ itemJournalApi: 'contoso/warehouse/v2.0' });
    const error = await port.postInventoryAdjustment(adjustment('1'), context).catch((e: unknown) => e);
    expect(isHubError(error) && error.kind).toBe('config');
    expect(isHubError(error) && error.message).toContain('itemJournalApi');
    const other = createBusinessCentralConnector(
      { ...started.config, itemJournalApi: 'contoso/warehouse/v2.0' },
      { logger: createLogger('test', 'silent'), connectorId: 'bc-adjustment-test-2' },
    );
    expect((await other.postInventoryAdjustment(adjustment('1'), context)).created).toBe(true);
  });
});
