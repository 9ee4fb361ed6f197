import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DefaultLogger,
  Runtime,
  Worker,
  bundleWorkflowCode,
  makeTelemetryFilterString,
} from '@temporalio/worker';
import type { ReplayResult, WorkflowBundle } from '@temporalio/worker';
import { historyFromJson } from '../../test/support/history-json';
import { ORDER_SCENARIOS, scenarioWorkflowId } from '../../test/support/order-scenarios';

// Recorded order-to-cash histories (see histories/README.md), replayed without a server: a change to the workflow
// code that a recorded run cannot replay fails here, naming the file, before it can break a running order.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const HISTORIES = path.join(HERE, 'histories');
const files = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();

const nameOf = (file: string) => path.basename(file, '.json');
/** The id the run had (scenarios), or the file's name (a history exported from elsewhere). */
const workflowIdOf = (file: string) =>
  ORDER_SCENARIOS.some((s) => s.name === nameOf(file)) ? scenarioWorkflowId(nameOf(file)) : nameOf(file);
const load = (file: string) =>
  historyFromJson(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as unknown);

// The replay worker logs every history it replays, and the core every determinism error the drift test provokes
// on purpose; keep the output to real problems.
const logger = new DefaultLogger('ERROR');
Runtime.install({
  logger,
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});

const bundle = (workflowsPath: string) => bundleWorkflowCode({ workflowsPath, logger });

/** Replays every recorded history against a bundle; one result per file, in file order. */
async function replayAll(workflowBundle: WorkflowBundle): Promise<ReplayResult[]> {
  const histories = files.map((file) => ({ workflowId: workflowIdOf(file), history: load(file) }));
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) results.push(result);
  return results;
}

let current: WorkflowBundle;
beforeAll(async () => {
  current = await bundle(path.join(HERE, '../index.ts'));
}, 120_000);

describe('order-to-cash determinism: recorded histories replay against the current workflow code', () => {
  it('has a recorded history for every scenario of test/support/order-scenarios.ts', () => {
    expect(files).toEqual(expect.arrayContaining(ORDER_SCENARIOS.map((s) => `${s.name}.json`)));
  });

  it.each(files)('%s replays without a determinism error', async (file) => {
    try {
      await Worker.runReplayHistory({ workflowBundle: current }, load(file), workflowIdOf(file));
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      throw new Error(
        `histories/${file} no longer replays (${error.name}): ${error.message}\n` +
          'A change to a deployed workflow shape needs patched() (see ARCHITECTURE.md); do not re-record.',
        { cause: e },
      );
    }
  });

  it('fails every history when the first activity changes without a patch', async () => {
    const drifted = await bundle(path.join(HERE, 'testing/drifted-workflow.ts'));
    const results = await replayAll(drifted);
    expect(results).toHaveLength(files.length);
    for (const [i, r] of results.entries()) {
      expect(r.error?.name, files[i]).toBe('DeterminismViolationError');
      expect(r.error?.message, files[i]).toMatch(/Nondeterminism error: .*'validateOrder'/);
    }
  }, 120_000);

  it('replays every history when the same change is guarded by patched()', async () => {
    const guarded = await bundle(path.join(HERE, 'testing/patched-workflow.ts'));
    const results = await replayAll(guarded);
    expect(results.map((r, i) => [files[i], r.error?.message])).toEqual(files.map((f) => [f, undefined]));
  }, 120_000);
});
