import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from 'mongodb';
import { Ajv } from 'ajv';
import { COLLECTIONS } from '../../platform/collections';
import type { SmokeRunDocument } from '../../activities/smoke-types';
import type { stackSmokeWorkflow } from '../../workflows/stack-smoke';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { HttpProblem, problem } from '../problem';

const RUN_ID = '^[A-Za-z0-9._-]{1,64}$';

const validateBody = new Ajv({ allErrors: true }).compile<{ runId?: string; note?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: {
    runId: { type: 'string', pattern: RUN_ID },
    note: { type: 'string', maxLength: 200 },
  },
});

/** Workflow id of a smoke run: derived from its business key so a repeated request attaches to the same run. */
export const smokeWorkflowId = (runId: string): string => `stack-smoke:${runId}`;

/** `POST /v1/smoke-runs` starts the stack smoke workflow; `GET /v1/smoke-runs/{runId}` reports its three effects. */
export function smokeRoutes(deps: { temporal: Client; db: Db; taskQueue: string }): Router {
  const router = Router();

  router.post('/v1/smoke-runs', async (req, res) => {
    const body: unknown = req.body ?? {};
    if (!validateBody(body)) {
      throw new HttpProblem(
        problem(400, 'validation', 'Request body is invalid', {
          errors: (validateBody.errors ?? []).map((e) => ({
            path: e.instancePath || (e.params as { additionalProperty?: string }).additionalProperty || '/',
            message: e.message ?? 'invalid',
          })),
        }),
      );
    }
    const runId = body.runId ?? randomUUID();
    const workflowId = smokeWorkflowId(runId);
    const correlationId = res.locals.correlationId as string;
    await deps.temporal.workflow.start<typeof stackSmokeWorkflow>('stackSmokeWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [{ runId, note: body.note ?? '', correlationId, requestedAt: new Date().toISOString() }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.businessKey, value: runId },
        { key: SEARCH_ATTRIBUTES.flow, value: 'stack-smoke' },
      ],
    });
    res.status(202).location(`/v1/smoke-runs/${runId}`).json({ runId, workflowId });
  });

  router.get('/v1/smoke-runs/:runId', async (req, res) => {
    const { runId } = req.params;
    if (!new RegExp(RUN_ID).test(runId)) {
      throw new HttpProblem(
        problem(400, 'validation', 'Invalid run id', {
          errors: [{ path: 'runId', message: `must match ${RUN_ID}` }],
        }),
      );
    }
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
  });

  return router;
}
