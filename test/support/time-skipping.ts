/**
 * What the flows' time-skipping workflow envs share: the Temporal test server (installed by stack/stack.sh), a
 * worker running the real workflows over activities the test routes to its in-memory world, and polling a
 * workflow's live view through its status query.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { QueryDefinition, WorkflowHandle } from '@temporalio/client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEST_SERVER = path.join(
  process.env.HUB_CACHE_DIR ?? path.join(ROOT, '.cache'),
  'tools/py/bin/temporal-test-server',
);

/** Starts the time-skipping test server. */
export function startTestServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
}

type Activity = (...args: never[]) => Promise<unknown>;

/**
 * Runs a worker of every hub workflow on a task queue of its own; each of `names` calls that activity of the world
 * `worldOf()` answers at call time (so a test can swap worlds). Answers the task queue and the stop.
 */
export async function runWorldWorker(
  env: TestWorkflowEnvironment,
  name: string,
  names: string[],
  worldOf: () => { activities: object },
): Promise<{ taskQueue: string; stop(): Promise<void> }> {
  const activities = Object.fromEntries(
    names.map((activity) => [
      activity,
      (...args: never[]) =>
        ((worldOf().activities as Record<string, Activity>)[activity] as Activity)(...args),
    ]),
  );
  const taskQueue = `${name}-test-${Date.now()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities,
  });
  const running = worker.run();
  return {
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** Polls the workflow's live view until `done` holds (real time; queries do not skip time). */
export async function waitForQuery<V extends { status: string }>(
  handle: WorkflowHandle,
  query: QueryDefinition<V>,
  done: (view: V) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<V> {
  const deadline = Date.now() + timeoutMs;
  let last: V | undefined;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(query);
      if (done(last)) return last;
    } catch {
      // not started yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never reached the expected state; last status ${last?.status ?? 'none'}`);
}
