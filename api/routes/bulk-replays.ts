/**
 * Bulk replay of dead letters: a preview of what a filter would replay (counts by flow, step, connector and error
 * kind, and the first records), then the replay itself — the matching open records are fixed when it is created
 * and a workflow replays them in batches — and its progress while it runs and after.
 */
import type { Client } from '@temporalio/client';
import type { DeadLetter, DeadLetterStore } from '../../platform/dead-letters';
import type { HubErrorKind } from '../../platform/errors';
import {
  BULK_REPLAY_BATCH,
  BULK_REPLAY_MAX,
  matchOpenDeadLetters,
} from '../../platform/replays/bulk-replays';
import type { BulkReplayFilter, BulkReplayStore } from '../../platform/replays/bulk-replays';
import type { BulkReplayInput } from '../../workflows/bulk-replay/workflow';
import { principalOf } from '../middleware/auth';
import { pathParam } from '../params';
import { HttpProblem, problem } from '../problem';
import type { Handlers } from '../router';

/** The filter as the API takes it (instants as ISO strings). */
interface FilterBody {
  flow?: string;
  step?: string;
  connectorId?: string;
  errorKind?: HubErrorKind;
  businessKey?: string;
  from?: string;
  to?: string;
}

/** The store's filter from the request body's. */
function filterOf(body: FilterBody): BulkReplayFilter {
  const { from, to, ...rest } = body;
  return { ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
}

const groupKey = (d: DeadLetter) => [d.flow, d.step, d.connectorId ?? '', d.error.kind].join('\u0000');

/** Preview, start and follow bulk replays. */
export function bulkReplayHandlers(deps: {
  deadLetters: DeadLetterStore;
  bulkReplays: BulkReplayStore;
  temporal: Client;
  taskQueue: string;
}): Handlers {
  return {
    previewBulkReplay: async (req, res) => {
      const filter = filterOf((req.body as { filter: FilterBody }).filter);
      type Group = {
        flow: string;
        step: string;
        connectorId: string | null;
        errorKind: string;
        count: number;
      };
      const groups = new Map<string, Group>();
      const sample: DeadLetter[] = [];
      const { ids, truncated } = await matchOpenDeadLetters(
        deps.deadLetters,
        filter,
        BULK_REPLAY_MAX,
        (d) => {
          if (sample.length < 20) sample.push(d);
          const key = groupKey(d);
          const group = groups.get(key) ?? {
            flow: d.flow,
            step: d.step,
            connectorId: d.connectorId ?? null,
            errorKind: d.error.kind,
            count: 0,
          };
          group.count += 1;
          groups.set(key, group);
        },
      );
      res.json({
        matched: ids.length,
        truncated,
        max: BULK_REPLAY_MAX,
        groups: [...groups.values()].sort((a, b) => b.count - a.count),
        sample: sample.map((d) => ({
          id: d._id,
          flow: d.flow,
          step: d.step,
          connectorId: d.connectorId ?? null,
          businessKeys: d.businessKeys,
          error: { kind: d.error.kind, message: d.error.message },
          createdAt: d.createdAt.toISOString(),
        })),
      });
    },

    startBulkReplay: async (req, res) => {
      const body = req.body as { filter: FilterBody; reason?: string };
      const filter = filterOf(body.filter);
      const { ids, truncated } = await matchOpenDeadLetters(deps.deadLetters, filter);
      if (!ids.length) {
        throw new HttpProblem(
          problem(422, 'nothing-to-replay', 'No open dead letter matches the filter', {
            errors: [{ path: '/filter', message: 'matches no open dead letter' }],
          }),
        );
      }
      const by = principalOf(res).keyId;
      const job = await deps.bulkReplays.create({
        filter,
        ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}),
        createdBy: by,
        ids,
      });
      const input: BulkReplayInput = {
        bulkReplayId: job._id,
        batches: Math.ceil(ids.length / BULK_REPLAY_BATCH),
        by,
      };
      await deps.temporal.workflow.start('bulkReplayWorkflow', {
        workflowId: `bulk-replay:${job._id}`,
        taskQueue: deps.taskQueue,
        args: [input],
      });
      res
        .status(202)
        .location(`/v1/bulk-replays/${job._id}`)
        .json({ ...(await deps.bulkReplays.progress(job._id)), truncated });
    },

    getBulkReplay: async (req, res) => {
      res.json(await deps.bulkReplays.progress(pathParam(req, 'id')));
    },
  };
}
