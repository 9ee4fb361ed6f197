/**
 * Replenishment intake from `hub.replenishment-signals.v1` (order-to-cash's shortages): each message becomes a
 * ReplenishmentSignal for its item and warehouse — the message's `locationId`, else the purchasing policy's
 * `defaultLocationId` — and goes to the item's replenishment workflow (signal-with-start; the workflow ignores a
 * signalId it has seen, so a redelivery is harmless). A message the hub cannot buy for is not retried: one that is
 * not JSON or lacks a field (`data`), a legal entity without a purchasing policy, no warehouse, an SKU without a
 * sourcing rule there (`config`), or a refusal by the workflow (`data`) is kept in the dead-letter store — flow
 * `procure-to-receive`, step `replenishment-intake`, the original bytes in the payload, the reason in the error —
 * and the offset moves on. Failures a retry can fix (the store or Temporal unreachable) are thrown and retried.
 */
import type { Message } from 'node-rdkafka';
import type { HubLogger } from '../monitoring/logger';
import type { DeadLetterStore } from '../platform/dead-letters';
import { isHubError } from '../platform/errors';
import type { FieldError, HubErrorKind } from '../platform/errors';
import { CORRELATION_HEADER, headerValue } from '../platform/kafka';
import { sourcingFor } from '../platform/purchasing/policy';
import type { PurchasingPolicy } from '../platform/purchasing/policy';
import type { PurchaseWorkflows } from '../platform/purchasing/purchase-workflows';
import type { ReplenishmentSignal } from '../workflows/procure-to-receive/types';
import { readReplenishmentMessage } from './replenishment-message';
import type { ReplenishmentMessage } from './replenishment-message';

/** The dead-letter flow and step of kept replenishment messages. */
export const REPLENISHMENT_INTAKE_STEP = {
  flow: 'procure-to-receive',
  step: 'replenishment-intake',
} as const;

/** What the replenishment intake needs. */
export interface ReplenishmentIntakeDeps {
  purchases: Pick<PurchaseWorkflows, 'signalReplenishment'>;
  policies: { get(legalEntityId: string): Promise<PurchasingPolicy | undefined> };
  deadLetters: Pick<DeadLetterStore, 'record'>;
  /**
   * Whether this hub runs the sales order a backorder signal names. Hubs sharing a broker read each other's
   * signals: another hub's is skipped, not bought for and not dead-lettered here. Without it every signal counts.
   */
  knowsSalesOrder?: (salesOrderId: string) => Promise<boolean>;
  /** Whether this hub's stock ledger holds the item at the warehouse a reorder-point signal names (as above). */
  knowsStock?: (sku: string, locationId: string) => Promise<boolean>;
  logger: HubLogger;
  /** Clock for `receivedAt` when the message has no broker timestamp. */
  now?: () => Date;
}

/** Why a message is kept instead of bought for. */
interface Refusal {
  kind: HubErrorKind;
  message: string;
  fieldErrors?: FieldError[];
}

const delivery = (m: Message) => `${m.topic}/${m.partition}/${m.offset}`;

/** The message exactly as it came (bytes in base64, and as text for people), with where it came from. */
function original(message: Message) {
  const key = message.key;
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    ...(key === undefined || key === null ? {} : { key: Buffer.isBuffer(key) ? key.toString('utf8') : key }),
    ...(message.timestamp === undefined ? {} : { timestamp: message.timestamp }),
    valueBase64: message.value ? message.value.toString('base64') : null,
    valueText: message.value ? message.value.toString('utf8') : null,
  };
}

/** Keeps the message as a dead letter with the reason; recording the same delivery twice changes nothing. */
async function keep(
  deps: ReplenishmentIntakeDeps,
  message: Message,
  correlationId: string,
  keys: Record<string, string>,
  refusal: Refusal,
): Promise<void> {
  const record = await deps.deadLetters.record({
    ...REPLENISHMENT_INTAKE_STEP,
    businessKeys: keys,
    correlationId,
    // One record per signal (per delivery when the signal id cannot be read); no workflow waits on it.
    workflowId: keys.signalId ? `replenishment-signal:${keys.signalId}` : `kafka:${delivery(message)}`,
    runId: `kafka:${delivery(message)}`,
    activityType: 'handleReplenishmentSignals',
    payload: original(message),
    error: {
      kind: refusal.kind,
      type: 'HubError',
      message: refusal.message,
      ...(refusal.fieldErrors?.length ? { fieldErrors: refusal.fieldErrors } : {}),
    },
    attempts: 1,
    failureId: delivery(message),
  });
  deps.logger.warn(
    {
      deadLetterId: record._id,
      ...keys,
      kind: refusal.kind,
      reason: refusal.message,
      delivery: delivery(message),
    },
    'replenishment signal not bought for; kept as a dead letter',
  );
}

