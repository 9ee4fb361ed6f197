import { isParkedMessage, republishParked } from '../../inventory/replay-parked';
import type { EventProducer } from '../../platform/kafka';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DeadLetter, DeadLetterStatus, DeadLetterStore } from '../../platform/dead-letters';
import type { HubErrorKind } from '../../platform/errors';
import { DISCARD_STEP_SIGNAL, REPLAY_STEP_SIGNAL } from '../../workflows/signals';
import type { DiscardStepArgs, ReplayStepArgs } from '../../workflows/signals';
import { principalOf } from '../middleware/auth';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';

/** The API's shape of a dead letter: `id` instead of `_id`, instants as ISO strings. */
function present(d: DeadLetter) {
  const { _id, createdAt, updatedAt, history, ...rest } = d;
  return {
    id: _id,
    ...rest,
    connectorId: d.connectorId ?? null,
    history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** Lists, shows, replays and discards dead letters; replay and discard signal the parked workflow step. */
export function deadLetterHandlers(deps: {
  deadLetters: DeadLetterStore;
  temporal: Client;
  /** Publishes a message parked by a Kafka consumer again (inventory/replay-parked.ts); absent: not replayable. */
  producer?: Pick<EventProducer, 'send'>;
}): Handlers {
  const { deadLetters, temporal } = deps;

  /** Sends a signal to the workflow that parked the step; false when that workflow is no longer running. */
  const signal = async (workflowId: string, name: string, args: ReplayStepArgs | DiscardStepArgs) => {
    try {
      await temporal.workflow.getHandle(workflowId).signal(name, args);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  };

  return {
    listDeadLetters: async (req, res) => {
      const q = (name: string) => queryParam(req, name);
      const page = await deadLetters.list({
        ...(q('connectorId') ? { connectorId: q('connectorId')! } : {}),
        ...(q('flow') ? { flow: q('flow')! } : {}),
        ...(q('errorKind') ? { errorKind: q('errorKind') as HubErrorKind } : {}),
        ...(q('businessKey') ? { businessKey: q('businessKey')! } : {}),
        ...(q('status') ? { status: q('status') as DeadLetterStatus } : {}),
        ...(q('from') ? { from: new Date(q('from')!) } : {}),
        ...(q('to') ? { to: new Date(q('to')!) } : {}),
        ...(q('limit') ? { limit: Number(q('limit')) } : {}),
        ...(q('cursor') ? { cursor: q('cursor')! } : {}),
      });
      res.json({ items: page.items.map(present), nextCursor: page.nextCursor ?? null });
    },

    getDeadLetter: async (req, res) => {
      res.json(present(await deadLetters.get(pathParam(req, 'id'))));
    },

    replayDeadLetter: async (req, res) => {
      const id = pathParam(req, 'id');
      const by = principalOf(res).keyId;
      const record = await deadLetters.requestReplay(id, by);
      if (isParkedMessage(record)) {
        // A consumer parked it, no workflow waits: the original message goes back on its topic.
        if (deps.producer && (await republishParked(deps.producer, record))) {
          res.status(202).json(present(record));
          return;
        }
        throw new HttpProblem(
          problem(409, 'not-replayable', 'This dead letter holds no message that can be published again', {
            detail: `record ${id} was parked by a Kafka consumer without its original message`,
          }),
        );
      }
      if (!(await signal(record.workflowId, REPLAY_STEP_SIGNAL, { deadLetterId: id, by }))) {
        throw new HttpProblem(
          problem(409, 'not-replayable', 'The workflow of this dead letter is no longer waiting', {
            detail: `workflow ${record.workflowId} has ended; the record was left as it is`,
          }),
        );
      }
      res.status(202).json(present(record));
    },

    discardDeadLetter: async (req, res) => {
      const id = pathParam(req, 'id');
      const by = principalOf(res).keyId;
      const { reason } = req.body as { reason: string };
      const record = await deadLetters.discard(id, { by, reason });
      await signal(record.workflowId, DISCARD_STEP_SIGNAL, { deadLetterId: id, by, reason });
      res.json(present(record));
    },
  };
}
