import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * Signals and queries of parked steps (workflows/dead-letter-step.ts). Callers outside the worker (the API's replay
 * and discard routes) send them by name: `client.workflow.getHandle(workflowId).signal(REPLAY_STEP_SIGNAL, args)`.
 */

/** Name of the signal that re-runs a parked step. */
export const REPLAY_STEP_SIGNAL = 'replayStep';
/** Name of the signal that gives up on a parked step; the workflow then ends with a "discarded" result. */
export const DISCARD_STEP_SIGNAL = 'discardStep';
/** Name of the query that lists the steps a workflow has parked right now. */
export const PARKED_STEPS_QUERY = 'parkedSteps';

/**
 * Which parked step a signal is for: the dead-letter id, or the step name. With neither, it goes to the only parked
 * step; when several are parked, it is ignored (and logged) rather than guessed.
 */
export interface ParkedStepTarget {
  deadLetterId?: string;
  step?: string;
}

/** Argument of `replayStep`. */
export interface ReplayStepArgs extends ParkedStepTarget {
  /** Replaces the step's input for this and later replays of the step; omitted, the same input is used again. */
  payload?: unknown;
  /** Who asked, for the dead letter's history. */
  by?: string;
}

/** Argument of `discardStep`. */
export interface DiscardStepArgs extends ParkedStepTarget {
  by?: string;
  reason?: string;
}

/** A step waiting for a person, as `parkedSteps` reports it. */
export interface ParkedStep {
  step: string;
  deadLetterId: string;
}

/** Re-runs a parked step (optionally with a replacement payload). */
export const replayStepSignal = defineSignal<[ReplayStepArgs?]>(REPLAY_STEP_SIGNAL);
/** Gives up on a parked step. */
export const discardStepSignal = defineSignal<[DiscardStepArgs?]>(DISCARD_STEP_SIGNAL);
/** The steps parked right now. */
export const parkedStepsQuery = defineQuery<ParkedStep[]>(PARKED_STEPS_QUERY);
