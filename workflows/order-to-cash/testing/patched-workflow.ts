/**
 * The change of drifted-workflow.ts done right: the extra validation call is guarded by `patched()`, so recorded
 * histories (which lack the patch marker) replay without it while new runs get it. Used only by
 * workflows/order-to-cash/replay.test.ts; never registered by a worker.
 */
import { patched } from '@temporalio/workflow';
import type { OrderToCashInput, OrderView } from '../types';
import { connectorCalls } from '../steps';
import { orderToCashWorkflow as current } from '../workflow';

/** The current workflow with the same extra validation call, behind a patch. */
export async function orderToCashWorkflow(input: OrderToCashInput): Promise<OrderView> {
  if (patched('o2c-validate-before-first-save'))
    await connectorCalls.validateOrder({ order: input.order, policy: input.policy });
  return current(input);
}
