/**
 * Inbound X12 throughput and memory on a ~200 MB interchange (many 850 sets, 1,000 per group), generated on the
 * fly as a stream, so no file is needed. Prints MB/s and sets/s for receiveInterchanges, the same figures for
 * just generating and draining the bytes (the baseline), and RSS/heap sampled during the run: memory should stay
 * flat whatever the size. Run: npx tsx bench/edi-large-interchange.ts [megabytes]
 */
import { receiveInterchanges } from '../connectors/edi-x12/x12/receive-interchange';
import { interchange, sampler } from './support/x12-load';

const TARGET_MB = Number(process.argv[2] ?? 200);
import { mb } from './support/x12-load';

async function main(): Promise<void> {
  const target = TARGET_MB * 1024 * 1024;

  const baseline = { sets: 0, bytes: 0 };
  let started = performance.now();
  for await (const chunk of interchange(target, baseline)) void chunk;
  const baselineSeconds = (performance.now() - started) / 1000;

  const counter = { sets: 0, bytes: 0 };
  let handed = 0;
  const memory = sampler();
  started = performance.now();
  const outcomes = await receiveInterchanges(
    interchange(target, counter),
    {
      onSet: () => {
        handed += 1;
        if (handed % 1_000 === 0) memory.take();
        return Promise.resolve();
      },
    },
    { keepSetOutcomes: 'errors-only' },
  );
  const seconds = (performance.now() - started) / 1000;
  const { rss, heap } = memory.stop();
  const outcome = outcomes[0];
  const groups = outcome?.groups ?? [];
  const accepted = groups.reduce((sum, g) => sum + g.accepted, 0);

  console.log(`input: ${mb(counter.bytes)} MB, ${counter.sets} sets in ${groups.length} groups`);
  console.log(
    `baseline (generate + drain): ${(counter.bytes / 1024 / 1024 / baselineSeconds).toFixed(1)} MB/s`,
  );
  console.log(
    `receiveInterchanges: ${seconds.toFixed(2)} s, ${(counter.bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s, ` +
      `${Math.round(counter.sets / seconds)} sets/s; TA1 ${outcome?.ta1.status} ${outcome?.ta1.note}, ` +
      `${accepted}/${handed} sets accepted`,
  );
  const at = (values: number[], fraction: number) =>
    mb(values[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? 0);
  console.log(
    `RSS MB at 0/25/50/75/100%: ${[0, 0.25, 0.5, 0.75, 1].map((f) => at(rss, f)).join(' / ')}; peak ${mb(Math.max(...rss))}`,
  );
  console.log(
    `heap MB at 0/25/50/75/100%: ${[0, 0.25, 0.5, 0.75, 1].map((f) => at(heap, f)).join(' / ')}; peak ${mb(Math.max(...heap))}`,
  );
}

await main();
