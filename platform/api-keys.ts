import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from 'mongodb';
import { COLLECTIONS } from './collections';
import { newId } from './ids';
import type { Role } from './roles';

/** Who is calling: the key's id, role and (for system keys) the connector it is bound to. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  connectorId?: string;
}

/** A stored key: the secret part only as a SHA-256 hash (keys are 256-bit random, so no slow hash is needed). */
interface ApiKeyDocument {
  _id: string;
  name: string;
  role: Role;
  connectorId: string | null;
  secretHash: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What the API shows of a key: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  connectorId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

const TOKEN = /^hubk_([a-z2-7]{16})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const LAST_USED_RESOLUTION_MS = 60_000;

const view = (d: ApiKeyDocument): ApiKeyView => ({
  id: d._id,
  name: d.name,
  role: d.role,
  connectorId: d.connectorId,
  createdAt: d.createdAt,
  lastUsedAt: d.lastUsedAt,
});

/** Issues, verifies, lists and revokes API keys; also accepts the bootstrap admin key from the environment. */
export function createApiKeyStore(db: Db, bootstrapAdminKey?: string) {
  const keys = db.collection<ApiKeyDocument>(COLLECTIONS.apiKeys);
  const bootstrapHash = bootstrapAdminKey ? sha256(bootstrapAdminKey) : undefined;

  return {
    /** Issues a key; the returned `key` is the only time the secret exists outside the caller. */
    async issue(input: { name: string; role: Role; connectorId?: string; createdBy: string }) {
      const id = newId('key', 16);
      const secret = randomBytes(32).toString('base64url');
      const doc: ApiKeyDocument = {
        _id: id,
        name: input.name,
        role: input.role,
        connectorId: input.connectorId ?? null,
        secretHash: sha256(secret).toString('hex'),
        createdAt: new Date().toISOString(),
        createdBy: input.createdBy,
        lastUsedAt: null,
        revokedAt: null,
      };
      await keys.insertOne(doc);
      return { ...view(doc), key: `hubk_${id.slice(4)}_${secret}` };
    },

    /** The principal a bearer token stands for, or undefined for an unknown, malformed or revoked key. */
    async authenticate(token: string): Promise<Principal | undefined> {
      if (bootstrapHash && timingSafeEqual(sha256(token), bootstrapHash)) {
        return { keyId: 'bootstrap', name: 'bootstrap admin key', role: 'admin' };
      }
      const match = TOKEN.exec(token);
      if (!match) return undefined;
      const doc = await keys.findOne({ _id: `key_${match[1]}` });
      if (!doc || doc.revokedAt) return undefined;
      if (!timingSafeEqual(sha256(match[2]!), Buffer.from(doc.secretHash, 'hex'))) return undefined;
      const now = Date.now();
      if (!doc.lastUsedAt || now - Date.parse(doc.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
        void keys
          .updateOne({ _id: doc._id }, { $set: { lastUsedAt: new Date(now).toISOString() } })
          .catch(() => {});
      }
      return {
        keyId: doc._id,
        name: doc.name,
        role: doc.role,
        ...(doc.connectorId ? { connectorId: doc.connectorId } : {}),
      };
    },

    /** Every key that is not revoked, oldest first. */
    async list(): Promise<ApiKeyView[]> {
      return (await keys.find({ revokedAt: null }).sort({ createdAt: 1 }).toArray()).map(view);
    },

    /** Revokes a key; false when there is no such live key. */
    async revoke(id: string, by: string): Promise<boolean> {
      const result = await keys.updateOne(
        { _id: id, revokedAt: null },
        { $set: { revokedAt: new Date().toISOString(), revokedBy: by } },
      );
      return result.matchedCount === 1;
    },
  };
}

/** The API key store's interface. */
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
