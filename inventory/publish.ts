/**
 * Publishing movements to `hub.inventory-movements.v1`: the canonical InventoryMovement as JSON, keyed by
 * `<sku>@<locationId>` (one item × location stays in one partition, in order), with the correlation id of the
 * delivery that caused it and the movement's id as headers. The hub's producer is idempotent (platform/kafka.ts:
 * `enable.idempotence`, acks=all), so a retried send is not written twice; a movement published twice anyway
 * (a replayed webhook) carries the same id, and the ledger applies it once.
 */
import type { EventProducer } from '../platform/kafka';
import { CORRELATION_HEADER } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import type { NormalizedMovement } from './normalize';
import { snapshotOpId } from './snapshot';
import type { NormalizedSnapshot } from './snapshot';

/** Header with the movement's id (the consumers' deduplication key). */
export const EVENT_ID_HEADER = 'event-id';
/** Header with the canonical document type and schema version of the value, e.g. `inventory-movement/1`. */
export const SCHEMA_HEADER = 'schema';

/** The headers a movement is published with. */
export function movementHeaders(
  normalized: NormalizedMovement,
  correlationId?: string,
): Record<string, string> {
  const { movement } = normalized;
  return {
    [EVENT_ID_HEADER]: movement.id,
    [SCHEMA_HEADER]: `${movement.documentType}/${movement.schemaVersion}`,
    ...(correlationId === undefined ? {} : { [CORRELATION_HEADER]: correlationId }),
  };
}

/** Publishes one stock snapshot under its item × location key (the ledger takes it as a count). */
export async function publishSnapshot(
  producer: Pick<EventProducer, 'send'>,
  snapshot: NormalizedSnapshot,
  correlationId?: string,
  topic: string = TOPICS.inventoryMovements.name,
): Promise<void> {
  const { position } = snapshot;
  await producer.send(topic, snapshot.key, Buffer.from(JSON.stringify(position)), {
    [EVENT_ID_HEADER]: snapshotOpId(position),
    [SCHEMA_HEADER]: `${position.documentType}/${position.schemaVersion}`,
    ...(correlationId === undefined ? {} : { [CORRELATION_HEADER]: correlationId }),
  });
}

/** Publishes one movement (to `topic`, by default the movement stream); resolves once the broker acknowledged it. */
export async function publishMovement(
  producer: Pick<EventProducer, 'send'>,
  normalized: NormalizedMovement,
  correlationId?: string,
  topic: string = TOPICS.inventoryMovements.name,
): Promise<void> {
  await producer.send(
    topic,
    normalized.key,
    Buffer.from(JSON.stringify(normalized.movement)),
    movementHeaders(normalized, correlationId),
  );
}
