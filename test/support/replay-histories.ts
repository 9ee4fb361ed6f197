/**
 * The replay suite of a workflow's recorded histories (`<workflow folder>/histories/*.json`), run without a server
 * against the current workflow code: a change a recorded run cannot replay fails, naming the file, before it breaks
 * a run that has been waiting for days. Each suite also checks the histories it expects are there and are of its
 * workflow type, so a deleted or misfiled history cannot make it pass by replaying nothing.
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
import { historyFromJson } from './history-json';
import type { History } from './history-json';

/** Which histories to replay and what they must be. */
export interface HistoryReplaySuite {
  /** The suite's title. */
  title: string;
  /** `import.meta.url` of the test file, which sits in the workflow's folder beside `histories/`. */
  testFileUrl: string;
  workflowType: string;
  /** Files that must be among the histories. */
  expectedFiles: string[];
}

/** Declares the replay suite. */
export function describeHistoryReplay(suite: HistoryReplaySuite): void {
  const here = path.dirname(fileURLToPath(suite.testFileUrl));
  const histories = path.join(here, 'histories');
  const files = readdirSync(histories)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const load = (file: string): History =>
    historyFromJson(JSON.parse(readFileSync(path.join(histories, file), 'utf8')) as unknown);

  let current: WorkflowBundle;
  beforeAll(async () => {
    const logger = new DefaultLogger('ERROR');
    Runtime.install({
      logger,
      telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
    });
    current = await bundleWorkflowCode({ workflowsPath: path.join(here, '../index.ts'), logger });
  }, 120_000);

  describe(suite.title, () => {
    it(`has the expected runs of ${suite.workflowType}`, () => {
      expect(files).toEqual(expect.arrayContaining(suite.expectedFiles));
      for (const file of files) {
        const type = load(file).events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
        expect(type).toBe(suite.workflowType);
      }
    });

    it.each(files)('%s replays without a determinism error', async (file) => {
      await Worker.runReplayHistory({ workflowBundle: current }, load(file), path.basename(file, '.json'));
    });
  });
}
