/**
 * Recorded transfer-order histories (recorded by activities/transfer-order/transfer-order.test.ts with HUB_RECORD_HISTORIES=1), replayed without a server against the current
 * workflow code: a change a recorded run cannot replay fails here, naming the file, before it breaks a transfer that
 * is on the road for days.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  Runtime,
  Worker,
  bundleWorkflowCode,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import type { WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { historyFromJson } from '../../test/support/history-json';
import type { History } from '../../test/support/history-json';
import { TRANSFER_ORDER_WORKFLOW } from './messages';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HISTORIES = path.join(HERE, 'histories');
const files = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string): History =>
  historyFromJson(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as unknown);

const logger = new DefaultLogger('ERROR');
Runtime.install({
  logger,
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});

let current: WorkflowBundle;
beforeAll(async () => {
  current = await bundleWorkflowCode({ workflowsPath: path.join(HERE, '../index.ts'), logger });
}, 120_000);

describe('transfer-order determinism: recorded histories replay against the current code', () => {
  it('has a closed, a short-closed, a cancelled and a rejected run of transferOrderWorkflow', () => {
    expect(files).toEqual(
      expect.arrayContaining(['cancelled.json', 'closed-short.json', 'closed.json', 'rejected.json']),
    );
    for (const file of files) {
      const type = load(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
      expect(type).toBe(TRANSFER_ORDER_WORKFLOW);
    }
  });

  it.each(files)('%s replays without a determinism error', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: current }, load(file), path.basename(file, '.json'));
  });
});
