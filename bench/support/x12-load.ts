/** What the EDI benchmarks share: a generated interchange of many 850s as a stream, and a memory sampler. */
import { Readable } from 'node:stream';

/** Sets per functional group. */
export const SETS_PER_GROUP = 1_000;
const LINES_PER_SET = 20;

/** A 12-digit number in UPC shape (its check digit is not computed: syntax does not check it). */
const plainUpc = (line: number) => `0123456789${String(line).padStart(2, '0')}`;

const ISA =
  'ISA*00*          *00*          *ZZ*BENCHSENDER    *ZZ*BENCHRECEIVER  *240315*0930*U*00401*000000001*0*P*>~\n';

/** One 850 with LINES_PER_SET PO1 lines. */
export function order(controlNumber: string, upc: (line: number) => string = plainUpc): string {
  const lines: string[] = [
    `ST*850*${controlNumber}`,
    `BEG*00*SA*PO${controlNumber}**20240315`,
    'DTM*002*20240322',
    'N1*ST*MAIN STORE*92*0042',
    'N3*12 MARKET ST',
    'N4*SPRINGFIELD*IL*62701*US',
  ];
  for (let i = 1; i <= LINES_PER_SET; i += 1) lines.push(`PO1*${i}*${i * 2}*EA*4.25*PE*UP*${upc(i)}`);
  lines.push(`CTT*${LINES_PER_SET}`);
  lines.push(`SE*${lines.length + 1}*${controlNumber}`);
  return lines.join('~\n') + '~\n';
}

/** The interchange as ~64 KiB chunks; `sets` counts what was generated. */
export function interchange(
  targetBytes: number,
  counter: { sets: number; bytes: number },
  options: { upc?: (line: number) => string; isa?: string } = {},
): Readable {
  function* chunks(): Generator<Buffer> {
    let pending = options.isa ?? ISA;
    let groups = 0;
    while (counter.bytes + pending.length < targetBytes) {
      groups += 1;
      pending += `GS*PO*BENCHSENDER*BENCHRECEIVER*20240315*0930*${groups}*X*004010~\n`;
      for (let n = 1; n <= SETS_PER_GROUP; n += 1) {
        pending += order(String(counter.sets + 1).padStart(9, '0'), options.upc);
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
export function sampler(): { take(): void; stop(): { rss: number[]; heap: number[] } } {
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

/** Bytes as megabytes with one decimal. */
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
