/**
 * The worker's procure-to-receive part: its stores, its activities, the handler the order intake hands purchase
 * documents (acknowledgements, ASNs, supplier invoices, PO receipts) to, and the consumer of replenishment signals.
 */
import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import { createPurchaseActivities } from '../activities/procure-to-receive';
import type { PurchaseActivityDeps } from '../activities/procure-to-receive/deps';
import { handlePurchaseDocuments } from '../consumers/purchase-intake';
import { handleReplenishmentSignals } from '../consumers/replenishment-intake';
import type { HubLogger } from '../monitoring/logger';
import type { HubConfig } from '../platform/config';
import type { DeadLetterStore } from '../platform/dead-letters';
import { runConsumer } from '../platform/kafka';
import { TOPICS } from '../platform/kafka-topics';
import { createPoNumberAllocator } from '../platform/purchasing/po-numbers';
import { createPurchasingPolicyStore } from '../platform/purchasing/policy-store';
import type { StockLedger } from '../platform/orders/stock-types';
import { createPurchaseOrderStore } from '../platform/purchasing/purchase-order-store';
import { createSignalClaims } from '../platform/purchasing/signal-claims';
import { createTemporalPurchaseWorkflows } from '../platform/purchasing/temporal-purchase-workflows';

/** What the purchasing part is built from (the rest of its activity deps are the worker's shared ones). */
export type PurchasingParts = Omit<
  PurchaseActivityDeps,
  'poNumbers' | 'signalClaims' | 'purchaseOrders' | 'ledger'
> & {
  ledger: PurchaseActivityDeps['ledger'] & Pick<StockLedger, 'position'>;
  db: Db;
  temporalClient: Client;
  taskQueue: string;
  kafka: HubConfig['kafka'];
  database: string;
  deadLetters: DeadLetterStore;
  logger: HubLogger;
};

/** Builds the stores and activities; `start` runs the replenishment consumer and answers its stop. */
export async function createPurchasing(parts: PurchasingParts) {
  const { db, temporalClient, taskQueue, kafka, database, deadLetters, ...shared } = parts;
  const purchaseOrders = createPurchaseOrderStore(db);
  const poNumbers = createPoNumberAllocator(db);
  const signalClaims = createSignalClaims(db);
  const policies = createPurchasingPolicyStore(db);
  await Promise.all([
    purchaseOrders.ensureIndexes(),
    poNumbers.ensureIndexes(),
    signalClaims.ensureIndexes(),
    policies.ensureIndexes(),
  ]);
  const purchases = createTemporalPurchaseWorkflows(temporalClient, taskQueue);
  return {
    activities: createPurchaseActivities({ ...shared, poNumbers, signalClaims, purchaseOrders }),
    /** For the order intake: purchase documents go to the PO's workflow. */
    purchaseDocuments: handlePurchaseDocuments({
      purchases,
      // Only this hub's store: the PO is stored before it is sent, so nothing about it can come earlier, and a
      // PO workflow of another hub on the same Temporal server (same PO number) is not this hub's.
      knowsPurchaseOrder: async (legalEntityId, poNumber) =>
        Boolean(await purchaseOrders.findByPoNumber(poNumber, legalEntityId)),
      logger: parts.logger,
    }),
    async start() {
      const consumer = await runConsumer({
        kafka,
        groupId: `hub-replenishment-intake.${database}`,
        topics: [TOPICS.replenishmentSignals.name],
        handle: handleReplenishmentSignals({
          purchases,
          policies,
          deadLetters,
          knowsSalesOrder: async (salesOrderId) => (await parts.orders.get(salesOrderId)) !== undefined,
          knowsStock: async (sku, locationId) =>
            (await parts.ledger.position({ sku, locationId })) !== undefined,
          logger: parts.logger,
        }),
        logger: parts.logger,
      });
      return () => consumer.stop();
    },
  };
}
