import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for spawning entry points and scripts. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A child process with its output captured line by line. */
export interface Spawned {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `command` in the repo with `env` added, capturing stdout and stderr lines. */
export function spawnCaptured(command: string, args: string[], env: Record<string, string> = {}): Spawned {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  // HUB_TEST_LOG_DIR: also write each process's output to <dir>/<entry point>-<pid>.log as it comes (for watching a
  // long run while it runs).
  const logDir = process.env.HUB_TEST_LOG_DIR;
  const logFile = logDir
    ? path.join(
        logDir,
        `${path.basename(args[args.length - 1] ?? command).replace(/\.\w+$/, '')}-${child.pid ?? 0}.log`,
      )
    : undefined;
  const collect = (chunk: Buffer) => {
    if (logFile) appendFileSync(logFile, chunk);
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    output: () => lines.join('\n'),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A running API or worker process of the hub. */
export interface HubProcess extends Spawned {
  /** Log lines that parsed as JSON. */
  logs(): Record<string, unknown>[];
}

function asHubProcess(s: Spawned): HubProcess {
  return {
    ...s,
    logs: () =>
      s.lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
  };
}

/** A catch handler that kills a process that did not come up (so no test leaves one behind) and rethrows. */
function stopAndRethrow(proc: Spawned) {
  return async (err: unknown): Promise<never> => {
    await proc.stop('SIGKILL');
    throw err;
  };
}

/** Starts `apps/api.ts` on a free port and waits until `/healthz` answers. */
export async function startApi(env: Record<string, string> = {}): Promise<HubProcess & { url: string }> {
  const port = await freePort();
  const proc = asHubProcess(
    spawnCaptured(process.execPath, ['--import', 'tsx', 'apps/api.ts'], {
      HUB_API_PORT: String(port),
      ...env,
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await eventually(`API on ${url}\n${proc.output()}`, async () => {
    if (proc.child.exitCode !== null) throw new Error(`API exited: ${proc.output()}`);
    const res = await fetch(`${url}/healthz`);
    return res.ok ? true : undefined;
  }).catch(stopAndRethrow(proc));
  return { ...proc, url };
}

/** Starts `apps/worker.ts` with its metrics on a free port and waits until it logs that it is ready. */
export async function startWorker(
  env: Record<string, string> = {},
): Promise<HubProcess & { metricsUrl: string }> {
  const port = await freePort();
  const proc = asHubProcess(
    spawnCaptured(process.execPath, ['--import', 'tsx', 'apps/worker.ts'], {
      HUB_WORKER_METRICS_PORT: String(port),
      // Each Kafka consumer's consume() holds a libuv pool thread; with the default 4 the worker's file reads
      // (bundling its workflows) wait minutes behind its six consumers.
      UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '16',
      ...env,
    }),
  );
  await eventually(
    'worker ready',
    () => {
      if (proc.child.exitCode !== null) throw new Error(`worker exited: ${proc.output()}`);
      return proc.logs().some((l) => l.msg === 'worker ready') ? true : undefined;
    },
    Number(process.env.HUB_TEST_WORKER_READY_MS ?? 60_000),
  ).catch(stopAndRethrow(proc));
  return { ...proc, metricsUrl: `http://127.0.0.1:${port}` };
}

/** Headers that authenticate as the bootstrap admin key the test runner exports. */
export function adminHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const key = process.env.HUB_BOOTSTRAP_ADMIN_KEY;
  if (!key) throw new Error('HUB_BOOTSTRAP_ADMIN_KEY is not set: run the tests with scripts/test.sh');
  return { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...extra };
}

/**
 * A JSON caller for the API at `baseUrl()` (a function, since the API starts after the caller is made), sending
 * the bootstrap admin key unless other headers are given.
 */
export function apiCaller(baseUrl: () => string) {
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = adminHeaders(),
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}
