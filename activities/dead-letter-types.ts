import type { DeadLetterError } from '../platform/dead-letters';

/** Input of recordDeadLetter: a parked step and its failure, as the workflow knows them (ids come from Temporal). */
export interface RecordDeadLetterArgs {
  /** Deterministic id of this failure in the workflow run; recording it again changes nothing. */
  failureId: string;
  flow: string;
  step: string;
  connectorId?: string;
  businessKeys: Record<string, string>;
  correlationId: string;
  payload: unknown;
  error: DeadLetterError;
  attempts: number;
  activityType: string;
  /** Set when the failure happened on a replay that this person asked for. */
  replayedBy?: string;
}

/** Input of resolveDeadLetter: the step of the calling workflow that succeeded on replay. */
export interface ResolveDeadLetterArgs {
  step: string;
  replayedBy?: string;
}

/** Input of discardDeadLetter. */
export interface DiscardDeadLetterArgs {
  deadLetterId: string;
  by: string;
  reason: string;
}
