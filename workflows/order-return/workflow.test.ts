import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { createReturnWorld, returnInput, returnReceipt } from '../../test/support/return-world';
import type { ReturnWorld } from '../../test/support/return-world';
import { ORDER_RETURN_WORKFLOW, returnReceivedSignal, returnStatusQuery } from './messages';
import type { ReturnInput, ReturnView } from './types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEST_SERVER = path.join(
  process.env.HUB_CACHE_DIR ?? path.join(ROOT, '.cache'),
  'tools/py/bin/temporal-test-server',
);

let env: TestWorkflowEnvironment;
let world: ReturnWorld = createReturnWorld();
let running: Promise<void>;
let worker: Worker;
const taskQueue = `return-test-${Date.now()}`;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
  const names = Object.keys(createReturnWorld().activities);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../index.ts', import.meta.url)),
    activities: Object.fromEntries(
      names.map((name) => [
        name,
        (...args: never[]) => (world.activities[name] as (...a: never[]) => Promise<unknown>)(...args),
      ]),
    ),
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const started: WorkflowHandle[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.terminate('test over').catch(() => undefined);
});

async function start(input: ReturnInput): Promise<WorkflowHandle> {
  world = createReturnWorld();
  const handle = await env.client.workflow.start(ORDER_RETURN_WORKFLOW, {
    workflowId: `order-return/${input.returnId}`,
    taskQueue,
    args: [input],
  });
  started.push(handle);
  return handle;
}

/** Polls the live view until `done` holds (real time). */
async function waitFor(handle: WorkflowHandle, done: (v: ReturnView) => boolean): Promise<ReturnView> {
  const deadline = Date.now() + 20_000;
  let last: ReturnView | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(returnStatusQuery).catch(() => undefined);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`return never reached the state; last ${last?.status ?? 'none'}`);
}

describe('order return workflow', () => {
  it('expects the return at the WMS, then credits and restocks what came back good', async () => {
    const handle = await start(returnInput('so_ret.ra1', [{ quantity: '3' }]));
    const waiting = await waitFor(handle, (v) => v.status === 'awaiting-receipt');
    expect(waiting.expectedReturn).toMatchObject({ connectorId: 'con_wms', externalId: 'wms-so_ret.ra1' });
    await handle.signal(
      returnReceivedSignal,
      returnReceipt('so_ret.ra1', [
        [1, '2', 'good'],
        [1, '1', 'damaged'],
      ]),
    );
    const done = (await handle.result()) as ReturnView;
    expect(done.status).toBe('credited');
    // 2 good credited; the damaged unit of a no-longer-needed return is not.
    expect(done.lines[0]).toMatchObject({ received: '3', credited: '2', restocked: '2' });
    expect(done.creditTotal).toBe('20.00');
    expect([...world.memos.keys()]).toEqual(['so_ret.ra1.cm1']);
    expect(world.memos.get('so_ret.ra1.cm1')?.memo).toMatchObject({
      originalInvoiceId: 'so_ret.inv1',
      total: '20.00',
    });
    expect([...world.received.entries()]).toEqual([
      ['return/so_ret.ra1/1', { key: 'loc_dc_primary|WID-1001', quantity: '2' }],
    ]);
    expect(done.timeline.map((t) => t.step)).toEqual(
      expect.arrayContaining(['expected-return', 'credit', 'restock', 'credit-memo']),
    );
    expect(world.views.at(-1)?.status).toBe('credited');
  });

  it('closes with no credit when only damaged units come back for a reason not the seller’s fault', async () => {
    const handle = await start(returnInput('so_ret.ra2', [{ quantity: '1', reason: 'overstock' }]));
    await waitFor(handle, (v) => v.status === 'awaiting-receipt');
    await handle.signal(returnReceivedSignal, returnReceipt('so_ret.ra2', [[1, '1', 'damaged']]));
    const done = (await handle.result()) as ReturnView;
    expect(done.status).toBe('closed');
    expect(done.creditTotal).toBe('0.00');
    expect(world.memos.size).toBe(0);
    expect(world.received.size).toBe(0);
  });

  it('credits damaged units returned as defective', async () => {
    const handle = await start(returnInput('so_ret.ra3', [{ quantity: '1', reason: 'defective' }]));
    await waitFor(handle, (v) => v.status === 'awaiting-receipt');
    await handle.signal(returnReceivedSignal, returnReceipt('so_ret.ra3', [[1, '1', 'damaged']]));
    const done = (await handle.result()) as ReturnView;
    expect(done).toMatchObject({ status: 'credited', creditTotal: '10.00' });
    expect(world.received.size).toBe(0);
  });

  it('expires when nothing is received within the policy’s days', async () => {
    const handle = await start(returnInput('so_ret.ra4', [{ quantity: '1' }], 7));
    const done = (await handle.result()) as ReturnView;
    expect(done.status).toBe('expired');
    expect(done.timeline.at(-1)?.message).toMatch(/within 7 days/);
    expect(world.memos.size).toBe(0);
  });
});
