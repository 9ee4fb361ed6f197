/** The commerce port: orders arrive by webhook; the hub sets stock per location and creates fulfilments. */
import type { SalesOrder, Shipment } from '../../../canonical-model/generated/index';
import type { WebhookEnvelope } from '../webhooks';
import type { CanonicalEvent, ListOptions, Page, ReadOptions, WriteContext, WriteResult } from './common';

/** One stock figure to set in the store. */
export interface InventorySetting {
  sku: string;
  locationExternalId: string;
  /** Sellable quantity, a whole number as a decimal string. */
  available: string;
}

/** Operations every commerce connector implements; the commerce contract suite proves them. */
export interface CommercePort {
  getOrder(externalId: string, options?: ReadOptions): Promise<SalesOrder | undefined>;
  listOrders(options?: ListOptions): Promise<Page<SalesOrder>>;
  /** Sets available quantities (absolute, not deltas), idempotent for the same settings. */
  setInventory(settings: InventorySetting[], context: WriteContext): Promise<{ updated: number }>;
  /** Creates a fulfilment with tracking for the shipped lines of an order. */
  createFulfillment(shipment: Shipment, context: WriteContext): Promise<WriteResult>;
  /** Order created / updated / cancelled webhooks as sales-order events. */
  mapWebhook(envelope: WebhookEnvelope): CanonicalEvent[];
}

/** Every CommercePort operation in manifest form (webhook mapping is a method, not a declared operation). */
export const COMMERCE_OPERATIONS = [
  'get-order',
  'list-orders',
  'set-inventory',
  'create-fulfillment',
] as const;
