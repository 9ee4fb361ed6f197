/**
 * The stock ledger's intake from `hub.inventory-movements.v1`: each message is a canonical InventoryMovement,
 * applied to its SKU × location as signed on-hand / held deltas (inventory/deltas.ts) with opId
 * `movement/<movement id>`, so a redelivery or a duplicate publish moves stock once. runConsumer commits the
 * offset only after this handler resolved, i.e. after the ledger entry is stored. A message the ledger cannot use
 * — not JSON, not a valid InventoryMovement, no SKU, an unknown type, a movement id reused with other quantities —
 * never blocks its partition: it is parked in the dead-letter store (flow `inventory-sync`, step `movement-intake`,
 * original bytes and the field errors) and on `hub.inventory-movements.dlq.v1` (original key, bytes and headers
 * plus `dlq-*` reasons), and the offset moves on. A failure a retry can fix (database or broker down) is thrown,
 * and runConsumer retries the message.
 */
import type { Message } from 'node-rdkafka';
import type { InventoryMovement } from '../canonical-model/generated/index';
import type { CanonicalValidator } from '../canonical-model/validate';
import type { HubLogger } from '../monitoring/logger';
import type { DeadLetterStore } from '../platform/dead-letters';
import { subtractDecimal } from '../canonical-model/decimal';
import { isHubError } from '../platform/errors';
import type { EventProducer } from '../platform/kafka';
import { CORRELATION_HEADER, headerValue } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import type { StockLedger } from '../platform/orders/stock-types';
import type { MovementDeltas } from '../inventory/deltas';
import { movementKey, movementOpId } from '../inventory/movement-key';
import { deliveryOf, parkerOf } from '../inventory/parked';
import { keysOf, messageBody, readMovement } from '../inventory/read-movement';
import { isSnapshotMessage, normalizeSnapshot, snapshotOpId } from '../inventory/snapshot';

/** The dead-letter step of movements the ledger could not apply. */
export const MOVEMENT_INTAKE_STEP = 'movement-intake';

/** What the movement intake needs. */
export interface InventoryMovementDeps {
  ledger: Pick<StockLedger, 'applyMovement' | 'setStock'>;
  validator: CanonicalValidator;
  deadLetters: Pick<DeadLetterStore, 'record'>;
  /** Produces parked messages to the dead-letter topic. */
  producer: Pick<EventProducer, 'send'>;
  /**
   * True when the movement's connector is registered in this hub. Hubs sharing a broker read each other's
   * movements: another hub's is skipped (not applied, not parked). Without it every movement counts.
   */
  knowsConnector?: (connectorId: string) => Promise<boolean>;
  /**
   * Movement types the hub's own flows already book in the ledger (e.g. picks consumed by order-to-cash, receipts
   * received by procure-to-receive); they are skipped so the same units are not counted twice. Default: none.
   */
  bookedElsewhere?: ReadonlySet<InventoryMovement['type']>;
  /** Where parked messages go; `hub.inventory-movements.dlq.v1` unless a test gives a topic of its own. */
  dlqTopic?: string;
  /** Observes event time → position stored, in seconds, for each movement applied the first time. */
  eventLag?: (seconds: number, movementType: string) => void;
  now?: () => number;
  logger: HubLogger;
}

/**
 * Applies a movement to its key, and for a transfer the in-transit side: a transfer out of a location puts the
 * units in transit to the counterpart location (a second entry, on that key, with its own opId), a transfer into a
 * location takes them out of transit there as it adds them to on hand. Each entry is idempotent by its opId, so a
 * redelivery after a crash between the two writes completes the second and repeats nothing.
 */
async function applyToLedger(
  ledger: Pick<StockLedger, 'applyMovement'>,
  movement: InventoryMovement,
  sku: string,
  deltas: MovementDeltas,
) {
  const opId = movementOpId(movement.id);
  const common = { sku, legalEntityId: movement.legalEntityId, at: movement.occurredAt };
  const counterpart = movement.type === 'transfer' ? movement.counterpartLocationId : undefined;
  if (counterpart !== undefined && movement.direction === 'in') {
    return ledger.applyMovement({
      ...common,
      locationId: movement.locationId,
      opId,
      ...deltas,
      inTransitDelta: subtractDecimal('0', movement.quantity.value),
    });
  }
  const result = await ledger.applyMovement({ ...common, locationId: movement.locationId, opId, ...deltas });
  if (counterpart !== undefined && counterpart !== movement.locationId) {
    await ledger.applyMovement({
      ...common,
      locationId: counterpart,
      opId: `${opId}/in-transit`,
      onHandDelta: '0',
      heldDelta: '0',
      inTransitDelta: movement.quantity.value,
    });
  }
  return result;
}

