import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import type { ReplayResult } from '@temporalio/worker';

// Recorded histories of real runs (see workflows/histories/README.md); no server is needed to replay them.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const HISTORIES = path.join(HERE, 'histories');
const fixtures = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();

/**
 * Reads a fixture (proto3 JSON, as Temporal's HTTP API, CLI and UI export it) into a History object.
 * TODO: remove and pass the JSON straight to runReplayHistories once protobufjs is deduplicated: today
 * @temporalio/common and @temporalio/proto each resolve their own copy, so historyFromJSON (which runReplayHistories
 * calls for JSON) rejects the History type with "type must be a Type". Resolving protojson from @temporalio/proto's
 * location uses the copy its types were built with, whatever the install layout.
 */
const requireFromProto = createRequire(createRequire(import.meta.url).resolve('@temporalio/proto'));
const { fromJson } = requireFromProto('protobufjs/ext/protojson') as {
  fromJson: (type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }) => unknown;
};
const { patchProtobufRoot } = requireFromProto('@temporalio/proto/lib/patch-protobuf-root') as {
  patchProtobufRoot: (root: unknown) => { lookupType(name: string): unknown };
};
const historyType = patchProtobufRoot(requireFromProto('@temporalio/proto')).lookupType(
  'temporal.api.history.v1.History',
);
const loadHistory = (file: string): unknown =>
  fromJson(historyType, JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')), {
    ignoreUnknownFields: true,
  });

// The replay worker logs every history it replays, and the core every determinism error the last test provokes on
// purpose; keep the test output to real problems.
Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
});

async function replay(workflowsPath: string): Promise<ReplayResult[]> {
  const histories = fixtures.map((file) => ({
    workflowId: path.basename(file, '.json'),
    history: loadHistory(file),
  }));
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath }, histories)) results.push(result);
  return results;
}

describe('workflow determinism: recorded histories replay against the current workflow code', () => {
  it('has the fixtures: a plain run, a retried step, a park-and-replay and a discard', () => {
    expect(fixtures).toEqual([
      'stack-smoke-completed.json',
      'stack-smoke-discarded.json',
      'stack-smoke-replayed.json',
      'stack-smoke-retried.json',
    ]);
  });

  it('replays every recorded history without a determinism error', async () => {
    const results = await replay(path.join(HERE, 'index.ts'));
    expect(results.map((r) => [r.workflowId, r.error?.message])).toEqual(
      fixtures.map((f) => [path.basename(f, '.json'), undefined]),
    );
  });

  it('fails when the workflow code changes in a way the histories cannot replay', async () => {
    const results = await replay(path.join(HISTORIES, 'nondeterministic-stack-smoke.ts'));
    expect(results).toHaveLength(fixtures.length);
    for (const r of results) expect(r.error?.name, r.workflowId).toBe('DeterminismViolationError');
  });
});
