/** The supplier-portal port: publish POs; acknowledgements, ASNs and invoices come back by poll or webhook. */
import type {
  AdvanceShipNotice,
  Invoice,
  PurchaseOrder,
  PurchaseOrderAck,
} from '../../../canonical-model/generated/index';
import type { WebhookEnvelope } from '../webhooks';
import type { CanonicalEvent, ListOptions, Page, WriteContext, WriteResult } from './common';

/** Operations every supplier-portal connector implements; its contract suite proves them. */
export interface SupplierPortalPort {
  /** Publishes a PO to the supplier (idempotent by the PO's id). */
  publishPurchaseOrder(order: PurchaseOrder, context: WriteContext): Promise<WriteResult>;
  /** Acknowledgements (accept / reject / change quantity, price or date per line) since a cursor. */
  listAcknowledgements(options?: ListOptions): Promise<Page<PurchaseOrderAck>>;
  listAdvanceShipNotices(options?: ListOptions): Promise<Page<AdvanceShipNotice>>;
  listInvoices(options?: ListOptions): Promise<Page<Invoice>>;
  /** The same documents pushed by webhook, as canonical events. */
  mapWebhook(envelope: WebhookEnvelope): CanonicalEvent[];
}

/** Every SupplierPortalPort operation in manifest form (webhook mapping is a method, not a declared operation). */
export const SUPPLIER_PORTAL_OPERATIONS = [
  'publish-purchase-order',
  'list-acknowledgements',
  'list-advance-ship-notices',
  'list-invoices',
] as const;