/** The intake's message handler, for runConsumer over `hub.inventory-movements.v1`. */
export function handleInventoryMovements(deps: InventoryMovementDeps) {
  const park = parkerOf(
    { ...deps, dlqTopic: deps.dlqTopic ?? TOPICS.inventoryMovementsDlq.name },
    MOVEMENT_INTAKE_STEP,
    'handleInventoryMovements',
    'inventory movement not applied; parked as a dead letter',
  );

  /** A stock snapshot (an 846 advice): a count of the key, idempotent by position id and as-of time. */
  const applySnapshot = async (message: Message, correlationId: string, body: unknown) => {
    const got = normalizeSnapshot(body, deps.validator);
    if (!got.ok) {
      return park(message, correlationId, keysOf(body), {
        kind: 'data',
        message: `not a stock snapshot the ledger can take: ${got.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        fieldErrors: got.errors,
      });
    }
    const { position, sku } = got.value;
    const keys = { positionId: position.id, sku, locationId: position.locationId };
    if (deps.knowsConnector && !(await deps.knowsConnector(position.source.connectorId))) {
      deps.logger.debug({ ...keys }, 'stock snapshot of a connector this hub does not have; skipped');
      return;
    }
    try {
      const after = await deps.ledger.setStock({
        sku,
        locationId: position.locationId,
        opId: snapshotOpId(position),
        onHand: position.onHand.value,
        held: position.onHold.value,
        asOf: position.asOf,
      });
      deps.logger.debug({ ...keys, onHand: after.onHand, seq: after.seq }, 'stock snapshot applied');
      const seconds = ((deps.now ?? Date.now)() - Date.parse(position.asOf)) / 1000;
      deps.eventLag?.(Math.max(0, seconds), 'snapshot');
    } catch (err) {
      if (!isHubError(err) || err.kind !== 'data') throw err;
      await park(message, correlationId, keys, {
        kind: 'data',
        message: `the stock ledger refused the snapshot: ${err.message}`,
        ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      });
    }
  };

  return async (message: Message): Promise<void> => {
    const correlationId = headerValue(message, CORRELATION_HEADER) ?? deliveryOf(message);
    const body = messageBody(message);
    if (isSnapshotMessage(message, body)) return applySnapshot(message, correlationId, body);
    const got = readMovement(body, deps.validator);
    if ('refusal' in got) return park(message, correlationId, got.keys, got.refusal);
    const { movement, sku, deltas } = got;
    const keys = { movementId: movement.id, sku, locationId: movement.locationId };
    if (deps.knowsConnector && !(await deps.knowsConnector(movement.source.connectorId))) {
      deps.logger.debug(
        { ...keys, connectorId: movement.source.connectorId },
        'movement of a connector this hub does not have; skipped',
      );
      return;
    }
    if (deps.bookedElsewhere?.has(movement.type)) {
      deps.logger.debug({ ...keys, type: movement.type }, 'movement type booked by the hub flows; skipped');
      return;
    }
    const key = message.key === undefined || message.key === null ? undefined : String(message.key);
    const expectedKey = movementKey({ sku, locationId: movement.locationId });
    if (key !== expectedKey) {
      // Order across the item's movements is not guaranteed then; deltas add up the same in any order.
      deps.logger.warn({ ...keys, key, expectedKey }, 'movement published under another key; applied anyway');
    }
    try {
      const result = await applyToLedger(deps.ledger, movement, sku, deltas);
      deps.logger.debug(
        { ...keys, ...deltas, applied: result.applied, replayed: result.replayed },
        'movement applied',
      );
      if (!result.replayed && deps.eventLag) {
        const seconds = ((deps.now ?? Date.now)() - Date.parse(movement.occurredAt)) / 1000;
        deps.eventLag(Math.max(0, seconds), movement.type);
      }
    } catch (err) {
      // The ledger refused the movement itself (e.g. its id already moved other quantities): no retry can help.
      if (!isHubError(err) || err.kind !== 'data') throw err;
      await park(message, correlationId, keys, {
        kind: 'data',
        message: `the stock ledger refused the movement: ${err.message}`,
        ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      });
    }
  };
}
