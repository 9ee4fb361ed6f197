import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';

/**
 * Connects to the test stack's real MongoDB-wire server (HUB_MONGODB_URI) and names a database of the caller's own,
 * failing — never skipping — with instructions when the server is not configured.
 */
export async function openTestDatabase(prefix: string): Promise<{ client: MongoClient; db: Db }> {
  const uri = process.env.HUB_MONGODB_URI;
  if (!uri) {
    throw new Error(
      'HUB_MONGODB_URI is not set: these tests need a real MongoDB-wire server ' +
        '(scripts/test.sh starts one; or start FerretDB and export HUB_MONGODB_URI=mongodb://127.0.0.1:<port>/)',
    );
  }
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
  return { client, db: client.db(`${prefix}_${randomUUID().slice(0, 8)}`) };
}
