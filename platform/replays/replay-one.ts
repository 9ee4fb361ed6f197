/**
 * Replaying one dead letter, as the API's single replay and every batch of a bulk replay do it: the request is
 * noted on the record (with the edit, if any), then the parked workflow step is signalled — or, for a message a
 * Kafka consumer parked, the original message is published again. The step runs under its own idempotency key,
 * so a replay never repeats an effect the ERP or WMS already has.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { isParkedMessage, republishParked } from '../../inventory/replay-parked';
import type { DeadLetter, DeadLetterStore, PayloadEdit } from '../dead-letters';
import type { EventProducer } from '../kafka';
import { REPLAY_STEP_SIGNAL } from '../../workflows/signals';
import type { ReplayStepArgs } from '../../workflows/signals';

/** What replaying needs. */
export interface ReplayDeps {
  deadLetters: DeadLetterStore;
  temporal: Client;
  /** Publishes a parked Kafka message again; absent, such records are not replayable. */
  producer?: Pick<EventProducer, 'send'>;
}

/** The replay was asked for, or why it could not be (the record stays as it is, `replaying`). */
export type ReplayOutcome =
  | { replayed: true; record: DeadLetter }
  | { replayed: false; record: DeadLetter; code: 'no-message' | 'workflow-ended'; reason: string };

/**
 * Replays the record as `by` (a ConflictError when it is not open or replaying). A workflow that is no longer
 * running, or a parked message with no original bytes, is reported, not thrown.
 */
export async function replayOne(
  deps: ReplayDeps,
  id: string,
  by: string,
  edit?: PayloadEdit,
): Promise<ReplayOutcome> {
  const record = await deps.deadLetters.requestReplay(id, by, edit);
  if (isParkedMessage(record)) {
    if (deps.producer && (await republishParked(deps.producer, record))) return { replayed: true, record };
    return {
      replayed: false,
      record,
      code: 'no-message',
      reason: `record ${id} was parked by a Kafka consumer without its original message`,
    };
  }
  const args: ReplayStepArgs = { deadLetterId: id, by, ...(edit ? { payload: edit.payload } : {}) };
  try {
    await deps.temporal.workflow.getHandle(record.workflowId).signal(REPLAY_STEP_SIGNAL, args);
    return { replayed: true, record };
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    return {
      replayed: false,
      record,
      code: 'workflow-ended',
      reason: `workflow ${record.workflowId} has ended; the record was left as it is`,
    };
  }
}
