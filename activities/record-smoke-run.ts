import { Context } from '@temporalio/activity';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../platform/collections';
import type { HubLogger } from '../monitoring/logger';
import { throwInjectedFault } from './smoke-faults';
import type { SmokeRunDocument, SmokeRunInput } from './smoke-types';

/** Writes the smoke run's document; a retried attempt finds it already there and changes nothing. */
export function recordSmokeRun(deps: { db: Db; logger: HubLogger }) {
  return async (input: SmokeRunInput): Promise<void> => {
    await throwInjectedFault(deps.db, input.runId, 'recordSmokeRun');
    const { workflowExecution, activityId } = Context.current().info;
    await deps.db.collection<SmokeRunDocument>(COLLECTIONS.smokeRuns).updateOne(
      { _id: input.runId },
      {
        $setOnInsert: {
          note: input.note,
          correlationId: input.correlationId,
          workflowId: workflowExecution?.workflowId ?? activityId,
          requestedAt: input.requestedAt,
          recordedAt: new Date().toISOString(),
          publishedAt: null,
          consumedAt: null,
          consumedFrom: null,
        },
      },
      { upsert: true },
    );
    deps.logger.info({ runId: input.runId }, 'smoke run recorded');
  };
}
