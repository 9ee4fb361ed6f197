/**
 * Order intake from `hub.inbound-events.v1`: web-store orders (commerce webhooks) and customer 850s become order
 * workflows (or attach to the existing one by business key); cancellations and 860 changes are signalled to the
 * order; WMS shipment confirmations and 3PL 945 shipping advices (third-party-shipments.ts) go to the order whose
 * release shipped; return receipts go to their return (return-intake.ts); supplier acknowledgements, inbound ASNs,
 * AP invoices and purchase-order receipts go to their PO (purchase-intake.ts). Redeliveries are harmless: a capture
 * of a known order attaches, and a shipment already handled is recognised by its id.
 */
import type { Message } from 'node-rdkafka';
import type {
  GoodsReceipt,
  SalesOrder,
  SalesOrderChange,
  Shipment,
} from '../canonical-model/generated/index';
import type { HubLogger } from '../monitoring/logger';
import { isHubError } from '../platform/errors';
import { CORRELATION_HEADER, headerValue } from '../platform/kafka';
import { orderBusinessKey, orderWorkflowId } from '../platform/orders/business-key';
import type { OrderWorkflows } from '../platform/orders/order-workflows';
import type { OrderPolicy } from '../platform/orders/policy';
import type { OrderView } from '../workflows/order-to-cash/types';
import { PURCHASE_DOCUMENT_EVENTS } from './purchase-intake';
import type { PurchaseDocumentEvent } from './purchase-intake';
import type { TransferDocumentEvent } from './transfer-intake';
import { asReleaseShipment, releaseIdOfShippingAdvice } from './third-party-shipments';
import type { ShippingOrderLookup } from './third-party-shipments';

/** What the intake needs. */
export interface OrderIntakeDeps {
  orders: OrderWorkflows;
  policies: { get(legalEntityId: string): Promise<OrderPolicy> };
  orderStore: { get(orderId: string): Promise<OrderView | undefined> };
  /** True when the connector is registered in this hub (events of other hubs on a shared broker are skipped). */
  knowsConnector(connectorId: string): Promise<boolean>;
  /** The 940s sent to 3PLs, to find the release a 945 answers; without it the 945's order number is the release id. */
  shippingOrders?: ShippingOrderLookup;
  /** Where completed goods receipts other than purchase-order ones go (return-intake.ts signals the returns). */
  goodsReceipts?: (receipt: GoodsReceipt) => Promise<void>;
  /**
   * Documents about our purchase orders (purchase-intake.ts): offered every event it may take, before the order
   * cases; true when it took the event. A `data` HubError it throws is logged and the event kept for replay.
   */
  purchaseDocuments?: (event: PurchaseDocumentEvent) => Promise<boolean>;
  /** Shipments and receipts of the hub's transfer orders (transfer-intake.ts), offered first; true when taken. */
  transferDocuments?: (event: TransferDocumentEvent) => Promise<boolean>;
  logger: HubLogger;
}

interface InboundMessage {
  event?: string;
  connectorId?: string;
  partnerId?: string;
  inboundEventId?: string;
  ediInterchangeId?: string;
  document?: { documentType?: string; id?: string };
}

/** The order id a release id (`<order id>.r<n>`) belongs to. */
export function orderIdOfRelease(releaseId: string): string {
  return releaseId.replace(/\.r\d+$/, '');
}

/** The intake's message handler. */
export function handleOrderEvents(deps: OrderIntakeDeps) {
  const handle = route(deps);
  return async (message: Message): Promise<void> => {
    try {
      await handle(message);
    } catch (err) {
      // An event for an order the hub does not run (or no longer runs) cannot be applied; the inbound event stays
      // stored (webhook inbox or EDI set) and can be replayed once the order exists. Anything else is retried.
      if (!isHubError(err) || err.kind !== 'data') throw err;
      deps.logger.warn(
        { err, topic: message.topic, offset: message.offset },
        'order event not applied; kept in the inbound store for replay',
      );
    }
  };
}

