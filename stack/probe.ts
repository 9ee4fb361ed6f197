/**
 * Health probe for stack/stack.sh: `probe temporal|kafka|mongo <address>` exits 0 when the server answers a real
 * request (not merely an open port), 1 otherwise. It reuses the checks /readyz runs.
 */
import { MongoClient } from 'mongodb';
import { connectProducer } from '../platform/kafka';
import { pingDatabase } from '../platform/mongo';
import { createTemporalClient, pingTemporal } from '../platform/temporal';
import { withTimeout } from '../platform/with-timeout';

async function probe(kind: string, address: string): Promise<void> {
  switch (kind) {
    case 'temporal': {
      const { connection } = createTemporalClient({ address, namespace: 'default', taskQueue: 'probe' });
      try {
        await pingTemporal(connection);
      } finally {
        await connection.close();
      }
      return;
    }
    case 'kafka': {
      const producer = await connectProducer({ brokers: address, clientId: 'stack-probe' }, 'probe');
      try {
        await producer.ping();
      } finally {
        await producer.close();
      }
      return;
    }
    case 'mongo': {
      const client = new MongoClient(address, { serverSelectionTimeoutMS: 2_000 });
      try {
        await pingDatabase(client.db('admin'));
      } finally {
        await client.close();
      }
      return;
    }
    default:
      throw new Error(`unknown probe kind '${kind}' (temporal, kafka, mongo)`);
  }
}

const [kind = '', address = ''] = process.argv.slice(2);
withTimeout(probe(kind, address), 8_000, `${kind} probe`).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
