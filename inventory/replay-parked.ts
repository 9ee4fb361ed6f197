/**
 * Replaying a parked Kafka message (an inventory event or movement no consumer could use): no workflow waits on
 * it, so a replay publishes the original bytes again — same topic, same key, same headers, plus `replay-of` naming
 * the dead letter — and the consumers take it as they would any message. Their effects are idempotent by event id,
 * so a replay applies at most what the first delivery did not (e.g. after the connector was registered or the
 * master data fixed); one that is still refused is parked again, with its own record.
 */
import type { DeadLetter } from '../platform/dead-letters';
import type { EventProducer } from '../platform/kafka';

/** Header naming the dead letter a replayed message came from. */
export const REPLAY_OF_HEADER = 'replay-of';

interface ParkedPayload {
  topic?: unknown;
  key?: unknown;
  headers?: unknown;
  valueBase64?: unknown;
}

/** True when the record was parked by a Kafka consumer (not by a workflow step). */
export function isParkedMessage(record: Pick<DeadLetter, 'workflowId'>): boolean {
  return record.workflowId.startsWith('kafka:');
}

/** Publishes the parked message again; false when the record does not hold a message to publish. */
export async function republishParked(
  producer: Pick<EventProducer, 'send'>,
  record: Pick<DeadLetter, '_id' | 'workflowId' | 'payload'>,
): Promise<boolean> {
  const payload = (record.payload ?? {}) as ParkedPayload;
  if (
    !isParkedMessage(record) ||
    typeof payload.topic !== 'string' ||
    typeof payload.valueBase64 !== 'string'
  ) {
    return false;
  }
  const headers: Record<string, string> = {};
  if (Array.isArray(payload.headers)) {
    for (const h of payload.headers as { name?: unknown; value?: unknown }[]) {
      if (typeof h?.name === 'string' && typeof h.value === 'string') headers[h.name] = h.value;
    }
  }
  headers[REPLAY_OF_HEADER] = record._id;
  await producer.send(
    payload.topic,
    typeof payload.key === 'string' ? payload.key : '',
    Buffer.from(payload.valueBase64, 'base64'),
    headers,
  );
  return true;
}
