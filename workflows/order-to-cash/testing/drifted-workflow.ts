/**
 * A deliberately drifted orderToCashWorkflow, used only by workflows/order-to-cash/replay.test.ts to prove the
 * replay test fails on an unguarded change: it validates the order before saving its first view (a harmless
 * looking reorder), so its first activity differs from every recorded history's. Never registered by a worker.
 */
import type { OrderToCashInput, OrderView } from '../types';
import { connectorCalls } from '../steps';
import { orderToCashWorkflow as current } from '../workflow';

/** The current workflow with an extra, unpatched validation call in front. */
export async function orderToCashWorkflow(input: OrderToCashInput): Promise<OrderView> {
  await connectorCalls.validateOrder({ order: input.order, policy: input.policy });
  return current(input);
}
