/**
 * A time-skipping Temporal test server (installed by stack/stack.sh) with one worker running the real order-to-cash
 * workflow over an in-memory world the test can swap per case. Holds, time-outs and escalations that take hours
 * run in milliseconds.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { orderStatusQuery } from '../../workflows/order-to-cash/messages';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { createOrderWorld } from './order-world';
import type { OrderWorld } from './order-world';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEST_SERVER = path.join(
  process.env.HUB_CACHE_DIR ?? path.join(ROOT, '.cache'),
  'tools/py/bin/temporal-test-server',
);

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
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
  let world = createOrderWorld();
  const names = Object.keys(world.activities);
  const activities = Object.fromEntries(
    names.map((name) => [
      name,
      (...args: never[]) => (world.activities[name] as (...a: never[]) => Promise<unknown>)(...args),
    ]),
  );
  const taskQueue = `o2c-test-${Date.now()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities,
  });
  const running = worker.run();
  return {
    env,
    taskQueue,
    use: (next) => (world = next),
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** Polls the order's live view until `done` holds (real time; queries do not skip time). */
export async function waitForView(
  handle: WorkflowHandle,
  done: (view: OrderView) => boolean,
  timeoutMs = 20_000,
): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  let last: OrderView | undefined;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(orderStatusQuery);
      if (done(last)) return last;
    } catch {
      // not started yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`order never reached the expected state; last status ${last?.status ?? 'none'}`);
}
