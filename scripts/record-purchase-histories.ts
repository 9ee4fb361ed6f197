/**
 * Records the procure-to-receive histories that workflows/procure-to-receive/replay.test.ts replays: runs every
 * scenario of test/support/purchase-scenarios.ts (or only those named) on the time-skipping Temporal test server,
 * with the real workflow code and the in-memory purchasing world, checks each ended as intended, and writes its
 * history as proto3 JSON to workflows/procure-to-receive/histories/<scenario>.json, plus that folder's README.md.
 *
 *   npx tsx scripts/record-purchase-histories.ts [--overwrite] [--keep-inputs] [scenario ...]
 *
 * A scenario whose file exists is kept (only new scenarios are recorded) unless `--overwrite` is given. Every
 * scenario uses fixed workflow ids, PO numbers and documents, so recording again gives the same commands (only
 * times, run ids and the task queue name differ). Activity inputs are left out of the files unless `--keep-inputs`
 * is given: replay never reads them (it matches each scheduled activity by type and id, and feeds the workflow the
 * recorded results), and they were most of every file, mostly the PO view saved after each step.
 *
 * Needs the test server binary (`bash stack/stack.sh install`), no running stack. Re-record only for a new
 * scenario or a workflow shape never deployed: a history of a deployed shape is the point of the replay test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { writeFormatted, withoutActivityInputs } from '../test/support/history-files';
import { historyToJson } from '../test/support/history-json';
import { PURCHASE_SCENARIOS, scenarioWorld } from '../test/support/purchase-scenarios';
import type { PurchaseScenario } from '../test/support/purchase-scenarios';
import { startPurchaseWorkflowEnv } from '../test/support/purchase-workflow-env';
import type { PurchaseWorkflowEnv } from '../test/support/purchase-workflow-env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HISTORIES = path.join(ROOT, 'workflows/procure-to-receive/histories');
const COMMAND = 'npx tsx scripts/record-purchase-histories.ts';

const historyFile = (scenario: PurchaseScenario) => path.join(HISTORIES, `${scenario.name}.json`);
const say = (line: string) => console.log(`[record-purchase-histories] ${line}`);

/** Runs one scenario to its end and returns its history as JSON. */
async function record(
  t: PurchaseWorkflowEnv,
  scenario: PurchaseScenario,
  keepInputs: boolean,
): Promise<string> {
  const ctx = { env: t.env, taskQueue: t.taskQueue, world: t.use(scenarioWorld(scenario.name)) };
  const handle = await scenario.start(ctx);
  try {
    const wrong = await scenario.finish(ctx, handle);
    if (wrong) throw new Error(wrong);
  } catch (e) {
    await handle.terminate('recording failed').catch(() => undefined);
    throw e;
  }
  const history = await handle.fetchHistory();
  return historyToJson(keepInputs ? history : withoutActivityInputs(history));
}

/** The histories folder's README: how the files were made and when (not) to make them again. */
function readme(): string {
  const rows = PURCHASE_SCENARIOS.map((s) => `| \`${s.name}.json\` | \`${s.workflowType}\` | ${s.summary} |`);
  return `# Recorded procure-to-receive histories

<!-- Written by scripts/record-purchase-histories.ts; edit the script, not this file. -->

Histories of real \`procureToReceiveWorkflow\` and \`replenishmentWorkflow\` runs (time-skipping test server, the
real workflow code, the in-memory world of \`test/support/purchase-world.ts\`), replayed against the current
workflow code by \`workflows/procure-to-receive/replay.test.ts\` with \`Worker.runReplayHistory\`. A change the
recorded runs cannot replay — a step added, removed or reordered, another activity, timer, child workflow or update
handling — fails that test, naming the file, before it can break a PO that is waiting for a supplier for weeks.

| File | Workflow | What the run went through |
| ---- | -------- | ------------------------- |
${rows.join('\n')}

\`drifted-workflow.ts\` is a deliberately drifted \`procureToReceiveWorkflow\` (an unpatched extra activity in front)
that the replay test bundles to prove it fails on such a change; no worker registers it.

They were produced by

\`\`\`bash
${COMMAND}                           # scenarios without a file yet (test/support/purchase-scenarios.ts)
${COMMAND} --overwrite              # every scenario again
${COMMAND} --overwrite short-close  # only the scenarios named
\`\`\`

which needs the test server binary (\`bash stack/stack.sh install\`), not the stack. Each scenario checks the run
ended as it means to (closed, short-closed, cancelled, one PO for the coalesced signals…) before its file is
written. Ids, PO numbers and documents are fixed, so a re-recording gives the same commands (where signals land
between workflow tasks can differ, and with it the number of events). The inputs of scheduled activities are left out (replay matches activities
by type and id and never reads their inputs); \`--keep-inputs\` records them too.

**When to record again:** for a new scenario, or for a workflow shape that was never deployed. **Never** re-record
a history to make the replay test pass after changing a shape that has run in production: POs of that shape are
still running. Guard the change with \`patched()\` instead (and later \`deprecatePatch()\`), and keep the old file.
A history exported from production (\`temporal workflow show --output json\`, or the UI's download) can be dropped
in here as well (named after its workflow id); the replay test replays every \`.json\` file in this folder.
`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const keepInputs = args.includes('--keep-inputs');
  const overwrite = args.includes('--overwrite');
  const badFlags = args.filter((a) => a.startsWith('--') && a !== '--overwrite' && a !== '--keep-inputs');
  if (badFlags.length) throw new Error(`unknown option(s): ${badFlags.join(', ')}`);
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((name) => !PURCHASE_SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const scenarios = wanted.length
    ? PURCHASE_SCENARIOS.filter((s) => wanted.includes(s.name))
    : PURCHASE_SCENARIOS;

  // The core warns that the test server is too old to keep heartbeat details (no activity here heartbeats).
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  mkdirSync(HISTORIES, { recursive: true });
  const t = await startPurchaseWorkflowEnv();
  const failed: string[] = [];
  try {
    for (const scenario of scenarios) {
      if (!overwrite && existsSync(historyFile(scenario))) {
        say(`${scenario.name}: kept (the file exists; --overwrite records it again)`);
        continue;
      }
      const started = Date.now();
      try {
        const json = await record(t, scenario, keepInputs);
        const file = historyFile(scenario);
        await writeFormatted(file, JSON.stringify(JSON.parse(json)), 'json');
        const events = (JSON.parse(json) as { events: unknown[] }).events.length;
        say(
          `${scenario.name}: ${events} events in ${Date.now() - started} ms → ${path.relative(ROOT, file)}`,
        );
      } catch (e) {
        failed.push(scenario.name);
        say(`${scenario.name}: NOT recorded: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } finally {
    await t.stop();
  }
  await writeFormatted(path.join(HISTORIES, 'README.md'), readme(), 'markdown');
  if (failed.length) throw new Error(`not recorded: ${failed.join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
