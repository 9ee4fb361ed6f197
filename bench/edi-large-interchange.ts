/**
 * Inbound X12 throughput and memory on a ~200 MB interchange (many 850 sets, 1,000 per group), generated on the
 * fly as a stream, so no file is needed. Prints MB/s and sets/s for receiveInterchanges, the same figures for
 * just generating and draining the bytes (the baseline), and RSS/heap sampled during the run: memory should stay
 * flat whatever the size. Run: npx tsx bench/edi-large-interchange.ts [megabytes]
 */
import { Readable } from 'node:stream';
import { receiveInterchanges } from '../connectors/edi-x12/x12/receive-interchange';

const TARGET_MB = Number(process.argv[2] ?? 200);
const SETS_PER_GROUP = 1_000;
const LINES_PER_SET = 20;

const ISA =
  'ISA*00*          *00*          *ZZ*BENCHSENDER    *ZZ*BENCHRECEIVER  *240315*0930*U*00401*000000001*0*P*>~\n';

/** One 850 with LINES_PER_SET PO1 lines. */
function order(controlNumber: string): string {
  const lines: string[] = [
    `ST*850*${controlNumber}`,
    `BEG*00*SA*PO${controlNumber}**20240315`,
    'DTM*002*20240322',
    'N1*ST*MAIN STORE*92*0042',
    'N3*12 MARKET ST',
    'N4*SPRINGFIELD*IL*62701*US',
  ];
  for (let i = 1; i <= LINES_PER_SET; i += 1)
    lines.push(`PO1*${i}*${i * 2}*EA*4.25*PE*UP*0123456789${String(i).padStart(2, '0')}`);
  lines.push(`CTT*${LINES_PER_SET}`);
  lines.push(`SE*${lines.length + 1}*${controlNumber}`);
  return lines.join('~\n') + '~\n';
}

/** The interchange as ~64 KiB chunks; `sets` counts what was generated. */
function interchange(targetBytes: number, counter: { sets: number; bytes: number }): Readable {
  function* chunks(): Generator<Buffer> {
    let pending = ISA;
    let groups = 0;
    while (counter.bytes + pending.length < targetBytes) {
      groups += 1;
      pending += `GS*PO*BENCHSENDER*BENCHRECEIVER*20240315*0930*${groups}*X*004010~\n`;
      for (let n = 1; n <= SETS_PER_GROUP; n += 1) {
        pending += order(String(counter.sets + 1).padStart(9, '0'));
        counter.sets += 1;
        if (pending.length > 65_536) {
          counter.bytes += pending.length;
          yield Buffer.from(pending, 'latin1');
          pending = '';
        }
      }
      pending += `GE*${SETS_PER_GROUP}*${groups}~\n`;
    }
    pending += `IEA*${groups}*000000001~\n`;
    counter.bytes += pending.length;
    yield Buffer.from(pending, 'latin1');
  }
  return Readable.from(chunks());
}

/**
 * Samples RSS and heap every 100 ms and whenever `take` is called (the engine runs mostly on microtasks, so the
 * timer alone fires rarely; the bench also samples every 1,000 sets).
 */
function sampler(): { take(): void; stop(): { rss: number[]; heap: number[] } } {
  const rss: number[] = [];
  const heap: number[] = [];
  const take = () => {
    const m = process.memoryUsage();
    rss.push(m.rss);
    heap.push(m.heapUsed);
  };
  take();
  const timer = setInterval(take, 100);
  return {
    take,
    stop() {
      clearInterval(timer);
      take();
      return { rss, heap };
    },
  };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

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