/** The signal to buy for, or why there is nothing to buy with. */
function decide(
  read: ReplenishmentMessage,
  policy: PurchasingPolicy | undefined,
  receivedAt: string,
): ReplenishmentSignal | Refusal {
  const { legalEntityId, sku } = read;
  if (!policy) {
    return { kind: 'config', message: `legal entity ${legalEntityId} has no purchasing policy` };
  }
  const locationId = read.locationId ?? policy.defaultLocationId;
  if (!locationId) {
    return {
      kind: 'config',
      message: `the signal names no warehouse and the purchasing policy of ${legalEntityId} has no defaultLocationId`,
      fieldErrors: [{ path: '/locationId', message: 'is missing, and the policy has no defaultLocationId' }],
    };
  }
  if (!sourcingFor(policy, sku, locationId)) {
    return {
      kind: 'config',
      message: `the purchasing policy of ${legalEntityId} has no sourcing rule for ${sku} at ${locationId}`,
      fieldErrors: [{ path: '/sku', message: `has no sourcing rule at ${locationId}` }],
    };
  }
  return {
    signalId: read.signalId,
    legalEntityId,
    sku,
    locationId,
    quantity: read.quantity,
    ...(read.needBy ? { needBy: read.needBy } : {}),
    reason: read.reason,
    ...(read.salesOrderId ? { salesOrderId: read.salesOrderId } : {}),
    ...(read.requestedBy ? { requestedBy: read.requestedBy } : {}),
    receivedAt,
  };
}

/** The intake's message handler. */
export function handleReplenishmentSignals(deps: ReplenishmentIntakeDeps) {
  const now = deps.now ?? (() => new Date());
  return async (message: Message): Promise<void> => {
    const correlationId = headerValue(message, CORRELATION_HEADER) ?? delivery(message);
    const read = readReplenishmentMessage(message);
    if ('problems' in read) {
      const first = read.problems[0]!;
      return keep(deps, message, correlationId, read.keys, {
        kind: 'data',
        message: `replenishment message does not read: ${first.path || '/'} ${first.message}`,
        fieldErrors: read.problems,
      });
    }
    const keys: Record<string, string> = {
      signalId: read.signalId,
      legalEntityId: read.legalEntityId,
      sku: read.sku,
      ...(read.salesOrderId ? { salesOrderId: read.salesOrderId } : {}),
    };
    if (read.salesOrderId && deps.knowsSalesOrder && !(await deps.knowsSalesOrder(read.salesOrderId))) {
      deps.logger.info(
        { signalId: read.signalId, salesOrderId: read.salesOrderId },
        'replenishment signal for a sales order this hub does not run; skipped',
      );
      return;
    }
    if (
      read.reason === 'reorder-point' &&
      read.locationId &&
      deps.knowsStock &&
      !(await deps.knowsStock(read.sku, read.locationId))
    ) {
      deps.logger.info(
        { signalId: read.signalId, sku: read.sku, locationId: read.locationId },
        'reorder-point signal for stock this hub does not hold; skipped',
      );
      return;
    }
    const policy = await deps.policies.get(read.legalEntityId);
    // The broker's timestamp, so a redelivered message carries the same signal.
    const receivedAt = new Date(message.timestamp ?? now().getTime()).toISOString();
    const signal = decide(read, policy, receivedAt);
    if ('kind' in signal) return keep(deps, message, correlationId, keys, signal);
    try {
      const workflowId = await deps.purchases.signalReplenishment(signal, policy!, correlationId);
      deps.logger.info(
        { signalId: signal.signalId, sku: signal.sku, locationId: signal.locationId, workflowId },
        'replenishment signalled',
      );
    } catch (err) {
      if (!isHubError(err) || err.kind !== 'data') throw err;
      await keep(deps, message, correlationId, keys, {
        kind: 'data',
        message: `the replenishment workflow refused the signal: ${err.message}`,
        ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      });
    }
  };
}
