import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, startReconcileWorld } from '../../activities/inventory/reconcile-test-world';
import type { ReconcileWorld } from '../../activities/inventory/reconcile-test-world';
import type { MasterDataSyncResult, masterDataSyncWorkflow } from './workflow';

// The real sync workflow on a time-skipping Temporal server over the real activities: items read page by page from
// the NetSuite simulator through its connector and applied through the master-data store on FerretDB.
let world: ReconcileWorld;
/** The legal entity the simulated NetSuite connector's items belong to (its config). */
const ENTITY = 'le_x';

beforeAll(async () => {
  world = await startReconcileWorld();
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

async function sync(): Promise<MasterDataSyncResult> {
  const result = await world.env.client.workflow.execute<typeof masterDataSyncWorkflow>(
    'masterDataSyncWorkflow',
    {
      taskQueue: world.taskQueue,
      workflowId: `mds-${randomUUID()}`,
      // One item a page: the run pages through the catalogue.
      args: [{ legalEntityIds: [ENTITY], pageSize: 1 }],
    },
  );
  expect(result.failed).toEqual([]);
  return result;
}

describe('master-data sync', () => {
  it('applies a changed item once, audits old → new, and writes nothing when nothing changed', async () => {
    const tag = randomUUID().slice(0, 6);
    const [a, b] = [`MDS-${tag}-1`, `MDS-${tag}-2`];
    world.setStock([
      { sku: a, location: 'primary', erp: '1' },
      { sku: b, location: 'primary', erp: '1' },
    ]);
    await world.ownership.setOwner({ legalEntityId: ENTITY, objectType: 'item', ownerConnectorId: IDS.erp });

    const first = await sync();
    expect(first.totals).toMatchObject({ read: 2, applied: 2, unchanged: 0, held: 0 });
    const created = await world.audit.listByRun(first.runId);
    expect(created.map((e) => [e.fromRevision, e.toRevision])).toEqual([
      [0, 1],
      [0, 1],
    ]);

    // NetSuite: item a renamed and now stocked by the case (a new lastModifiedDate, as NetSuite stamps it).
    const record = world.netsuiteItems().find((i) => i.itemId === a)!;
    Object.assign(record, {
      displayName: 'Renamed widget',
      stockUnit: { id: '2', refName: 'Case' },
      lastModifiedDate: '2026-02-01T09:30:00Z',
    });
    const second = await sync();
    expect(second.totals).toMatchObject({ read: 2, applied: 1, unchanged: 1 });
    const [changed, ...others] = await world.audit.listByRun(second.runId);
    expect(others).toEqual([]);
    expect(changed).toMatchObject({
      objectType: 'item',
      fromRevision: 1,
      toRevision: 2,
      connectorId: IDS.erp,
    });
    expect(changed?.changes).toEqual(
      expect.arrayContaining([
        { path: '/name', old: `Reconciled ${a}`, new: 'Renamed widget' },
        { path: '/baseUom', old: 'EA', new: 'CS' },
        { path: '/source/version', old: '2026-01-01T00:00:00Z', new: '2026-02-01T09:30:00Z' },
      ]),
    );
    const stored = await world.masterData.get('item', changed!.canonicalId);
    expect(stored).toMatchObject({ revision: 2, document: { name: 'Renamed widget' } });

    const third = await sync();
    expect(third.totals).toMatchObject({ read: 2, applied: 0, unchanged: 2 });
    expect(await world.audit.listByRun(third.runId)).toEqual([]);
    expect((await world.masterData.get('item', changed!.canonicalId))?.revision).toBe(2);
  });

  it('syncs nothing for a legal entity without an item system of record', async () => {
    const result = await world.env.client.workflow.execute<typeof masterDataSyncWorkflow>(
      'masterDataSyncWorkflow',
      {
        taskQueue: world.taskQueue,
        workflowId: `mds-${randomUUID()}`,
        args: [{ legalEntityIds: [`le_none_${randomUUID().slice(0, 6)}`] }],
      },
    );
    expect(result.totals.read).toBe(0);
  });
});
