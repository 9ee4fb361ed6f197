import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { IDS, startReconcileWorld } from '../../activities/inventory/reconcile-test-world';
import type { ReconcileWorld, StockRow } from '../../activities/inventory/reconcile-test-world';
import { discrepancyId } from '../../platform/inventory/reconcile-store';
import type { MasterDataDocument } from '../../platform/master-data';
import type { InventoryReconciliationInput } from './types';
import type { inventoryReconciliationWorkflow } from './workflow';

// The real workflow on a time-skipping Temporal server, over the real activities: NetSuite and ShipHero simulators
// behind their connectors, the hub's stock ledger and the discrepancy store on FerretDB.
let world: ReconcileWorld;

beforeAll(async () => {
  world = await startReconcileWorld();
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

/** A legal entity and SKUs of the test's own, so no test sees another's discrepancies or ledger positions. */
function fresh(prefix: string) {
  const tag = randomUUID().slice(0, 6);
  return { legalEntityId: `le_${prefix}_${tag}`, sku: (n: number) => `${prefix.toUpperCase()}-${tag}-${n}` };
}

const input = (legalEntityId: string, over: Partial<InventoryReconciliationInput> = {}) => ({
  legalEntities: [{ legalEntityId, erpConnectorId: IDS.erp, wmsConnectorId: IDS.wms }],
  grace: { runs: 1 },
  inFlightMinutes: 5,
  ...over,
});

async function run(legalEntityId: string, over: Partial<InventoryReconciliationInput> = {}) {
  const result = await world.env.client.workflow.execute<typeof inventoryReconciliationWorkflow>(
    'inventoryReconciliationWorkflow',
    { taskQueue: world.taskQueue, workflowId: `rec-${randomUUID()}`, args: [input(legalEntityId, over)] },
  );
  expect(result.failed).toEqual([]);
  return result.runs[0]!;
}

const get = (legalEntityId: string, sku: string, location = IDS.primary) =>
  world.store.getDiscrepancy(discrepancyId(legalEntityId, location, sku));

describe('inventory reconciliation', () => {
  it('finds nothing when the ERP and the WMS agree at every location', async () => {
    const { legalEntityId, sku } = fresh('agree');
    const rows: StockRow[] = [
      { sku: sku(1), location: 'primary', erp: '40', wms: 40 },
      { sku: sku(1), location: 'secondary', erp: '7', wms: 7 },
      { sku: sku(2), location: 'primary', erp: '0', wms: 0 },
      // The same quantity written differently is no difference.
      { sku: sku(3), location: 'primary', erp: '12.0', wms: 12 },
    ];
    world.setStock(rows);
    const summary = await run(legalEntityId);
    expect(summary).toMatchObject({ compared: 4, agreeing: 4, discrepancies: 0, opened: 0 });
    const page = await world.store.listDiscrepancies({
      legalEntityId,
      status: ['open', 'exception', 'resolved'],
    });
    expect(page.items).toEqual([]);
  });

  it('calls a WMS figure twelve times the ERP one for an item sold by the dozen a unit mismatch', async () => {
    const { legalEntityId, sku } = fresh('dozen');
    const item = structuredClone(loadFixture('item')) as unknown as MasterDataDocument;
    Object.assign(item, {
      id: `itm_${sku(1)}`,
      legalEntityId,
      sku: sku(1),
      identifiers: [{ qualifier: 'SKU', value: sku(1) }],
      salesUom: 'DZ',
      uomConversions: [{ uom: 'DZ', baseUnits: '12' }],
      source: { connectorId: IDS.erp, system: 'netsuite', externalId: `x-${sku(1)}`, version: '1' },
    });
    await world.masterData.apply(item);
    world.setStock([
      { sku: sku(1), location: 'primary', erp: '10', wms: 120 },
      // Not an item of this legal entity's master data: a plain difference.
      { sku: sku(2), location: 'primary', erp: '10', wms: 120 },
    ]);
    const summary = await run(legalEntityId);
    expect(summary).toMatchObject({ discrepancies: 2, byCause: { 'unit-mismatch': 1, unknown: 1 } });
    const d = await get(legalEntityId, sku(1));
    expect(d).toMatchObject({
      status: 'open',
      cause: 'unit-mismatch',
      values: { erp: { quantity: '10', uom: 'EA' }, wms: { quantity: '120', uom: 'EA' } },
    });
    expect(d?.explanation).toContain('12');
    expect((await get(legalEntityId, sku(2)))?.cause).toBe('unknown');
    const metrics = await world.metrics.getSingleMetricAsString('hub_inventory_discrepancies_open');
    expect(metrics).toContain(
      `hub_inventory_discrepancies_open{legalEntity="${legalEntityId}",cause="unit-mismatch"} 1`,
    );
  });

  it('calls a difference equal to a movement the hub just applied events in flight, and resolves it once the ERP catches up', async () => {
    const { legalEntityId, sku } = fresh('flight');
    const key = { sku: sku(1), locationId: IDS.primary };
    await world.ledger.setStock({
      ...key,
      opId: `count-${sku(1)}`,
      onHand: '100',
      held: '0',
      asOf: new Date(Date.now() - 60_000).toISOString(),
    });
    // The WMS picked 5; the hub applied the movement; the ERP has not been told yet.
    await world.ledger.applyMovement({
      ...key,
      opId: `pick-${sku(1)}`,
      onHandDelta: '-5',
      heldDelta: '0',
      at: new Date().toISOString(),
    });
    world.setStock([{ sku: sku(1), location: 'primary', erp: '100', wms: 95 }]);
    const first = await run(legalEntityId);
    expect(first).toMatchObject({ discrepancies: 1, opened: 1, byCause: { 'events-in-flight': 1 } });
    const seen = await get(legalEntityId, sku(1));
    expect(seen).toMatchObject({
      status: 'open',
      cause: 'events-in-flight',
      values: { hub: { quantity: '95' } },
    });
    expect(seen?.explanation).toContain(`pick-${sku(1)}`);

    world.setStock([{ sku: sku(1), location: 'primary', erp: '95', wms: 95 }]);
    const second = await run(legalEntityId);
    expect(second).toMatchObject({ discrepancies: 0, resolved: 1, exceptionsOpened: 0 });
    const resolved = await get(legalEntityId, sku(1));
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.exceptionOpenedAt).toBeUndefined();
    expect(resolved?.history.map((h) => h.event)).toEqual(['opened', 'resolved']);
  });

  it('names the movement the ERP lacks when the difference equals an older movement', async () => {
    const { legalEntityId, sku } = fresh('missing');
    const key = { sku: sku(1), locationId: IDS.primary };
    await world.ledger.setStock({
      ...key,
      opId: `count-${sku(1)}`,
      onHand: '100',
      held: '0',
      asOf: new Date(Date.now() - 60_000).toISOString(),
    });
    await world.ledger.applyMovement({
      ...key,
      opId: `damage-${sku(1)}`,
      onHandDelta: '-7',
      heldDelta: '0',
      at: new Date(Date.now() - 30_000).toISOString(),
    });
    world.setStock([{ sku: sku(1), location: 'primary', erp: '100', wms: 93 }]);
    // Nothing counts as recent: the movement is older than the in-flight window.
    await run(legalEntityId, { inFlightMinutes: 0 });
    const d = await get(legalEntityId, sku(1));
    expect(d?.cause).toBe('missing-movement');
    expect(d?.explanation).toContain(`damage-${sku(1)}`);
    expect(d?.explanation).toContain('erp lacks');
  });

  it('opens one exception for a difference that outlasts the grace period and closes it when the systems agree', async () => {
    const { legalEntityId, sku } = fresh('persist');
    world.setStock([
      { sku: sku(1), location: 'primary', erp: '100', wms: 93 },
      { sku: sku(2), location: 'secondary', erp: '4', wms: 4 },
    ]);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await run(legalEntityId));
    expect(runs.map((r) => r.exceptionsOpened)).toEqual([0, 1, 0]);
    const d = await get(legalEntityId, sku(1));
    expect(d).toMatchObject({ status: 'exception', runsSeen: 3, cause: 'unknown' });
    expect(d?.history.filter((h) => h.event === 'exception-opened')).toHaveLength(1);
    const listed = await world.store.listDiscrepancies({ legalEntityId, status: ['exception'] });
    expect(listed.items.map((x) => x.sku)).toEqual([sku(1)]);

    world.setStock([
      { sku: sku(1), location: 'primary', erp: '93', wms: 93 },
      { sku: sku(2), location: 'secondary', erp: '4', wms: 4 },
    ]);
    const fixed = await run(legalEntityId);
    expect(fixed).toMatchObject({ discrepancies: 0, resolved: 1, exceptionsClosed: 1 });
    const closed = await get(legalEntityId, sku(1));
    expect(closed?.status).toBe('resolved');
    expect(closed?.exceptionClosedAt).toBeInstanceOf(Date);
    const stored = await world.store.listRuns(legalEntityId);
    expect(stored).toHaveLength(4);
    expect(stored[0]).toMatchObject({ compared: 2, agreeing: 2, exceptionsClosed: 1 });
    expect(typeof stored[0]?.durationMs).toBe('number');
  });
});
