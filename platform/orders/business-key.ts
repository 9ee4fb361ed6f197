/**
 * An order's business key and the id of its workflow. The key is what people and trading partners call the order:
 * the channel, the customer and the customer's PO number (else the channel's order number). Every arrival of the
 * same order — a webhook retried, an 850 resent, the same order posted to the API — has the same key, so it lands
 * in the same workflow instead of starting a second one.
 */
import type { SalesOrder } from '../../canonical-model/generated/index';

/** The business key of an order: `channel:customerId:customerPoNumber|orderNumber`. */
export function orderBusinessKey(
  order: Pick<SalesOrder, 'channel' | 'customerId' | 'customerPoNumber' | 'orderNumber'>,
): string {
  return `${order.channel ?? 'other'}:${order.customerId}:${order.customerPoNumber ?? order.orderNumber}`;
}

/** The Temporal workflow id of the order with this business key. */
export function orderWorkflowId(businessKey: string): string {
  return `order-to-cash/${businessKey}`;
}
