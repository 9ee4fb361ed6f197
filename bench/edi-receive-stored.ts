/**
 * The whole receiving path on a large interchange — streaming read, syntax checks, mapping every 850 to a
 * validated sales order, keeping every set record and the original bytes in the real MongoDB-wire server, and
 * building the 997 — with RSS sampled during the run, so a reader sees memory stay flat while the stores grow.
 * Needs the stack's database: `eval "$(bash stack/stack.sh env)"`, then
 * `npx tsx bench/edi-receive-stored.ts [megabytes, default 20]`. Kafka is replaced by a counter.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { withGs1CheckDigit } from '../canonical-model/gtin';
import { createCanonicalValidator } from '../canonical-model/validate';
import { createLogger } from '../monitoring/logger';
import { createMetrics } from '../monitoring/metrics';
import type { ConnectorStore } from '../platform/connector-store-types';
import { createEdiStores, ensureEdiIndexes } from '../platform/edi/deps';
import { receiveEdi } from '../platform/edi/receive-edi';
import { partnerInput } from '../test/support/edi';
import { interchange, mb, sampler } from './support/x12-load';

const TARGET_MB = Number(process.argv[2] ?? 20);
const ISA =
  'ISA*00*          *00*          *ZZ*BENCHSENDER    *ZZ*BENCHRECEIVER  *240315*0930*U*00401*000000001*0*P*>~\n';

async function main(): Promise<void> {
  const debug = process.env.BENCH_DEBUG ? (m: string) => console.error(m) : () => undefined;
  const uri = process.env.HUB_MONGODB_URI;
  if (!uri) throw new Error('HUB_MONGODB_URI is not set: eval "$(bash stack/stack.sh env)" first');
  const client = await MongoClient.connect(uri);
  debug('connected');
  const db = client.db(`bench_edi_${randomUUID().slice(0, 8)}`);
  const stores = createEdiStores(db);
  await ensureEdiIndexes(stores);
  debug('indexes');
  let published = 0;
  const memory = sampler();
  const deps = {
    ...stores,
    connectors: { get: (id: string) => Promise.resolve({ id, kind: 'edi' }) } as unknown as ConnectorStore,
    registry: { getConnectorType: () => undefined, listConnectorTypes: () => [] },
    producer: {
      send: () => {
        published += 1;
        if (published % 500 === 0) memory.take();
        return Promise.resolve();
      },
    },
    validator: createCanonicalValidator(),
    logger: createLogger('cli', 'silent'),
    metrics: createMetrics('api'),
  };
  await stores.partners.create(
    partnerInput({
      connectorId: 'con_bench',
      partner: { isa: { qualifier: 'ZZ', id: 'BENCHSENDER' }, gsId: 'BENCHSENDER' },
      us: { isa: { qualifier: 'ZZ', id: 'BENCHRECEIVER' }, gsId: 'BENCHRECEIVER' },
      acknowledgement: {
        type: '997',
        ta1: 'on-request',
        setResponses: 'errors-only',
        expectedWithinMinutes: 60,
      },
      productIdQualifiers: ['UP'],
    }),
  );
  debug('partner');
  const upcs = Array.from({ length: 21 }, (_, i) =>
    withGs1CheckDigit(`01234567${String(i).padStart(3, '0')}`),
  );
  const counter = { sets: 0, bytes: 0 };
  const started = performance.now();
  const result = await receiveEdi(deps, {
    connectorId: 'con_bench',
    transport: 'http',
    body: interchange(TARGET_MB * 1024 * 1024, counter, { isa: ISA, upc: (line) => upcs[line]! }),
  });
  const seconds = (performance.now() - started) / 1000;
  const { rss, heap } = memory.stop();
  const r = result.interchange;
  console.log(`input: ${mb(counter.bytes)} MB, ${counter.sets} sets (850, 20 lines each)`);
  console.log(
    `receiveEdi: ${seconds.toFixed(1)} s, ${(counter.bytes / 1024 / 1024 / seconds).toFixed(2)} MB/s, ` +
      `${Math.round(counter.sets / seconds)} sets/s; status ${r.status}, sets ${JSON.stringify(r.sets)}, ` +
      `${published} documents published, raw ${mb(r.byteCount)} MB kept, 997 ${result.acknowledgement?.content.length ?? 0} bytes`,
  );
  const at = (values: number[], f: number) =>
    mb(values[Math.min(values.length - 1, Math.floor(values.length * f))] ?? 0);
  console.log(
    `RSS MB at 0/25/50/75/100%: ${[0, 0.25, 0.5, 0.75, 1].map((f) => at(rss, f)).join(' / ')}; peak ${mb(Math.max(...rss))}`,
  );
  console.log(
    `heap MB at 0/25/50/75/100%: ${[0, 0.25, 0.5, 0.75, 1].map((f) => at(heap, f)).join(' / ')}; peak ${mb(Math.max(...heap))}`,
  );
  await db.dropDatabase();
  await client.close();
}

await main();
