/** Latency figures of the benchmarks: paced sending, percentiles, and the printed table. */

/** One row of the table: a stage measured over `n` events. */
export interface StageFigures {
  stage: string;
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
  /** The raw row this stage is compared with (same input, same run). */
  baseline?: StageFigures;
  peakRssBytes: number;
}

/** The `q` quantile (0..1) of `values` by the nearest-rank method; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The figures of one stage: latencies in ms, throughput over `seconds` from the first send to the last arrival. */
export function figures(
  stage: string,
  latenciesMs: readonly number[],
  seconds: number,
  peakRssBytes: number,
  baseline?: StageFigures,
): StageFigures {
  return {
    stage,
    n: latenciesMs.length,
    p50Ms: quantile(latenciesMs, 0.5),
    p99Ms: quantile(latenciesMs, 0.99),
    maxMs: latenciesMs.length ? Math.max(...latenciesMs) : Number.NaN,
    perSecond: latenciesMs.length / seconds,
    ...(baseline ? { baseline } : {}),
    peakRssBytes,
  };
}

/**
 * Calls `send(i)` for i in 0..n-1: at `perSecond` a second when it is above 0, else all at once (the producer
 * queues them). Sends are not awaited one by one; resolves once every send has resolved.
 */
export async function paced(n: number, perSecond: number, send: (i: number) => Promise<void>): Promise<void> {
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    if (perSecond > 0) {
      const wait = started + (i * 1000) / perSecond - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    pending.push(send(i));
  }
  await Promise.all(pending);
}

/**
 * Waits until `done()` is true, checking every `everyMs` (the figures come from the recorded times, not from
 * when this notices); rejects naming `what` after `timeoutMs`.
 */
export async function until(
  what: string,
  done: () => boolean,
  timeoutMs: number,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const cell = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** The rows as an aligned text table; the ratios are a stage's p50, p99 and throughput over its raw baseline's. */
export function table(rows: readonly StageFigures[]): string {
  const head = [
    'stage',
    'N',
    'p50 ms',
    'p99 ms',
    'max ms',
    'throughput/s',
    'hub/raw p50',
    'p99',
    'thr',
    'peak RSS MB',
  ];
  const ratio = (a: number, b: number | undefined) => {
    if (!b || !Number.isFinite(a / b)) return '-';
    const r = a / b;
    return `${r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x`;
  };
  const body = rows.map((r) => [
    r.stage,
    String(r.n),
    cell(r.p50Ms, 1),
    cell(r.p99Ms, 1),
    cell(r.maxMs, 1),
    cell(r.perSecond),
    ratio(r.p50Ms, r.baseline?.p50Ms),
    ratio(r.p99Ms, r.baseline?.p99Ms),
    ratio(r.perSecond, r.baseline?.perSecond),
    cell(r.peakRssBytes / 1024 / 1024, 0),
  ]);
  const all = [head, ...body];
  const widths = head.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)));
  return [line(head), widths.map((w) => '-'.repeat(w)), ...body.map(line)]
    .map((r) => r.join('  '))
    .join('\n');
}
