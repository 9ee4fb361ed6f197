/** Input of the stack smoke workflow and its activities. */
export interface SmokeRunInput {
  runId: string;
  note: string;
  correlationId: string;
  requestedAt: string;
}

/** The document the smoke workflow writes and the worker's Kafka consumer completes. */
export interface SmokeRunDocument {
  _id: string;
  note: string;
  correlationId: string;
  workflowId: string;
  requestedAt: string;
  recordedAt: string;
  publishedAt: string | null;
  consumedAt: string | null;
  consumedFrom: { topic: string; partition: number; offset: number } | null;
}

/** What the smoke workflow returns when both steps ran. */
export interface SmokeRunCompleted {
  runId: string;
  topic: string;
}

/** What the smoke workflow returns when a person discarded one of its parked steps (the rest did not run). */
export interface SmokeRunDiscarded {
  runId: string;
  discarded: { step: string; deadLetterId: string; by: string; reason: string };
}

/** What the smoke workflow returns. */
export type SmokeRunResult = SmokeRunCompleted | SmokeRunDiscarded;
