/**
 * From `hub.inbound-events.v1` to the movement stream: an inbound event that carries a stock movement (the WMS's
 * `inventory.changed` / `inventory.counted`, or any event with an `inventory-movement` document) is normalised and
 * published to `hub.inventory-movements.v1` under the delivery's correlation id; every other event is left alone.
 * An event that does not normalise is parked in the dead-letter store (flow `inventory-sync`, step
 * `movement-normalize`, original bytes and field errors) and not retried; a broker that does not take the movement
 * is thrown, so the caller's consumer retries the event (the movement keeps its id, so a retry that published
 * after all is applied once).
 */
import type { Message } from 'node-rdkafka';
import type { CanonicalValidator } from '../canonical-model/validate';
import type { HubLogger } from '../monitoring/logger';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { EventProducer } from '../platform/kafka';
import { CORRELATION_HEADER, headerValue } from '../platform/kafka';
import { isInventoryMovementEvent, normalizeInventoryEvent } from './normalize';
import type { InboundEvent } from './normalize';
import { deliveryOf, recordParked } from './parked';
import { publishMovement, publishSnapshot } from './publish';
import { normalizeSnapshot, SNAPSHOT_TYPE } from './snapshot';

/** The dead-letter step of inbound inventory events that did not become movements. */
export const MOVEMENT_NORMALIZE_STEP = 'movement-normalize';

/** What the bridge needs. */
export interface InventoryBridgeDeps {
  producer: Pick<EventProducer, 'send'>;
  validator: CanonicalValidator;
  deadLetters: Pick<DeadLetterStore, 'record'>;
  /** True when the connector is registered in this hub (other hubs' events on a shared broker are skipped). */
  knowsConnector?: (connectorId: string) => Promise<boolean>;
  /** Where movements go; `hub.inventory-movements.v1` unless a test gives a topic of its own. */
  movementTopic?: string;
  logger: HubLogger;
}

/** What the bridge did with one inbound event. */
export type BridgeOutcome = 'published' | 'not-inventory' | 'skipped' | 'parked';

/**
 * Publishes the movement an inbound event carries. Call it for every message of `hub.inbound-events.v1` (from
 * the order intake's dispatch, or as the handler of a consumer group of its own via `handleInboundInventoryEvents`).
 */
export async function publishInventoryEvent(
  deps: InventoryBridgeDeps,
  message: Message,
): Promise<BridgeOutcome> {
  let event: InboundEvent;
  try {
    const parsed: unknown = JSON.parse(message.value?.toString('utf8') ?? '');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not-inventory';
    event = parsed;
  } catch {
    // Not an event the hub wrote; the order intake owns what the inbound topic carries.
    return 'not-inventory';
  }
  if (!isInventoryMovementEvent(event)) return 'not-inventory';
  const connectorId = typeof event.connectorId === 'string' ? event.connectorId : undefined;
  if (deps.knowsConnector && (!connectorId || !(await deps.knowsConnector(connectorId)))) {
    deps.logger.debug(
      { connectorId, event: event.event },
      'inventory event of a connector this hub does not have; skipped',
    );
    return 'skipped';
  }
  const correlationId = headerValue(message, CORRELATION_HEADER);
  const isSnapshot =
    (event.document as { documentType?: unknown } | undefined)?.documentType === SNAPSHOT_TYPE;
  const normalized = isSnapshot
    ? normalizeSnapshot(event.document, deps.validator, '/document')
    : normalizeInventoryEvent(event, deps.validator);
  if (!normalized.ok) {
    const id = (event.document as { id?: unknown } | undefined)?.id;
    const record = await recordParked(deps.deadLetters, {
      step: MOVEMENT_NORMALIZE_STEP,
      activityType: 'publishInventoryEvent',
      message,
      correlationId: correlationId ?? deliveryOf(message),
      keys: typeof id === 'string' && id ? { movementId: id } : {},
      refusal: {
        kind: 'data',
        message: `inventory event does not normalise to a movement: ${normalized.errors
          .map((e) => `${e.path} ${e.message}`)
          .join('; ')}`,
        fieldErrors: normalized.errors,
      },
    });
    deps.logger.warn({ deadLetterId: record._id, delivery: deliveryOf(message) }, 'inventory event parked');
    return 'parked';
  }
  if ('position' in normalized.value) {
    await publishSnapshot(deps.producer, normalized.value, correlationId, deps.movementTopic);
    deps.logger.debug(
      { positionId: normalized.value.position.id, key: normalized.value.key },
      'stock snapshot published',
    );
    return 'published';
  }
  await publishMovement(deps.producer, normalized.value, correlationId, deps.movementTopic);
  deps.logger.debug(
    { movementId: normalized.value.movement.id, key: normalized.value.key },
    'movement published',
  );
  return 'published';
}

/** A runConsumer handler over `hub.inbound-events.v1` that only publishes the inventory movements. */
export function handleInboundInventoryEvents(deps: InventoryBridgeDeps) {
  return async (message: Message): Promise<void> => {
    await publishInventoryEvent(deps, message);
  };
}
