/**
 * The Temporal schedules of inventory: reconciliation and master-data sync. `ensureInventorySchedules` is called at
 * worker start-up and is idempotent: a missing schedule is created, one whose interval, task queue or workflow
 * input changed is updated in place, and one that matches is left alone (never a second one).
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Client, ScheduleDescription, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { ReconciledEntity } from '../../activities/inventory/reconcile-types';
import type { InventoryReconciliationInput } from '../../workflows/inventory-reconciliation/types';
import type { MasterDataSyncInput } from '../../workflows/master-data-sync/workflow';
import { HubError } from '../errors';

/** A Temporal duration ("15 minutes", "1h", "30s") or milliseconds. */
export type Every = string | number;

/** What the two schedules run and how often. */
export interface InventoryScheduleOptions {
  taskQueue: string;
  reconciliation: {
    /** How often, as a Temporal duration ("15 minutes", "1h") or milliseconds. */
    every: Every;
    /** A discrepancy that lasts this long opens an exception (with `graceRuns`, whichever comes first). */
    graceMinutes?: number;
    /** A discrepancy seen by this many earlier runs opens an exception. */
    graceRuns?: number;
    /** Movements recorded this recently may still be in flight (default 5). */
    inFlightMinutes?: number;
    legalEntities: ReconciledEntity[];
  };
  masterData: { every: Every; legalEntityIds?: string[]; pageSize?: number };
  /** Prepended to the schedule ids (tests: a prefix of their own); default "hub-". */
  scheduleIdPrefix?: string;
}

/** What happened to each schedule. */
export type ScheduleOutcome = 'created' | 'updated' | 'unchanged';

/** The schedule ids, by prefix. */
export function inventoryScheduleIds(prefix = 'hub-') {
  return { reconciliation: `${prefix}inventory-reconciliation`, masterData: `${prefix}master-data-sync` };
}

interface Wanted {
  scheduleId: string;
  every: Every;
  action: ScheduleOptionsStartWorkflowAction<Workflow>;
}

const msOf = (every: Every): number => {
  if (typeof every === 'number') return every;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)\s*$/i.exec(
    String(every),
  );
  if (!m)
    throw new HubError('config', `schedule interval "${String(every)}" is not a duration like "15 minutes"`);
  const unit = (m[2] ?? 'ms').toLowerCase();
  const scale =
    unit.startsWith('ms') || unit.startsWith('milli')
      ? 1
      : unit.startsWith('s')
        ? 1e3
        : unit.startsWith('m')
          ? 6e4
          : unit.startsWith('h')
            ? 36e5
            : 864e5;
  return Number(m[1]) * scale;
};

/** True when the stored schedule runs what we want, as often, on the same queue. */
function matches(description: ScheduleDescription, wanted: Wanted): boolean {
  const action = description.action;
  const interval = description.spec.intervals?.[0];
  return (
    description.spec.intervals?.length === 1 &&
    msOf(interval?.every ?? 0) === msOf(wanted.every) &&
    action.workflowType === wanted.action.workflowType &&
    action.taskQueue === wanted.action.taskQueue &&
    JSON.stringify(action.args ?? []) === JSON.stringify(wanted.action.args ?? [])
  );
}

async function ensureOne(client: Client, wanted: Wanted): Promise<ScheduleOutcome> {
  const spec = { intervals: [{ every: wanted.every }] };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' };
  const handle = client.schedule.getHandle(wanted.scheduleId);
  let description: ScheduleDescription;
  try {
    description = await handle.describe();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    try {
      await client.schedule.create({ scheduleId: wanted.scheduleId, spec, action: wanted.action, policies });
      return 'created';
    } catch (createErr) {
      // Another worker created it between our describe and create.
      if (!(createErr instanceof ScheduleAlreadyRunning)) throw createErr;
      description = await handle.describe();
    }
  }
  if (matches(description, wanted)) return 'unchanged';
  await handle.update((previous) => ({ ...previous, spec, action: wanted.action, policies }));
  return 'updated';
}

/** Creates or updates both schedules; answers what happened to each. */
export async function ensureInventorySchedules(
  client: Client,
  options: InventoryScheduleOptions,
): Promise<Record<'reconciliation' | 'masterData', ScheduleOutcome>> {
  const ids = inventoryScheduleIds(options.scheduleIdPrefix);
  const r = options.reconciliation;
  if (r.graceMinutes === undefined && r.graceRuns === undefined)
    throw new HubError('config', 'reconciliation needs graceMinutes or graceRuns');
  const reconciliationInput: InventoryReconciliationInput = {
    legalEntities: r.legalEntities,
    grace: {
      ...(r.graceRuns !== undefined ? { runs: r.graceRuns } : {}),
      ...(r.graceMinutes !== undefined ? { minutes: r.graceMinutes } : {}),
    },
    inFlightMinutes: r.inFlightMinutes ?? 5,
  };
  const m = options.masterData;
  const masterDataInput: MasterDataSyncInput = {
    ...(m.legalEntityIds ? { legalEntityIds: m.legalEntityIds } : {}),
    ...(m.pageSize ? { pageSize: m.pageSize } : {}),
  };
  const reconciliation = await ensureOne(client, {
    scheduleId: ids.reconciliation,
    every: r.every,
    action: {
      type: 'startWorkflow',
      workflowType: 'inventoryReconciliationWorkflow',
      args: [reconciliationInput],
      taskQueue: options.taskQueue,
      workflowId: ids.reconciliation,
    },
  });
  const masterData = await ensureOne(client, {
    scheduleId: ids.masterData,
    every: m.every,
    action: {
      type: 'startWorkflow',
      workflowType: 'masterDataSyncWorkflow',
      args: [masterDataInput],
      taskQueue: options.taskQueue,
      workflowId: ids.masterData,
    },
  });
  return { reconciliation, masterData };
}
