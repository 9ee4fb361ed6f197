import { withTimeout } from './with-timeout';

/** One dependency the process needs before it can do useful work. */
export interface DependencyCheck {
  name: 'temporal' | 'kafka' | 'database';
  check: () => Promise<void>;
}

/** The state of one dependency as /readyz reports it. */
export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/** Result of checking every dependency concurrently. */
export interface ReadinessReport {
  ready: boolean;
  dependencies: Record<string, DependencyStatus>;
  down: string[];
}

/** Checks every dependency at once, each bounded by `timeoutMs`, so /readyz always answers quickly. */
export async function checkReadiness(checks: DependencyCheck[], timeoutMs = 2_500): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs, `${name} check`);
        return [name, { status: 'up', latencyMs: Math.round(performance.now() - started) }] as const;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return [name, { status: 'down', latencyMs: Math.round(performance.now() - started), error }] as const;
      }
    }),
  );
  const dependencies = Object.fromEntries(results) as Record<string, DependencyStatus>;
  const down = results.filter(([, s]) => s.status === 'down').map(([n]) => n);
  return { ready: down.length === 0, dependencies, down };
}
