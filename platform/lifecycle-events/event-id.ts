/**
 * The stable id of a lifecycle event: a hash of the document's id, the event type and which occurrence of the step
 * it is. A retried activity, or a later save of the same document, derives the same id, so subscribers that
 * de-duplicate by it see each step once.
 */
import { createHash } from 'node:crypto';
import type { LifecycleEvent } from '../../canonical-model/generated/index';

/** The event id of step `eventType` (occurrence `instance`) of document `documentId`. */
export function lifecycleEventId(
  documentId: string,
  eventType: LifecycleEvent['eventType'],
  instance: string,
): string {
  const digest = createHash('sha256').update(`${documentId}\n${eventType}\n${instance}`).digest('hex');
  return `lce_${digest.slice(0, 40)}`;
}
