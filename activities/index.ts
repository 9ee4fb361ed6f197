import type { Db } from 'mongodb';
import type { EventProducer } from '../platform/kafka';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { HubLogger } from '../monitoring/logger';
import { recordSmokeRun } from './record-smoke-run';
import { publishSmokeEvent } from './publish-smoke-event';
import { recordDeadLetter } from './record-dead-letter';
import { resolveDeadLetter } from './resolve-dead-letter';
import { discardDeadLetter } from './discard-dead-letter';

/** The ports activities reach the outside world through; tests pass real local servers or fakes. */
export interface ActivityDeps {
  db: Db;
  producer: EventProducer;
  deadLetters: DeadLetterStore;
  logger: HubLogger;
}

/** Builds every activity the worker registers, bound to its ports (the composition root calls this once). */
export function createActivities(deps: ActivityDeps) {
  return {
    recordSmokeRun: recordSmokeRun(deps),
    publishSmokeEvent: publishSmokeEvent(deps),
    recordDeadLetter: recordDeadLetter(deps),
    resolveDeadLetter: resolveDeadLetter(deps),
    discardDeadLetter: discardDeadLetter(deps),
  };
}

/** The activity interface workflows proxy (types only). */
export type HubActivities = ReturnType<typeof createActivities>;
