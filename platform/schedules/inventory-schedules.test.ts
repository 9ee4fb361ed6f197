import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInventorySchedules, inventoryScheduleIds } from './inventory-schedules';
import type { InventoryScheduleOptions } from './inventory-schedules';

// Against the stack's real Temporal dev server (Schedules need it; the time-skipping server has none), with
// schedule ids of this run's own, deleted at the end.
let connection: Connection;
let client: Client;
const prefix = `test-${randomUUID().slice(0, 8)}-`;
const ids = inventoryScheduleIds(prefix);

const options = (
  over: Partial<InventoryScheduleOptions['reconciliation']> = {},
): InventoryScheduleOptions => ({
  taskQueue: `schedules-${prefix}`,
  scheduleIdPrefix: prefix,
  reconciliation: {
    every: '15 minutes',
    graceRuns: 2,
    graceMinutes: 30,
    legalEntities: [{ legalEntityId: 'le_acme_us', erpConnectorId: 'con_erp', wmsConnectorId: 'con_wms' }],
    ...over,
  },
  masterData: { every: '1 hour' },
});

beforeAll(async () => {
  const address = process.env.HUB_TEMPORAL_ADDRESS;
  if (!address) throw new Error('HUB_TEMPORAL_ADDRESS is not set: source the stack env (see the test brief)');
  connection = await Connection.connect({ address });
  client = new Client({ connection, namespace: process.env.HUB_TEMPORAL_NAMESPACE ?? 'default' });
});
afterAll(async () => {
  for (const id of Object.values(ids))
    await client?.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  await connection?.close();
});

describe('inventory schedules', () => {
  it('creates both schedules once; a second start-up leaves them alone and a changed spec updates them', async () => {
    expect(await ensureInventorySchedules(client, options())).toEqual({
      reconciliation: 'created',
      masterData: 'created',
    });
    const described = await client.schedule.getHandle(ids.reconciliation).describe();
    expect(described.action).toMatchObject({
      workflowType: 'inventoryReconciliationWorkflow',
      taskQueue: `schedules-${prefix}`,
      args: [{ grace: { runs: 2, minutes: 30 }, inFlightMinutes: 5 }],
    });
    expect(described.spec.intervals?.[0]?.every).toBe(15 * 60_000);
    const sync = await client.schedule.getHandle(ids.masterData).describe();
    expect(sync.action.workflowType).toBe('masterDataSyncWorkflow');

    expect(await ensureInventorySchedules(client, options())).toEqual({
      reconciliation: 'unchanged',
      masterData: 'unchanged',
    });
    expect((await client.schedule.getHandle(ids.reconciliation).describe()).info.createdAt).toEqual(
      described.info.createdAt,
    );

    expect(await ensureInventorySchedules(client, options({ every: '5 minutes' }))).toEqual({
      reconciliation: 'updated',
      masterData: 'unchanged',
    });
    const updated = await client.schedule.getHandle(ids.reconciliation).describe();
    expect(updated.spec.intervals?.[0]?.every).toBe(5 * 60_000);
    expect(updated.info.createdAt).toEqual(described.info.createdAt);
  });

  it('refuses a reconciliation without a grace period, naming it', async () => {
    await expect(
      ensureInventorySchedules(client, {
        ...options(),
        scheduleIdPrefix: `${prefix}x-`,
        reconciliation: { every: '15 minutes', legalEntities: [] },
      }),
    ).rejects.toThrow(/graceMinutes or graceRuns/);
  });
});
