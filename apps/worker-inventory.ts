/**
 * The worker's inventory part: the bridge from inbound WMS/ERP/EDI events to the movement stream, the ledger's
 * movement intake, the ERP posting of movements (with cycle-count approval), channel propagation of availability,
 * lifecycle events, and the reconciliation and master-data schedules with their activities.
 */
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import type { CrossReferenceStore } from '../canonical-model/cross-reference';
import type { CanonicalValidator } from '../canonical-model/validate';
import { createInventoryActivities } from '../activities/inventory/count-activities';
import { createReconcileActivities } from '../activities/inventory/reconcile-activities';
import { createMasterDataSyncActivities } from '../activities/master-data';
import { handleInventoryErpPosting } from '../consumers/inventory-erp';
import { handleInventoryMovements } from '../consumers/inventory-movements';
import { watchAvailability } from '../inventory/availability-watch';
import { createChannelPropagation } from '../inventory/channel-push';
import { currentFigures } from '../inventory/current-figures';
import { createStockLedger } from '../platform/orders/stock-ledger';
import { handleInboundInventoryEvents } from '../inventory/inbound-bridge';
import type { HubLogger } from '../monitoring/logger';
import type { HubMetrics } from '../monitoring/metrics';
import type { HubConfig } from '../platform/config';
import type { ConnectorRuntime } from '../platform/connector-runtime';
import type { ConnectorStore } from '../platform/connector-store';
import type { DeadLetterStore } from '../platform/dead-letters';
import type { InboundDedup } from '../platform/inbound-dedup';
import { createCountPolicyStore } from '../platform/inventory/count-policy-store';
import { createCountReviewStore } from '../platform/inventory/count-review-store';
import { createTemporalCountWorkflows } from '../platform/inventory/count-workflows';
import { registerDiscrepancyGauge } from '../platform/inventory/reconcile-gauge';
import { createReconciliationStore } from '../platform/inventory/reconcile-store';
import type { EventProducer } from '../platform/kafka';
import { runConsumer } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import { createLifecyclePublisher } from '../platform/lifecycle-events';
import { createMasterData } from '../platform/master-data';
import { createMasterDataAudit } from '../platform/master-data-audit';
import type { StockLedger } from '../platform/orders/stock-types';
import { createOwnership } from '../platform/ownership';
import { createPurchasingPolicyStore } from '../platform/purchasing/policy-store';
import { createQuarantine } from '../platform/quarantine';
import { ensureInventorySchedules } from '../platform/schedules/inventory-schedules';

/** Movement types the hub's own flows book in the ledger (shipments, PO receipts, return receipts). */
export const BOOKED_BY_FLOWS = new Set(['pick', 'receipt', 'return'] as const);

/** What the inventory part is built from. */
export interface InventoryParts {
  db: Db;
  config: HubConfig;
  temporalClient: Client;
  runtime: ConnectorRuntime;
  connectors: Pick<ConnectorStore, 'list'>;
  knowsConnector: (connectorId: string) => Promise<boolean>;
  crossReferences: CrossReferenceStore;
  dedup: InboundDedup;
  deadLetters: DeadLetterStore;
  producer: EventProducer;
  validator: CanonicalValidator;
  metrics: HubMetrics;
  logger: HubLogger;
}

