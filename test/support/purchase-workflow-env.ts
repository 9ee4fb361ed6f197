/**
 * A time-skipping Temporal test server (installed by stack/stack.sh) with one worker running the real
 * replenishment and PO workflows over an in-memory purchasing world the test can swap per case. Approval and
 * acknowledgement time-outs that take days run in milliseconds.
 */
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { purchaseOrderStatusQuery } from '../../workflows/procure-to-receive/messages';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { createPurchaseWorld } from './purchase-world';
import type { PurchaseWorld } from './purchase-world';
import { runWorldWorker, startTestServer, waitForQuery } from './time-skipping';

/** The running environment (workflow ids a test starts should contain its world's prefix). */
export interface PurchaseWorkflowEnv {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** The world the worker's activities act on now. */
  use(world: PurchaseWorld): PurchaseWorld;
  stop(): Promise<void>;
}

/** Starts the test server and a worker whose activities act on the current world. */
export async function startPurchaseWorkflowEnv(): Promise<PurchaseWorkflowEnv> {
  const env = await startTestServer();
  // PO workflows are started with the hub's search attributes, which the server must know (stack.sh registers
  // them on the dev server); the test server hangs a child start that names unknown ones.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(SEARCH_ATTRIBUTES).map((k) => [
        k.name,
        proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
  let world = createPurchaseWorld();
  const worlds: PurchaseWorld[] = [world];
  // PO workflows outlive the test that started them (children are abandoned, and the test server must not be
  // asked to terminate a child whose parent has closed: time skipping then stops for good). A late timer of an
  // earlier test's workflow therefore acts on that test's world, never on the current one.
  const worldOf = (): PurchaseWorld => {
    const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
    return worlds.find((w) => workflowId.includes(w.prefix)) ?? world;
  };
  const worker = await runWorldWorker(env, 'p2r', Object.keys(world.activities), worldOf);
  return {
    env,
    taskQueue: worker.taskQueue,
    use: (next) => {
      worlds.push(next);
      return (world = next);
    },
    stop: () => worker.stop(),
  };
}

/** Polls the PO's live view until `done` holds (real time; queries do not skip time). */
export function waitForPo(
  handle: WorkflowHandle,
  done: (view: PurchaseOrderView) => boolean,
  timeoutMs = 20_000,
): Promise<PurchaseOrderView> {
  return waitForQuery(handle, purchaseOrderStatusQuery, done, 'purchase order', timeoutMs);
}
