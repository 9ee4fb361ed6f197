/**
 * The reorder-point watch: after a stock ledger write that can lower an item's position at a warehouse (a
 * reservation, a stock count), it compares the position — on hand − held − reserved + all open inbound — with the
 * reorder point of every purchasing policy that sources the item there, and when it is below, publishes a
 * `reorder-point` signal on `hub.replenishment-signals.v1`. The signal id is the ledger write's op id, so a retried
 * write signals once; each later write while still below signals again, and the replenishment workflow decides
 * from the position and the open POs whether anything is to be bought (the watch is a trigger, not the decision).
 */
import { compareDecimal, subtractDecimal, addDecimal } from '../../canonical-model/decimal';
import type { HubLogger } from '../../monitoring/logger';
import type { EventProducer } from '../kafka';
import { TOPICS } from '../kafka-topics';
import type { StockKey, StockLedger } from '../orders/stock-types';
import { sourcingFor } from './policy';
import type { PurchasingPolicy } from './policy';

/** A due date after every real one: all open inbound counts. */
const ANY_DUE_DATE = '9999-12-31';

/** What the watch reads and writes through. */
export interface ReorderWatchDeps {
  policies: { listAll(): Promise<PurchasingPolicy[]> };
  ledger: Pick<StockLedger, 'availability'>;
  producer: Pick<EventProducer, 'send'>;
  logger: HubLogger;
  /** How long the list of policies is reused before it is read again (default 2 s). */
  policyCacheMs?: number;
  now?: () => number;
}

/** The signal the watch publishes (the replenishment intake's message shape). */
export interface ReorderPointMessage {
  signalId: string;
  legalEntityId: string;
  sku: string;
  locationId: string;
  /** How far below the reorder point the position was when the write happened. */
  quantity: string;
  reason: 'reorder-point';
}

/** Checks one key after a ledger write. */
export interface ReorderWatch {
  check(key: StockKey, opId: string): Promise<ReorderPointMessage[]>;
}

/** The signal id of a reorder-point crossing seen after ledger write `opId`. */
export function reorderSignalId(legalEntityId: string, opId: string): string {
  return `reorder-point:${legalEntityId}:${opId}`;
}

/** Builds the watch. */
export function createReorderWatch(deps: ReorderWatchDeps): ReorderWatch {
  const now = deps.now ?? Date.now;
  const ttl = deps.policyCacheMs ?? 2_000;
  let cached: { at: number; policies: Promise<PurchasingPolicy[]> } | undefined;
  const policies = (): Promise<PurchasingPolicy[]> => {
    if (!cached || now() - cached.at >= ttl) {
      const read = deps.policies.listAll();
      cached = { at: now(), policies: read };
      read.catch(() => (cached = undefined));
    }
    return cached.policies;
  };

  return {
    async check(key, opId) {
      const watching = (await policies()).flatMap((policy) => {
        const point = sourcingFor(policy, key.sku, key.locationId)?.reorderPoint;
        return point === undefined ? [] : [{ policy, point }];
      });
      if (!watching.length) return [];
      const [a] = await deps.ledger.availability(key.sku, [key.locationId], ANY_DUE_DATE);
      const position = a
        ? addDecimal(subtractDecimal(subtractDecimal(a.onHand, a.held), a.reserved), a.inboundDue)
        : '0';
      const sent: ReorderPointMessage[] = [];
      for (const { policy, point } of watching) {
        if (compareDecimal(position, point) >= 0) continue;
        const message: ReorderPointMessage = {
          signalId: reorderSignalId(policy.legalEntityId, opId),
          legalEntityId: policy.legalEntityId,
          sku: key.sku,
          locationId: key.locationId,
          quantity: subtractDecimal(point, position),
          reason: 'reorder-point',
        };
        await deps.producer.send(
          TOPICS.replenishmentSignals.name,
          key.sku,
          Buffer.from(JSON.stringify(message)),
        );
        deps.logger.info(
          { ...message, position, reorderPoint: point },
          'stock below its reorder point; signalled',
        );
        sent.push(message);
      }
      return sent;
    },
  };
}

/**
 * The ledger with the watch after every write that can lower a position: a reservation that reserved something,
 * a stock count, and a movement that took units out of on hand or put them on hold. A failed check fails the write's caller, whose retry repeats the write (idempotent by op id)
 * and the check.
 */
export function watchReorderPoints(ledger: StockLedger, watch: ReorderWatch): StockLedger {
  return {
    ...ledger,
    async reserve(request) {
      const result = await ledger.reserve(request);
      if (compareDecimal(result.reserved, '0') > 0) await watch.check(request, request.reservationId);
      return result;
    },
    async setStock(input) {
      const position = await ledger.setStock(input);
      await watch.check(input, input.opId);
      return position;
    },
    async applyMovement(input) {
      const result = await ledger.applyMovement(input);
      const lowers = compareDecimal(input.onHandDelta, '0') < 0 || compareDecimal(input.heldDelta, '0') > 0;
      if (result.applied && lowers) await watch.check(input, input.opId);
      return result;
    },
  };
}
