import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import type { HubConfig } from './config';

/** A connected database handle and the client that owns it. */
export interface Database {
  client: MongoClient;
  db: Db;
}

/** Creates a client that connects on first use (the API starts while the database is down and reports it). */
export function createDatabase(mongo: HubConfig['mongo']): Database {
  const client = new MongoClient(mongo.uri, {
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    appName: 'distribution-hub',
  });
  return { client, db: client.db(mongo.database) };
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
