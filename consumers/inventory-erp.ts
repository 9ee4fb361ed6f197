/**
 * The ERP's intake from `hub.inventory-movements.v1` (a consumer group of its own, beside the stock ledger's): stock
 * changes the ERP has not heard of become ERP inventory adjustments (inventory/erp-posting/plan.ts says which, and
 * the sign of a transfer's legs). Picks, receipts and returns are skipped — their flows post them — and so are
 * holds and releases. Adjustments and transfers are posted at once. A count is judged by its legal entity's count
 * policy: within both thresholds it is posted and audited `auto-posted`; above either, it is recorded `pending`,
 * its approval workflow (`inventory-count:<movement id>`) is started and the offset committed — the ERP is
 * adjusted only once a person approves (a redelivery finds the verdict and never judges again). Everything is
 * idempotent by movement id: the ERP adjustment's id and idempotency key, the audit record's id, the workflow id.
 *
 * Failures: a message that cannot be a posting (not JSON, not a movement, no SKU, a unit the item cannot convert,
 * a legal entity with no ERP, the ERP refusing the data) is parked like the ledger's intake does (dead-letter
 * store, step `erp-posting`, and the DLQ topic) and the partition moves on. An ERP or database that is down or
 * rate-limiting, and a connector that is paused or misconfigured (`config`: a person fixes it, then the same
 * message goes through), are thrown, so runConsumer retries the message and nothing later overtakes it.
 */
import type { Message } from 'node-rdkafka';
import type { InventoryMovement, Item } from '../canonical-model/generated/index';
import type { CanonicalValidator } from '../canonical-model/validate';
import type { HubLogger } from '../monitoring/logger';
import type { ConnectorRuntime } from '../platform/connector-runtime';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { CountPolicyStore } from '../platform/inventory/count-policy-store';
import type { CountReviewStore } from '../platform/inventory/count-review-types';
import type { CountWorkflows } from '../platform/inventory/count-workflows';
import type { EventProducer } from '../platform/kafka';
import { CORRELATION_HEADER, headerValue } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import type { MasterData } from '../platform/master-data';
import { toBaseUnits } from '../inventory/erp-posting/base-units';
import {
  HELD_ONLY,
  POSTED_BY_HUB_FLOWS,
  adjustmentOf,
  defaultMemo,
  planPosting,
} from '../inventory/erp-posting/plan';
import { postAdjustment } from '../inventory/erp-posting/post-adjustment';
import { messageBody, readMovement } from '../inventory/read-movement';
import { isSnapshotMessage } from '../inventory/snapshot';
import { createCountJudge } from '../inventory/erp-posting/judge-count';
import { Unpostable, orPark } from '../inventory/erp-posting/unpostable';
import { deliveryOf, parkerOf } from '../inventory/parked';

/** The dead-letter step of movements the ERP intake could not post. */
export const ERP_POSTING_STEP = 'erp-posting';

/** What the ERP intake needs. */
export interface InventoryErpDeps {
  runtime: ConnectorRuntime;
  validator: CanonicalValidator;
  countPolicies: Pick<CountPolicyStore, 'effective'>;
  countReviews: Pick<CountReviewStore, 'get' | 'recordDecided' | 'recordPending'>;
  countWorkflows: Pick<CountWorkflows, 'start'>;
  /** The hub's item master: base unit, conversions and standard cost. Without it the movement's unit is the base. */
  masterData?: Pick<MasterData, 'get'>;
  /** The ERP of a legal entity whose count policy names none (e.g. its order policy's ERP). */
  fallbackErpConnector?: (legalEntityId: string) => Promise<string | undefined>;
  /** True when the movement's connector is registered in this hub (as the ledger's intake uses it). */
  knowsConnector?: (connectorId: string) => Promise<boolean>;
  deadLetters: Pick<DeadLetterStore, 'record'>;
  producer: Pick<EventProducer, 'send'>;
  /** Where parked messages go; `hub.inventory-movements.dlq.v1` unless a test gives a topic of its own. */
  dlqTopic?: string;
  logger: HubLogger;
}

