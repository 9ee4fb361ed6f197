/**
 * Park-and-replay for workflow steps. `runStep` runs one step (an activity call); when the step fails for good — a
 * non-retryable failure, or retries exhausted — it records a dead letter with everything support needs, then the
 * workflow waits (durably, for as long as it takes) for a person: `replayStep` runs the step again, optionally
 * with a replacement payload; `discardStep` gives up, and runStep returns `{ status: 'discarded' }` so the workflow
 * can end with a result that says so instead of failing.
 */
import { RetryState } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  TimeoutFailure,
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { HubActivities } from '../activities';
import type { RecordDeadLetterArgs } from '../activities/dead-letter-types';
import type { HubFailureDetails } from '../activities/failure';
import { discardStepSignal, parkedStepsQuery, replayStepSignal } from './signals';
import type { DiscardStepArgs, ParkedStep, ParkedStepTarget, ReplayStepArgs } from './signals';

/** Dead-letter bookkeeping: must not be lost, so it is retried without limit while the database is away. */
const DEAD_LETTER_BOOKKEEPING = {
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;

const { recordDeadLetter, resolveDeadLetter, discardDeadLetter } =
  proxyActivities<HubActivities>(DEAD_LETTER_BOOKKEEPING);

/** What a dead letter of the step needs to say about the transaction, and the step's input. */
export interface StepContext<P> {
  flow: string;
  businessKeys: Record<string, string>;
  correlationId: string;
  payload: P;
  connectorId?: string;
  /** The step's maximumAttempts, reported as its attempts when it ran out of them by timing out. */
  maximumAttempts?: number;
}

/** A step a person discarded. */
export interface DiscardedStep {
  step: string;
  deadLetterId: string;
  by: string;
  reason: string;
}

/** The step's value, or the note that a person discarded it. */
export type StepResult<T> = { status: 'done'; value: T } | { status: 'discarded'; discarded: DiscardedStep };

type Decision = { action: 'replay'; args: ReplayStepArgs } | { action: 'discard'; args: DiscardStepArgs };

interface Parked extends ParkedStep {
  decision?: Decision;
}

/**
 * The steps parked in this workflow execution. Module state is per execution: the worker gives every workflow
 * its own module instances (see the SDK's reusable-vm module cache), so this never leaks between workflows.
 */
let parkingLot: Parked[] | undefined;

/** Installs the signal and query handlers once per execution, before any step can park. */
function lot(): Parked[] {
  if (parkingLot) return parkingLot;
  const parked: Parked[] = [];
  parkingLot = parked;
  const target = (args: ParkedStepTarget | undefined, signal: string): Parked | undefined => {
    const found = args?.deadLetterId
      ? parked.filter((p) => p.deadLetterId === args.deadLetterId)
      : args?.step
        ? parked.filter((p) => p.step === args.step)
        : parked;
    const waiting = found.filter((p) => !p.decision);
    if (waiting.length === 1) return waiting[0];
    log.warn(`${signal} ignored: it matches ${waiting.length} parked steps`, {
      ...args,
      parked: parked.length,
    });
    return undefined;
  };
  setHandler(replayStepSignal, (args) => {
    const step = target(args, 'replayStep');
    if (step) step.decision = { action: 'replay', args: args ?? {} };
  });
  setHandler(discardStepSignal, (args) => {
    const step = target(args, 'discardStep');
    if (step) step.decision = { action: 'discard', args: args ?? {} };
  });
  setHandler(parkedStepsQuery, () => parked.map(({ step, deadLetterId }) => ({ step, deadLetterId })));
  return parked;
}

/** Waits until a person replays or discards the parked step. */
async function park(step: string, deadLetterId: string): Promise<Decision> {
  const parked = lot();
  const entry: Parked = { step, deadLetterId };
  parked.push(entry);
  try {
    await condition(() => entry.decision !== undefined);
  } finally {
    parked.splice(parked.indexOf(entry), 1);
  }
  return entry.decision as Decision;
}

/** True for a step failure that no automatic retry will fix (a cancelled workflow is not one: it propagates). */
function isFinalStepFailure(err: unknown): err is ActivityFailure {
  return err instanceof ActivityFailure && !isCancellation(err);
}

const KINDS = new Set(['transient', 'rate-limited', 'data', 'config', 'duplicate', 'bug']);

/** The dead letter's error and attempts, from the failure Temporal delivered. */
function describeFailure(
  err: ActivityFailure,
  maximumAttempts: number | undefined,
): Pick<RecordDeadLetterArgs, 'error' | 'attempts'> {
  const cause = err.cause;
  const ranOut = err.retryState === RetryState.MAXIMUM_ATTEMPTS_REACHED ? maximumAttempts : undefined;
  if (cause instanceof ApplicationFailure) {
    const details = (cause.details?.[0] ?? {}) as Partial<HubFailureDetails>;
    const fromType = cause.type?.startsWith('hub.') ? cause.type.slice(4) : undefined;
    const kind = [details.kind, fromType].find((k) => k !== undefined && KINDS.has(k)) ?? 'bug';
    return {
      error: {
        kind: kind as RecordDeadLetterArgs['error']['kind'],
        type: cause.type ?? 'Error',
        message: cause.message,
        ...(details.upstreamStatus === undefined ? {} : { upstreamStatus: details.upstreamStatus }),
        ...(details.upstreamBodyExcerpt === undefined
          ? {}
          : { upstreamBodyExcerpt: details.upstreamBodyExcerpt }),
        ...(details.fieldErrors?.length ? { fieldErrors: details.fieldErrors } : {}),
      },
      attempts: details.attempt ?? ranOut ?? 1,
    };
  }
  if (cause instanceof TimeoutFailure) {
    return {
      error: {
        kind: 'transient',
        type: `temporal.timeout.${cause.timeoutType ?? 'unknown'}`,
        message: cause.message,
      },
      attempts: ranOut ?? 1,
    };
  }
  return {
    error: { kind: 'bug', type: cause?.name ?? err.name, message: cause?.message ?? err.message },
    attempts: ranOut ?? 1,
  };
}

/**
 * Runs `call(payload)`; when it fails for good, dead-letters it and waits for `replayStep` or `discardStep`.
 * A replay runs the same call again (with the replacement payload, if one was sent); once it succeeds the dead
 * letter is resolved. Cancellation and failures other than the step's own propagate unchanged.
 */
export async function runStep<P, T>(
  step: string,
  context: StepContext<P>,
  call: (payload: P) => Promise<T>,
): Promise<StepResult<T>> {
  lot();
  let payload = context.payload;
  let failures = 0;
  let replayedBy: string | undefined;
  for (;;) {
    try {
      const value = await call(payload);
      if (replayedBy !== undefined) await resolveDeadLetter({ step, replayedBy });
      return { status: 'done', value };
    } catch (err) {
      if (!isFinalStepFailure(err)) throw err;
      failures += 1;
      const { error, attempts } = describeFailure(err, context.maximumAttempts);
      const { deadLetterId } = await recordDeadLetter({
        failureId: `${workflowInfo().runId}/${step}/${failures}`,
        flow: context.flow,
        step,
        ...(context.connectorId === undefined ? {} : { connectorId: context.connectorId }),
        businessKeys: context.businessKeys,
        correlationId: context.correlationId,
        payload,
        error,
        attempts,
        activityType: err.activityType,
        ...(replayedBy === undefined ? {} : { replayedBy }),
      });
      log.warn('step parked until replayed or discarded', { step, deadLetterId, kind: error.kind });
      let decision: Decision;
      try {
        decision = await park(step, deadLetterId);
      } catch (parkErr) {
        // A cancelled workflow will never replay the step: close its dead letter, then let the cancellation end it.
        if (isCancellation(parkErr)) {
          await CancellationScope.nonCancellable(() =>
            discardDeadLetter({
              deadLetterId,
              by: 'temporal',
              reason: 'workflow cancelled while the step was parked',
            }),
          );
        }
        throw parkErr;
      }
      if (decision.action === 'discard') {
        const discarded: DiscardedStep = {
          step,
          deadLetterId,
          by: decision.args.by ?? 'unknown',
          reason: decision.args.reason?.trim() || 'discarded without a reason',
        };
        await discardDeadLetter({ deadLetterId, by: discarded.by, reason: discarded.reason });
        return { status: 'discarded', discarded };
      }
      if (decision.args.payload !== undefined) payload = decision.args.payload as P;
      replayedBy = decision.args.by ?? 'unknown';
    }
  }
}
