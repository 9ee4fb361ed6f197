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

/** What the smoke workflow returns. */
export interface SmokeRunResult {
  runId: string;
  topic: string;
}
