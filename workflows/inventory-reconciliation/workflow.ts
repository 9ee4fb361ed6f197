/**
 * Inventory reconciliation (started by its Temporal schedule, see platform/schedules/): for each legal entity, read
 * the ERP, the WMS and the hub's ledger and compare them per SKU × location, then record the discrepancies with
 * their likely cause, opening an exception for those that outlast the grace period and resolving those that agree
 * again. One entity whose systems cannot be read does not stop the others; it is reported in `failed`.
 */
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReconcileActivities } from '../../activities/inventory/reconcile-types';
import type { InventoryReconciliationInput, InventoryReconciliationResult } from './types';

/** Reading two systems in full can take minutes; transient failures are retried a few times. */
const COLLECT = proxyActivities<Pick<ReconcileActivities, 'collectDiscrepancies'>>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, initialInterval: '5 seconds', backoffCoefficient: 2 },
});
/** Recording is database work only. */
const RECORD = proxyActivities<Pick<ReconcileActivities, 'recordReconciliation'>>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '1 second', backoffCoefficient: 2 },
});

/** Which legal entities to reconcile, when the schedule names none. */
const ENTITIES = proxyActivities<Pick<ReconcileActivities, 'reconciledEntities'>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '1 second', backoffCoefficient: 2 },
});

/** One reconciliation run over every configured legal entity (every one set up for it, when none is named). */
export async function inventoryReconciliationWorkflow(
  input: InventoryReconciliationInput,
): Promise<InventoryReconciliationResult> {
  const info = workflowInfo();
  const result: InventoryReconciliationResult = { runs: [], failed: [] };
  const entities = input.legalEntities.length ? input.legalEntities : await ENTITIES.reconciledEntities();
  for (const entity of entities) {
    const startedAt = new Date().toISOString();
    try {
      const collected = await COLLECT.collectDiscrepancies({
        ...entity,
        inFlightMinutes: input.inFlightMinutes,
      });
      const summary = await RECORD.recordReconciliation({
        ...collected,
        runId: `${info.workflowId}/${info.runId}/${entity.legalEntityId}`,
        legalEntityId: entity.legalEntityId,
        startedAt,
        grace: input.grace,
        ...(entity.skus ? { skus: entity.skus } : {}),
      });
      result.runs.push(summary);
    } catch (err) {
      const error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      log.error('inventory reconciliation of a legal entity failed', {
        legalEntityId: entity.legalEntityId,
        error,
      });
      result.failed.push({ legalEntityId: entity.legalEntityId, error });
    }
  }
  return result;
}
