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
import type { History } from '../../test/support/history-json';
import { PURCHASE_SCENARIOS } from '../../test/support/purchase-scenarios';
import { PROCURE_TO_RECEIVE_WORKFLOW } from './messages';

// Recorded procure-to-receive and replenishment histories (see histories/README.md), replayed without a server: a
// change to the workflow code that a recorded run cannot replay fails here, naming the file, before it can break a
// running PO.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const HISTORIES = path.join(HERE, 'histories');
const files = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();

const nameOf = (file: string) => path.basename(file, '.json');
/** The id the run had (scenarios), or the file's name (a history exported from elsewhere). */
const workflowIdOf = (file: string) =>
  PURCHASE_SCENARIOS.find((s) => s.name === nameOf(file))?.workflowId ?? nameOf(file);
const histories = new Map<string, History>(
  files.map((file) => [
    file,
    historyFromJson(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as unknown),
  ]),
);
const load = (file: string) => histories.get(file) as History;
const workflowTypeOf = (file: string) =>
  load(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
const poFiles = files.filter((f) => workflowTypeOf(f) === PROCURE_TO_RECEIVE_WORKFLOW);

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
  const all = files.map((file) => ({ workflowId: workflowIdOf(file), history: load(file) }));
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, all)) results.push(result);
  return results;
}

let current: WorkflowBundle;
beforeAll(async () => {
  current = await bundle(path.join(HERE, '../index.ts'));
}, 120_000);

describe('procure-to-receive determinism: recorded histories replay against the current workflow code', () => {
  it('has a recorded history for every scenario of test/support/purchase-scenarios.ts', () => {
    expect(files).toEqual(expect.arrayContaining(PURCHASE_SCENARIOS.map((s) => `${s.name}.json`)));
    expect(poFiles.length).toBeGreaterThanOrEqual(8);
    expect(files.map(workflowTypeOf)).toContain('replenishmentWorkflow');
  });

  it.each(files)('%s replays without a determinism error', async (file) => {
    try {
      await Worker.runReplayHistory({ workflowBundle: current }, load(file), workflowIdOf(file));
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      throw new Error(
        `histories/${file} no longer replays (${error.name}): ${error.message}\n` +
          'A change to a deployed workflow shape needs patched(); do not re-record.',
        { cause: e },
      );
    }
  });

  it('fails every PO history when an activity is added in front without a patch', async () => {
    const drifted = await bundle(path.join(HISTORIES, 'drifted-workflow.ts'));
    const results = await replayAll(drifted);
    expect(results).toHaveLength(files.length);
    for (const [i, r] of results.entries()) {
      const file = files[i] as string;
      if (!poFiles.includes(file)) {
        // The replenishment workflow is unchanged in the drifted bundle: its history still replays.
        expect(r.error?.message, file).toBeUndefined();
        continue;
      }
      expect(r.error?.name, file).toBe('DeterminismViolationError');
      expect(r.error?.message, file).toMatch(/Nondeterminism error: .*'readStockPosition'/);
    }
  }, 120_000);
});
