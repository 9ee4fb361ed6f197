import { isParkedMessage } from '../../inventory/replay-parked';
import { replayOne } from '../../platform/replays/replay-one';
import type { EventProducer } from '../../platform/kafka';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CanonicalValidator } from '../../canonical-model/validate';
import { checkPayloadEdit } from '../../platform/dead-letter-edits';
import type { DeadLetter, DeadLetterStatus, DeadLetterStore, PayloadEdit } from '../../platform/dead-letters';
import type { HubErrorKind } from '../../platform/errors';
import { DISCARD_STEP_SIGNAL } from '../../workflows/signals';
import type { DiscardStepArgs } from '../../workflows/signals';
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

/** The optional body of a replay: a replacement payload and why it was edited. */
interface ReplayBody {
  payload?: unknown;
  reason?: string;
}

/** Lists, shows, replays and discards dead letters; replay and discard signal the parked workflow step. */
export function deadLetterHandlers(deps: {
  deadLetters: DeadLetterStore;
  temporal: Client;
  /** Publishes a message parked by a Kafka consumer again (inventory/replay-parked.ts); absent: not replayable. */
  producer?: Pick<EventProducer, 'send'>;
  /** Checks the canonical documents of an edited payload. */
  validator: CanonicalValidator;
}): Handlers {
  const { deadLetters, temporal } = deps;

  /** Sends a signal to the workflow that parked the step; false when that workflow is no longer running. */
  const signal = async (workflowId: string, name: string, args: DiscardStepArgs) => {
    try {
      await temporal.workflow.getHandle(workflowId).signal(name, args);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  };

  /** The checked edit of a replay request with a body, or a 422 problem naming each wrong field. */
  const editOf = async (id: string, body: ReplayBody | undefined): Promise<PayloadEdit | undefined> => {
    if (!body || body.payload === undefined) return undefined;
    const record = await deadLetters.get(id);
    const errors = [];
    if (!body.reason?.trim())
      errors.push({ path: '/reason', message: 'is required with an edited payload: say why it was edited' });
    if (isParkedMessage(record))
      errors.push({
        path: '/payload',
        message: 'a message parked by a Kafka consumer is published again as it was received',
      });
    else if (record.status === 'open' || record.status === 'replaying') {
      const check = checkPayloadEdit(record, body.payload, deps.validator);
      if (!check.ok) errors.push(...check.errors);
      else if (!errors.length) return { payload: body.payload, reason: body.reason!, diff: check.diff };
    }
    if (errors.length)
      throw new HttpProblem(
        problem(422, 'payload-edit-refused', 'The edited payload cannot be replayed', { errors }),
      );
    return undefined;
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
      const edit = await editOf(id, req.body as ReplayBody | undefined);
      const outcome = await replayOne(deps, id, by, edit);
      if (!outcome.replayed) {
        const title =
          outcome.code === 'no-message'
            ? 'This dead letter holds no message that can be published again'
            : 'The workflow of this dead letter is no longer waiting';
        throw new HttpProblem(problem(409, 'not-replayable', title, { detail: outcome.reason }));
      }
      res.status(202).json(present(outcome.record));
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
