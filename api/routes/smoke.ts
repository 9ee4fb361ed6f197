import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from 'mongodb';
import { COLLECTIONS } from '../../platform/collections';
import type { SmokeRunDocument } from '../../activities/smoke-types';
import type { stackSmokeWorkflow } from '../../workflows/stack-smoke';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { HttpProblem, problem } from '../problem';
import type { Handlers } from '../router';
import { pathParam } from '../params';

/** Workflow id of a smoke run: derived from its business key so a repeated request attaches to the same run. */
export const smokeWorkflowId = (runId: string): string => `stack-smoke:${runId}`;

/** Starts the stack smoke workflow and reports its three effects. */
export function smokeHandlers(deps: { temporal: Client; db: Db; taskQueue: string }): Handlers {
  return {
    startSmokeRun: async (req, res) => {
      const body = (req.body ?? {}) as { runId?: string; note?: string };
      const runId = body.runId ?? randomUUID();
      const workflowId = smokeWorkflowId(runId);
      await deps.temporal.workflow.start<typeof stackSmokeWorkflow>('stackSmokeWorkflow', {
        workflowId,
        taskQueue: deps.taskQueue,
        args: [
          {
            runId,
            note: body.note ?? '',
            correlationId: res.locals.correlationId as string,
            requestedAt: new Date().toISOString(),
          },
        ],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.businessKey, value: runId },
          { key: SEARCH_ATTRIBUTES.flow, value: 'stack-smoke' },
        ],
      });
      res.status(202).location(`/v1/smoke-runs/${runId}`).json({ runId, workflowId });
    },

    getSmokeRun: async (req, res) => {
      const runId = pathParam(req, 'runId');
      const doc = await deps.db.collection<SmokeRunDocument>(COLLECTIONS.smokeRuns).findOne({ _id: runId });
      let workflowStatus: string;
      try {
        workflowStatus = (await deps.temporal.workflow.getHandle(smokeWorkflowId(runId)).describe()).status
          .name;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        workflowStatus = 'NOT_FOUND';
      }
      if (!doc && workflowStatus === 'NOT_FOUND') {
        throw new HttpProblem(
          problem(404, 'not-found', 'No such smoke run', { detail: `run ${runId} is unknown` }),
        );
      }
      res.json({ runId, workflowStatus, document: doc });
    },
  };
}
