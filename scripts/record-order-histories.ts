/**
 * Records the order-to-cash histories that workflows/order-to-cash/replay.test.ts replays: runs every scenario of
 * test/support/order-scenarios.ts (or only those named) on the time-skipping Temporal test server, with the real
 * workflow code and the in-memory world, checks each ended as intended, and writes its history as proto3 JSON to
 * workflows/order-to-cash/histories/<scenario>.json, plus that folder's README.md.
 *
 *   npx tsx scripts/record-order-histories.ts [--overwrite] [--keep-inputs] [scenario ...]
 *
 * A scenario whose file exists is kept (only new scenarios are recorded) unless `--overwrite` is given.
 * Activity inputs are left out of the files unless `--keep-inputs` is given: replay never reads them (it matches
 * each scheduled activity by type and id, and feeds the workflow the recorded results), and they were about half
 * of every file, mostly the order view saved after each step.
 *
 * Needs the test server binary (`bash stack/stack.sh install`), no running stack. Re-record only for a new
 * scenario or a workflow shape never deployed: a history of a deployed shape is the point of the replay test.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ORDER_TO_CASH_WORKFLOW } from '../workflows/order-to-cash/messages';
import { writeFormatted, withoutActivityInputs } from '../test/support/history-files';
import { historyToJson } from '../test/support/history-json';
import { ORDER_SCENARIOS, scenarioOrder, scenarioWorkflowId } from '../test/support/order-scenarios';
import type { OrderScenario } from '../test/support/order-scenarios';
import { startOrderWorkflowEnv } from '../test/support/order-workflow-env';
import type { OrderWorkflowEnv } from '../test/support/order-workflow-env';
import { orderInput } from '../test/support/order-world';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HISTORIES = path.join(ROOT, 'workflows/order-to-cash/histories');
const COMMAND = 'npx tsx scripts/record-order-histories.ts';

const historyFile = (scenario: OrderScenario) => path.join(HISTORIES, `${scenario.name}.json`);
const say = (line: string) => console.log(`[record-order-histories] ${line}`);

/** Runs one scenario to its end and returns its history as JSON. */
async function record(t: OrderWorkflowEnv, scenario: OrderScenario, keepInputs: boolean): Promise<string> {
  const order = scenarioOrder(scenario);
  const world = t.use(scenario.world(order));
  const handle = await t.env.client.workflow.start(ORDER_TO_CASH_WORKFLOW, {
    workflowId: scenarioWorkflowId(scenario.name),
    taskQueue: t.taskQueue,
    args: [orderInput(order, scenario.policy(), scenario.via)],
  });
  try {
    const view = await scenario.drive({ handle, env: t.env, world, order });
    const wrong = scenario.check(view, world);
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
  const rows = ORDER_SCENARIOS.map((s) => `| \`${s.name}.json\` | ${s.summary} |`);
  return `# Recorded order-to-cash histories

<!-- Written by scripts/record-order-histories.ts; edit the script, not this file. -->

Histories of real \`orderToCashWorkflow\` runs (time-skipping test server, the real workflow code, the in-memory
world of \`test/support/order-world.ts\`), replayed against the current workflow code by
\`workflows/order-to-cash/replay.test.ts\` with \`Worker.runReplayHistory\`. A change the recorded runs cannot
replay — a step added, removed or reordered, another activity, timer or update handling — fails that test, naming
the file, before it can break an order that is running for days or weeks.

| File | What the run went through |
| ---- | ------------------------- |
${rows.join('\n')}

They were produced by

\`\`\`bash
${COMMAND}                         # scenarios without a file yet (test/support/order-scenarios.ts)
${COMMAND} --overwrite            # every scenario again
${COMMAND} --overwrite short-pick # only the scenarios named
\`\`\`

which needs the test server binary (\`bash stack/stack.sh install\`), not the stack. The inputs of scheduled
activities are left out (replay matches activities by type and id and never reads their inputs; they were half of
every file); \`--keep-inputs\` records them too.

**When to record again:** for a new scenario, or for a workflow shape that was never deployed. **Never** re-record
a history to make the replay test pass after changing a shape that has run in production: orders of that shape
are still running. Guard the change with \`patched()\` instead (and later \`deprecatePatch()\`; see
\`workflows/order-to-cash/ARCHITECTURE.md\`), and keep the old file. A history exported from production
(\`temporal workflow show --output json\`, or the UI's download) can be dropped in here as well; the replay test
replays every \`.json\` file in this folder.
`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const keepInputs = args.includes('--keep-inputs');
  const overwrite = args.includes('--overwrite');
  const badFlags = args.filter((a) => a.startsWith('--') && a !== '--overwrite' && a !== '--keep-inputs');
  if (badFlags.length) throw new Error(`unknown option(s): ${badFlags.join(', ')}`);
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((name) => !ORDER_SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  const scenarios = wanted.length ? ORDER_SCENARIOS.filter((s) => wanted.includes(s.name)) : ORDER_SCENARIOS;

  Runtime.install({ logger: new DefaultLogger('ERROR') });
  mkdirSync(HISTORIES, { recursive: true });
  const t = await startOrderWorkflowEnv();
  const failed: string[] = [];
  try {
    for (const scenario of scenarios) {
      if (!overwrite && existsSync(historyFile(scenario))) {
        say(`${scenario.name}: kept (the file exists; --overwrite records it again)`);
        continue;
      }
      try {
        const json = await record(t, scenario, keepInputs);
        const file = historyFile(scenario);
        await writeFormatted(file, JSON.stringify(JSON.parse(json)), 'json');
        say(
          `${scenario.name}: ${(JSON.parse(json) as { events: unknown[] }).events.length} events → ${path.relative(ROOT, file)}`,
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