/** Builds the stores; `ledgerOf` wraps the ledger with the availability note; `start` runs consumers and schedules. */
export async function createInventory(parts: InventoryParts) {
  const { db, config, logger, metrics } = parts;
  const quarantine = createQuarantine(db);
  const ownership = createOwnership(db, quarantine);
  const masterData = createMasterData(db, {
    dedup: parts.dedup,
    ownership,
    crossReferences: parts.crossReferences,
  });
  const reconciliations = createReconciliationStore(db);
  const audit = createMasterDataAudit(db);
  const countPolicies = createCountPolicyStore(db);
  const countReviews = createCountReviewStore(db);
  const purchasingPolicies = createPurchasingPolicyStore(db);
  const propagation = createChannelPropagation({
    db,
    currentFigures: currentFigures(createStockLedger(db)),
    runtime: parts.runtime,
    connectors: parts.connectors,
    deadLetters: parts.deadLetters,
    logger,
    registry: metrics.registry,
  });
  for (const store of [
    quarantine,
    ownership,
    masterData,
    reconciliations,
    audit,
    countPolicies,
    countReviews,
  ]) {
    await store.ensureIndexes();
  }
  await propagation.ensureIndexes();
  registerDiscrepancyGauge(metrics.registry, reconciliations, (err) =>
    logger.warn({ err }, 'hub_inventory_discrepancies_open not collected'),
  );
  const lifecycle = createLifecyclePublisher({
    db,
    producer: parts.producer,
    logger,
    validator: parts.validator,
    invalid: metrics.lifecycleEventsInvalid,
  });
  const countWorkflows = createTemporalCountWorkflows(parts.temporalClient, config.temporal.taskQueue);
  const erpOf = async (legalEntityId: string) =>
    (await purchasingPolicies.get(legalEntityId).catch(() => undefined))?.erpConnectorId;

  return {
    lifecycle,
    /** The ledger with availability noted for the channels after each write. */
    ledgerOf: (ledger: StockLedger) => watchAvailability(ledger, (change) => propagation.noteChange(change)),
    /** Activities of counts, reconciliation and master-data sync. */
    activitiesOf: (ledger: StockLedger) => ({
      ...createInventoryActivities({ runtime: parts.runtime, countReviews, logger }),
      ...createReconcileActivities({
        runtime: parts.runtime,
        crossReferences: parts.crossReferences,
        ledger,
        db,
        store: reconciliations,
        listEntities: async () =>
          (await purchasingPolicies.listAll()).flatMap((p) =>
            p.erpConnectorId && p.wmsConnectorId
              ? [
                  {
                    legalEntityId: p.legalEntityId,
                    erpConnectorId: p.erpConnectorId,
                    wmsConnectorId: p.wmsConnectorId,
                  },
                ]
              : [],
          ),
        logger,
      }),
      ...createMasterDataSyncActivities({
        runtime: parts.runtime,
        ownership,
        masterData,
        audit,
        quarantine,
        crossReferences: parts.crossReferences,
        validator: parts.validator,
        logger,
      }),
    }),
    /** Starts the consumers, the pusher and the schedules; answers the stops, in order. */
    async start(ledger: StockLedger): Promise<[string, () => Promise<void>][]> {
      const database = config.mongo.database;
      const common = { kafka: config.kafka, logger, lag: metrics.consumerLag };
      const bridge = await runConsumer({
        ...common,
        groupId: `hub-inventory-bridge.${database}`,
        topics: [TOPICS.inboundEvents.name],
        handle: handleInboundInventoryEvents({
          producer: parts.producer,
          validator: parts.validator,
          deadLetters: parts.deadLetters,
          knowsConnector: parts.knowsConnector,
          logger,
        }),
      });
      const movements = await runConsumer({
        ...common,
        groupId: `hub-inventory-movements.${database}`,
        topics: [TOPICS.inventoryMovements.name],
        handle: handleInventoryMovements({
          ledger,
          validator: parts.validator,
          deadLetters: parts.deadLetters,
          producer: parts.producer,
          knowsConnector: parts.knowsConnector,
          bookedElsewhere: BOOKED_BY_FLOWS,
          eventLag: (seconds, type) => metrics.inventoryEventLag.observe({ movement_type: type }, seconds),
          logger,
        }),
      });
      const erp = await runConsumer({
        ...common,
        groupId: `hub-inventory-erp.${database}`,
        topics: [TOPICS.inventoryMovements.name],
        handle: handleInventoryErpPosting({
          runtime: parts.runtime,
          validator: parts.validator,
          countPolicies,
          countReviews,
          countWorkflows,
          masterData,
          fallbackErpConnector: erpOf,
          knowsConnector: parts.knowsConnector,
          deadLetters: parts.deadLetters,
          producer: parts.producer,
          logger,
        }),
      });
      const pusher = propagation.start();
      await ensureInventorySchedules(parts.temporalClient, {
        taskQueue: config.temporal.taskQueue,
        scheduleIdPrefix: `hub-${database}-`,
        reconciliation: {
          every: `${config.schedules.reconcileEveryMinutes} minutes`,
          graceMinutes: config.schedules.reconcileGraceMinutes,
          legalEntities: [],
        },
        masterData: { every: `${config.schedules.masterDataEveryMinutes} minutes` },
      });
      return [
        ['inventory bridge consumer', () => bridge.stop()],
        ['inventory movement consumer', () => movements.stop()],
        ['inventory ERP posting consumer', () => erp.stop()],
        ['channel pusher', () => pusher.stop()],
      ];
    },
  };
}