function route(deps: OrderIntakeDeps) {
  return async (message: Message): Promise<void> => {
    const event = JSON.parse(message.value?.toString('utf8') ?? 'null') as InboundMessage | null;
    const doc = event?.document;
    if (!event?.event || !doc) return;
    const reference = event.inboundEventId ?? event.ediInterchangeId;
    const correlationId =
      headerValue(message, CORRELATION_HEADER) ?? `${message.topic}/${message.partition}/${message.offset}`;
    const via = event.ediInterchangeId ? ('edi' as const) : ('webhook' as const);
    if (
      deps.transferDocuments &&
      (await deps.transferDocuments({
        event: event.event,
        ...(event.connectorId ? { connectorId: event.connectorId } : {}),
        document: doc,
      }))
    )
      return;
    if (deps.purchaseDocuments && PURCHASE_DOCUMENT_EVENTS.has(event.event)) {
      // Another hub's connector on a shared broker: not this hub's PO, nothing to keep here.
      if (!event.connectorId || !(await deps.knowsConnector(event.connectorId))) {
        deps.logger.info(
          { connectorId: event.connectorId, event: event.event, documentId: doc.id },
          'purchase document from a connector this hub does not have; skipped',
        );
        return;
      }
      const taken = await deps.purchaseDocuments({
        event: event.event,
        ...(event.connectorId ? { connectorId: event.connectorId } : {}),
        ...(event.partnerId ? { partnerId: event.partnerId } : {}),
        document: doc,
        ...(reference ? { reference } : {}),
      });
      if (taken) return;
    }
    switch (event.event) {
      case 'sales-order.created':
      case 'sales-order.received': {
        const order = doc as SalesOrder;
        if (!event.connectorId || !(await deps.knowsConnector(event.connectorId))) {
          deps.logger.info(
            { connectorId: event.connectorId, orderId: order.id },
            'order from a connector this hub does not have; skipped',
          );
          return;
        }
        const businessKey = orderBusinessKey(order);
        const result = await deps.orders.capture({
          order,
          businessKey,
          capture: {
            via,
            ...(event.connectorId ? { connectorId: event.connectorId } : {}),
            ...(event.partnerId ? { partnerId: event.partnerId } : {}),
            ...(reference ? { reference } : {}),
            receivedAt: new Date().toISOString(),
          },
          policy: await deps.policies.get(order.legalEntityId),
          correlationId,
        });
        deps.logger.info(
          { businessKey, outcome: result.outcome, workflowId: result.workflowId },
          'order captured',
        );
        return;
      }
      case 'sales-order.cancelled': {
        const order = doc as SalesOrder;
        await deps.orders.requestCancel(orderWorkflowId(orderBusinessKey(order)), {
          by: event.connectorId ?? 'channel',
          reason: 'cancelled in the channel',
          ...(reference ? { reference } : {}),
        });
        return;
      }
      case 'sales-order-change.received': {
        const change = doc as SalesOrderChange;
        const workflowId = orderWorkflowId(
          orderBusinessKey({
            channel: 'edi',
            customerId: change.customerId,
            customerPoNumber: change.customerPoNumber,
            orderNumber: change.customerPoNumber,
          }),
        );
        const by = event.partnerId ?? 'edi';
        if (change.purpose === 'cancel') {
          await deps.orders.requestCancel(workflowId, {
            by,
            reason: `EDI 860 ${change.changeSequence ?? ''}`.trim(),
            ...(reference ? { reference } : {}),
          });
          return;
        }
        await deps.orders.requestChange(workflowId, {
          by,
          reason: `EDI 860 ${change.changeSequence ?? ''}`.trim(),
          ...(reference ? { reference } : {}),
          lines: change.lines
            .filter((l) => l.change === 'delete' || l.quantity)
            .map((l) => ({
              lineNumber: l.lineNumber,
              quantity: l.change === 'delete' ? '0' : (l.quantity?.value ?? '0'),
            })),
        });
        return;
      }
      case 'shipment.confirmed': {
        const shipment = doc as Shipment;
        await confirmReleaseShipment(deps, shipment.salesOrderId, shipment, event, reference);
        return;
      }
      // A 945 shipping advice from a 3PL (the only EDI set that maps to a shipment).
      case 'shipment.received': {
        if (!event.ediInterchangeId) return;
        const shipment = doc as Shipment;
        const releaseId = await releaseIdOfShippingAdvice(deps.shippingOrders, event.partnerId, shipment);
        await confirmReleaseShipment(deps, releaseId, shipment, event, reference);
        return;
      }
      // Purchase-order receipts are the purchase intake's (above); returns and the rest go to goodsReceipts.
      case 'goods-receipt.completed':
        if (doc.documentType === 'goods-receipt' && (doc as GoodsReceipt).type !== 'purchase-order') {
          await deps.goodsReceipts?.(doc as GoodsReceipt);
        }
        return;
      default:
        return;
    }
  };
}

/** Signals a shipment of release `releaseId` to its order (a 945's shipment is first made one of the release). */
async function confirmReleaseShipment(
  deps: OrderIntakeDeps,
  releaseId: string,
  received: Shipment,
  event: InboundMessage,
  reference: string | undefined,
): Promise<void> {
  const view = await deps.orderStore.get(orderIdOfRelease(releaseId));
  if (!view) {
    deps.logger.info(
      { shipmentId: received.id, salesOrderId: received.salesOrderId, releaseId },
      'shipment of an order the hub does not run; skipped',
    );
    return;
  }
  const shipment = event.ediInterchangeId
    ? asReleaseShipment(
        received,
        releaseId,
        view.releases.find((r) => r.releaseId === releaseId),
      )
    : received;
  await deps.orders.confirmShipment(view.workflowId, {
    shipment,
    connectorId: event.connectorId ?? 'unknown',
    ...(reference ? { reference } : {}),
  });
}
