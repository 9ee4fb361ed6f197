import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../test/support/processes';
import { createDatabase, pingDatabase } from './mongo';
import type { Database } from './mongo';

/** A TCP relay to the stack's database server on `port`, started only when the test says so. */
function relay(port: number, target: URL) {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  return {
    async start() {
      server = createServer((inbound) => {
        const outbound = createConnection(Number(target.port), target.hostname);
        for (const s of [inbound, outbound]) {
          sockets.add(s);
          s.on('error', () => undefined);
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    },
  };
}

let database: Database | undefined;
let stopRelay: (() => Promise<void>) | undefined;
afterEach(async () => {
  await database?.close();
  await stopRelay?.();
});

describe('database client', () => {
  it('connects once the server comes up, even when its first attempts failed', async () => {
    const target = new URL(process.env.HUB_MONGODB_URI ?? 'mongodb://127.0.0.1:27017/');
    const port = await freePort();
    database = createDatabase({ uri: `mongodb://127.0.0.1:${port}/`, database: 'hub_mongo_reconnect' });
    // Nothing listens yet: the first connection attempt fails and the driver closes its topology.
    await expect(pingDatabase(database.db)).rejects.toThrow();
    const proxy = relay(port, target);
    stopRelay = () => proxy.stop();
    await proxy.start();
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await pingDatabase(database.db);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });
});
