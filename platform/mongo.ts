import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import type { HubConfig } from './config';
import { profileCommands } from './mongo-profile';

/** A database handle, the client that owns it, and the way to close both for good. */
export interface Database {
  client: MongoClient;
  db: Db;
  /** Stops reconnecting and closes the client. */
  close(): Promise<void>;
}

const RECONNECT_MAX_MS = 10_000;

/**
 * Creates a client that keeps itself connected: it connects in the background at once (the API starts while the
 * database is down and reports it), and connects again whenever its topology closes. The driver closes the topology
 * for good when a first connection attempt fails — e.g. the server is not up yet, or a busy start-up blocked the event
 * loop past the connect timeout — and would then answer "Topology is closed" to every operation forever.
 */
export function createDatabase(mongo: HubConfig['mongo']): Database {
  const client = new MongoClient(mongo.uri, {
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    appName: 'distribution-hub',
    monitorCommands: Boolean(process.env.HUB_MONGO_PROFILE),
  });
  const stopProfile = process.env.HUB_MONGO_PROFILE
    ? profileCommands(client, process.env.HUB_MONGO_PROFILE)
    : undefined;
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  const connectSoon = (delayMs: number) => {
    if (closing || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (closing) return;
      client.connect().catch(() => connectSoon(Math.min(delayMs * 2 || 500, RECONNECT_MAX_MS)));
    }, delayMs);
    timer.unref();
  };
  client.on('topologyClosed', () => connectSoon(500));
  connectSoon(0);
  return {
    client,
    db: client.db(mongo.database),
    async close() {
      closing = true;
      stopProfile?.();
      if (timer) clearTimeout(timer);
      await client.close();
    },
  };
}

/**
 * Connects to MongoDB (FerretDB locally). The driver reconnects on its own, so a database restart needs no process
 * restart. Only features both MongoDB and FerretDB v1 support are used: no transactions, change streams or TTL.
 */
export async function connectDatabase(mongo: HubConfig['mongo']): Promise<Database> {
  const database = createDatabase(mongo);
  await database.client.connect();
  return database;
}

/** Resolves once the database accepted a ping; rejects with the reason otherwise. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.command({ ping: 1 }, { timeoutMS: 2_000 });
}

const DUPLICATE_KEY = 11000;

/** True for the server's duplicate-key error (a unique index refused a write), whichever driver class carries it. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}