/** The intake's message handler, for runConsumer over `hub.inventory-movements.v1`. */
export function handleInventoryErpPosting(deps: InventoryErpDeps) {
  const judgeCount = createCountJudge(deps);
  const park = parkerOf(
    { ...deps, dlqTopic: deps.dlqTopic ?? TOPICS.inventoryMovementsDlq.name },
    ERP_POSTING_STEP,
    'handleInventoryErpPosting',
    'inventory movement not posted to the ERP; parked as a dead letter',
  );

  const erpOf = async (legalEntityId: string, erpConnectorId: string | undefined): Promise<string> => {
    const id = erpConnectorId ?? (await deps.fallbackErpConnector?.(legalEntityId));
    if (id) return id;
    throw new Unpostable({
      kind: 'config',
      message: `legal entity ${legalEntityId} has no ERP connector to post inventory adjustments to`,
      fieldErrors: [
        { path: '/legalEntityId', message: 'names a legal entity whose count policy names no ERP' },
      ],
    });
  };

  const post = async (
    movement: InventoryMovement,
    sku: string,
    correlationId: string,
    quantity: string,
    item: Item | undefined,
  ) => {
    const plan = planPosting(movement, quantity);
    const keys = { movementId: movement.id, sku, locationId: movement.locationId };
    if (plan.action === 'skip') return deps.logger.debug({ ...keys, type: movement.type }, plan.reason);
    const policy = await deps.countPolicies.effective(movement.legalEntityId);
    const erpConnectorId = await erpOf(movement.legalEntityId, policy.erpConnectorId);
    if (plan.action === 'post') {
      const adjustment = adjustmentOf(movement, sku, plan.quantityDelta, defaultMemo(movement));
      const result = await orPark('the ERP refused the adjustment', () =>
        postAdjustment(deps.runtime, erpConnectorId, adjustment),
      );
      return deps.logger.info(
        {
          ...keys,
          type: movement.type,
          quantityDelta: plan.quantityDelta,
          externalId: result.externalId,
          created: result.created,
        },
        'movement posted to the ERP as an inventory adjustment',
      );
    }
    await judgeCount({
      movement,
      sku,
      correlationId,
      varianceUnits: plan.varianceUnits,
      erpConnectorId,
      policy,
      masterItem: item,
    });
  };

  return async (message: Message): Promise<void> => {
    const correlationId = headerValue(message, CORRELATION_HEADER) ?? deliveryOf(message);
    // A stock snapshot (an 846 advice) is a count of the sender's warehouse, not a change the ERP should book:
    // the reconciliation compares it with the ERP instead.
    const body = messageBody(message);
    if (isSnapshotMessage(message, body)) {
      return deps.logger.debug({ key: String(message.key) }, 'stock snapshot; not posted to the ERP');
    }
    const got = readMovement(body, deps.validator);
    if ('refusal' in got) return park(message, correlationId, got.keys, got.refusal);
    const { movement, sku } = got;
    const keys = { movementId: movement.id, sku, locationId: movement.locationId };
    // Types the ERP never gets from here are skipped before anything is read.
    if (POSTED_BY_HUB_FLOWS.has(movement.type) || HELD_ONLY.has(movement.type)) {
      return deps.logger.debug(
        { ...keys, type: movement.type },
        'movement type not posted by the ERP intake; skipped',
      );
    }
    if (deps.knowsConnector && !(await deps.knowsConnector(movement.source.connectorId))) {
      return deps.logger.debug(
        { ...keys, connectorId: movement.source.connectorId },
        'movement of a connector this hub does not have; skipped',
      );
    }
    try {
      const item = (await deps.masterData?.get('item', movement.itemId))?.document as Item | undefined;
      const base = toBaseUnits(movement.quantity, item);
      if ('error' in base) {
        throw new Unpostable({
          kind: 'data',
          message: `movement cannot be posted: ${base.error.path} ${base.error.message}`,
          fieldErrors: [base.error],
        });
      }
      await post(
        {
          ...movement,
          quantity: {
            ...movement.quantity,
            value: base.quantity,
            uom: base.uom as InventoryMovement['quantity']['uom'],
          },
        },
        sku,
        correlationId,
        base.quantity,
        item,
      );
    } catch (err) {
      if (!(err instanceof Unpostable)) throw err;
      await park(message, correlationId, keys, err.refusal);
    }
  };
}
