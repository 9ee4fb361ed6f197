/**
 * A time-skipping Temporal test server (installed by stack/stack.sh) with one worker running the real order-to-cash
 * workflow over an in-memory world the test can swap per case. Holds, time-outs and escalations that take hours
 * run in milliseconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { orderStatusQuery } from '../../workflows/order-to-cash/messages';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { createOrderWorld } from './order-world';
import type { OrderWorld } from './order-world';
import { runWorldWorker, startTestServer, waitForQuery } from './time-skipping';

/** The running environment. */
export interface OrderWorkflowEnv {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** The world the worker's activities act on now. */
  use(world: OrderWorld): OrderWorld;
  stop(): Promise<void>;
}

/** Starts the test server and a worker whose activities act on the current world. */
export async function startOrderWorkflowEnv(): Promise<OrderWorkflowEnv> {
  const env = await startTestServer();
  let world = createOrderWorld();
  const worker = await runWorldWorker(env, 'o2c', Object.keys(world.activities), () => world);
  return {
    env,
    taskQueue: worker.taskQueue,
    use: (next) => (world = next),
    stop: () => worker.stop(),
  };
}

/** Polls the order's live view until `done` holds (real time; queries do not skip time). */
export function waitForView(
  handle: WorkflowHandle,
  done: (view: OrderView) => boolean,
  timeoutMs = 20_000,
): Promise<OrderView> {
  return waitForQuery(handle, orderStatusQuery, done, 'order', timeoutMs);
}
