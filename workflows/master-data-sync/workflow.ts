/**
 * Scheduled master-data sync (started by its Temporal schedule, see platform/schedules/): the item catalogue, with
 * each item's units of measure, read page by page from the system of record of each legal entity and applied
 * through the master-data store, changes audited under this run's id. A source that cannot be read does not stop
 * the others; it is reported in `failed`.
 */
import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { MasterDataSyncActivities, SyncPageResult } from '../../activities/master-data/types';

/** Reading the ownership rules is database work only. */
const SOURCES = proxyActivities<Pick<MasterDataSyncActivities, 'masterDataSources'>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '1 second', backoffCoefficient: 2 },
});
/** One page of an ERP read plus its writes; transient failures are retried a few times. */
const PAGE = proxyActivities<Pick<MasterDataSyncActivities, 'syncItemPage'>>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 4, initialInterval: '5 seconds', backoffCoefficient: 2 },
});

/** What the schedule starts a run with. */
export interface MasterDataSyncInput {
  /** Legal entities to sync (every one with an item system of record when absent). */
  legalEntityIds?: string[];
  pageSize?: number;
}

/** What a run did. */
export interface MasterDataSyncResult {
  runId: string;
  totals: Omit<SyncPageResult, 'nextCursor'>;
  failed: { legalEntityId: string; error: string }[];
}

/** One sync run. */
export async function masterDataSyncWorkflow(input: MasterDataSyncInput = {}): Promise<MasterDataSyncResult> {
  const info = workflowInfo();
  const runId = `${info.workflowId}/${info.runId}`;
  const totals = { read: 0, applied: 0, unchanged: 0, stale: 0, held: 0 };
  const failed: MasterDataSyncResult['failed'] = [];
  const sources = await SOURCES.masterDataSources(
    input.legalEntityIds ? { legalEntityIds: input.legalEntityIds } : {},
  );
  for (const source of sources) {
    let cursor: string | undefined;
    try {
      do {
        const page = await PAGE.syncItemPage({
          ...source,
          runId,
          ...(cursor ? { cursor } : {}),
          ...(input.pageSize ? { limit: input.pageSize } : {}),
        });
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += page[k];
        cursor = page.nextCursor;
      } while (cursor);
    } catch (err) {
      const error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      log.error('master-data sync of a legal entity failed', { legalEntityId: source.legalEntityId, error });
      failed.push({ legalEntityId: source.legalEntityId, error });
    }
  }
  return { runId, totals, failed };
}
