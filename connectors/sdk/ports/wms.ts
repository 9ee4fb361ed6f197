/** The WMS port: release and cancel shipping orders, expect receipts and returns, read stock; events by webhook. */
import type {
  AdvanceShipNotice,
  InventoryPosition,
  Return,
  SalesOrder,
} from '../../../canonical-model/generated/index';
import type { WebhookEnvelope } from '../webhooks';
import type { CanonicalEvent, ListOptions, Page, WriteContext, WriteResult } from './common';

/** Operations every WMS connector implements; the WMS contract suite proves them against a simulator. */
export interface WmsPort {
  /** Releases a sales order to the warehouse for picking (idempotent by the order's id). */
  releaseShippingOrder(order: SalesOrder, context: WriteContext): Promise<WriteResult>;
  /** Cancels a released order; `cancelled: false` with a reason when the warehouse has already shipped it. */
  cancelShippingOrder(
    externalId: string,
    reason: string,
    context: WriteContext,
  ): Promise<{ cancelled: boolean; reason?: string }>;
  /** Tells the warehouse what to expect from an inbound ASN (idempotent by the ASN's id). */
  createExpectedReceipt(asn: AdvanceShipNotice, context: WriteContext): Promise<WriteResult>;
  /** Tells the warehouse to expect a customer return (idempotent by the return's id). */
  createExpectedReturn(ret: Return, context: WriteContext): Promise<WriteResult>;
  /** Stock by SKU and location, paged. */
  getInventorySnapshot(
    filter: { sku?: string; locationExternalId?: string },
    options?: ListOptions,
  ): Promise<Page<InventoryPosition>>;
  /**
   * Webhooks in canonical terms: shipment confirmed (Shipment, short picks as shorted lines), receipt completed
   * (GoodsReceipt with variances), return received (GoodsReceipt of type `return` with `returnId` and a condition
   * per line), inventory changed and cycle count completed (InventoryMovement). A payload that does not map is a
   * `data` HubError naming the vendor field.
   */
  mapWebhook(envelope: WebhookEnvelope): CanonicalEvent[];
}

/** Every WmsPort operation in manifest form (webhook mapping is a method, not a declared operation). */
export const WMS_OPERATIONS = [
  'release-shipping-order',
  'cancel-shipping-order',
  'create-expected-receipt',
  'create-expected-return',
  'get-inventory-snapshot',
] as const;
