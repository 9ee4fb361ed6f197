/**
 * The connector-instance repository: each configured connector (a type from the registry plus its config) in one
 * MongoDB collection, secrets encrypted at rest. Everything returned for the API is a view with secrets masked;
 * only getDecryptedConfig (for the worker) opens them.
 *
 * Only what FerretDB v1 supports is used. Its updateOne reads and then writes without isolation, so a filter on
 * `revision` is no compare-and-set there; instead every change first inserts a claim `<id>:<next revision>` into a
 * side collection, and the unique _id lets exactly one writer win each revision (see `commit`).
 *
 * Errors are HubErrors. Those a caller must tell apart carry a `reason` string (see connectorErrorReason):
 * 'not-found' (kind 'data', API 404), 'name-taken' and 'revision-mismatch' (kind 'data', API 409).
 */
import { idCursor, pageById } from './id-pages';
import { randomBytes } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import { secretPaths, validateConnectorConfig } from '../connectors/config';
import { getConnectorType, listConnectorTypes } from '../connectors/registry';
import { deleteAt, getAt } from '../connectors/sdk/json-pointer';
import { mergePatch } from '../connectors/sdk/merge-patch';
import { CONNECTOR_KINDS } from '../connectors/sdk/types';
import type { ConnectorManifest } from '../connectors/sdk/types';
import { COLLECTIONS } from './collections';
import { HubError, isHubError } from './errors';
import type { FieldError, HubErrorKind, HubErrorOptions } from './errors';
import { SECRET_MASK, decryptSecrets, encryptSecrets, isEncryptedSecret, maskSecrets } from './secrets';
import type { SecretBox } from './secrets';
import { isDuplicateKeyError } from './mongo';
import type {
  ConnectorDocument,
  ConnectorView,
  ConnectorErrorReason,
  ConnectorTypeLookup,
  ConnectorStore,
} from './connector-store-types';

export type {
  ConnectorStatus,
  ConnectorDocument,
  ConnectorView,
  DecryptedConnector,
  CreateConnectorInput,
  UpdateConnectorInput,
  ListConnectorsQuery,
  ConnectorPage,
  ConnectorErrorReason,
  ConnectorTypeLookup,
  ConnectorStore,
} from './connector-store-types';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_PATTERN = /^con_[a-z2-7]{20}$/;
const CURSOR_PREFIX = 'c1:';
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const UPDATE_ATTEMPTS = 3;
/** A claim whose write has not landed after this long belongs to a writer that died; others complete it. */
const STALE_CLAIM_MS = 30_000;

/** The right to write revision `revision` of a connector, and the change itself (so it can be completed). */
interface RevisionClaim {
  _id: string;
  connectorId: string;
  revision: number;
  set: Partial<ConnectorDocument>;
  claimedAt: Date;
}

/** A new connector id: "con_" and 20 random base32 characters (100 bits). */
export function newConnectorId(): string {
  // 256 is a multiple of 32, so masking keeps every character equally likely.
  return `con_${Array.from(randomBytes(20), (b) => ID_ALPHABET[b & 31]).join('')}`;
}

function storeError(
  kind: HubErrorKind,
  reason: ConnectorErrorReason,
  message: string,
  options?: HubErrorOptions,
): HubError {
  return Object.assign(new HubError(kind, message, options), { reason });
}

/** The reason a connector-store error carries, if any (recognised by string, not by class). */
export function connectorErrorReason(err: unknown): ConnectorErrorReason | undefined {
  if (!isHubError(err)) return undefined;
  const reason = (err as { reason?: unknown }).reason;
  return reason === 'not-found' || reason === 'name-taken' || reason === 'revision-mismatch'
    ? reason
    : undefined;
}

/** True when the error says the connector id does not exist (the API answers 404). */
export function isNotFound(err: unknown): boolean {
  return connectorErrorReason(err) === 'not-found';
}

/** True when the error is a conflict with the stored state: a taken name or a stale revision (the API answers 409). */
export function isConflict(err: unknown): boolean {
  const reason = connectorErrorReason(err);
  return reason === 'name-taken' || reason === 'revision-mismatch';
}

const notFound = (id: string) => storeError('data', 'not-found', `connector ${id} not found`);

function invalid(fieldErrors: FieldError[], what = 'invalid connector'): HubError {
  const summary = fieldErrors
    .slice(0, 3)
    .map((e) => `${e.path || '/'} ${e.message}`)
    .join('; ');
  const more = fieldErrors.length > 3 ? ` (and ${fieldErrors.length - 3} more)` : '';
  return new HubError('data', `${what}: ${summary}${more}`, { fieldErrors });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkName(name: unknown): FieldError[] {
  if (typeof name !== 'string') return [{ path: '/name', message: 'must be a string' }];
  if (name.trim() !== name || name.length < 1 || name.length > 100) {
    return [{ path: '/name', message: 'must be 1–100 characters without leading or trailing spaces' }];
  }
  return [];
}

function prefixed(errors: FieldError[], prefix: string): FieldError[] {
  return errors.map((e) => ({ path: `${prefix}${e.path}`, message: e.message }));
}

/** Masks a stored document for the API: by the type's schema, and any stray token as a second line of defence. */
export function toView(doc: ConnectorDocument, manifest: ConnectorManifest | undefined): ConnectorView {
  const masked = manifest ? maskSecrets(manifest.configSchema, doc.config) : doc.config;
  return {
    id: doc._id,
    name: doc.name,
    type: doc.type,
    typeVersion: doc.typeVersion,
    kind: doc.kind,
    status: doc.status,
    pausedReason: doc.pausedReason,
    pausedAt: doc.pausedAt?.toISOString() ?? null,
    config: maskTokens(masked) as Record<string, unknown>,
    revision: doc.revision,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

function maskTokens(value: unknown): unknown {
  if (isEncryptedSecret(value)) return SECRET_MASK;
  if (Array.isArray(value)) return value.map(maskTokens);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskTokens(v)]));
  return value;
}

const CURSOR = idCursor(CURSOR_PREFIX, '/cursor', (id) => ID_PATTERN.test(id));

/** Creates the store over `db` (collection COLLECTIONS.connectors), sealing secrets with `box`. */
export function createConnectorStore(
  db: Db,
  box: SecretBox,
  types: ConnectorTypeLookup = { getConnectorType, listConnectorTypes },
): ConnectorStore {
  const connectors: Collection<ConnectorDocument> = db.collection<ConnectorDocument>(COLLECTIONS.connectors);
  const claims: Collection<RevisionClaim> = db.collection<RevisionClaim>(COLLECTIONS.connectorRevisions);

  const find = async (id: string): Promise<ConnectorDocument> => {
    const doc = ID_PATTERN.test(id) ? await connectors.findOne({ _id: id }) : null;
    if (!doc) throw notFound(id);
    return doc;
  };
  const view = (doc: ConnectorDocument) => toView(doc, types.getConnectorType(doc.type));
  const manifestOf = (doc: ConnectorDocument): ConnectorManifest => {
    const manifest = types.getConnectorType(doc.type);
    if (!manifest) {
      throw new HubError(
        'config',
        `connector ${doc._id} has type "${doc.type}", which this hub version does not know`,
      );
    }
    return manifest;
  };
  /** Validates a plain config; secrets given as "***" are refused, since no stored value can stand behind them. */
  const validatePlain = (manifest: ConnectorManifest, config: unknown) => {
    const result = validateConnectorConfig(manifest, config);
    if (!result.valid) return { errors: prefixed(result.errors, '/config') };
    const masked = secretPaths(manifest.configSchema).filter((p) => getAt(result.value, p) === SECRET_MASK);
    if (masked.length) {
      const message = `is "${SECRET_MASK}"; send the secret itself`;
      return { errors: masked.map((p) => ({ path: `/config${p}`, message })) };
    }
    return { value: result.value as Record<string, unknown>, errors: [] as FieldError[] };
  };
  const nameTaken = async (name: string, err: unknown): Promise<never> => {
    if (isDuplicateKeyError(err) && (await connectors.countDocuments({ name }, { limit: 1 })) > 0) {
      throw storeError('data', 'name-taken', `a connector named ${JSON.stringify(name)} already exists`, {
        fieldErrors: [{ path: '/name', message: 'is already used by another connector' }],
      });
    }
    throw err;
  };

  /**
   * Moves `doc` to its next revision with `set`, unless another writer already claimed that revision ('lost').
   * The claim insert is the only atomic step FerretDB v1 offers (a unique _id), so it decides the winner; the claim
   * also carries the change, so a writer that died between claim and write is completed by the next one.
   */
  const commit = async (doc: ConnectorDocument, set: Partial<ConnectorDocument>): Promise<'won' | 'lost'> => {
    const revision = doc.revision + 1;
    const claimId = `${doc._id}:${revision}`;
    try {
      await claims.insertOne({ _id: claimId, connectorId: doc._id, revision, set, claimedAt: new Date() });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await completeAbandoned(doc, claimId);
      return 'lost';
    }
    try {
      const { matchedCount } = await connectors.updateOne(
        { _id: doc._id, revision: doc.revision },
        { $set: { ...set, revision } },
      );
      if (matchedCount === 0) {
        await claims.deleteOne({ _id: claimId });
        return 'lost'; // deleted meanwhile; the caller's next read says so
      }
    } catch (err) {
      await claims.deleteOne({ _id: claimId }).catch(() => undefined); // e.g. the new name is taken: free the claim
      return nameTaken(set.name ?? doc.name, err);
    }
    // The latest claim stays: a writer still holding the old revision must keep losing.
    await claims.deleteMany({ connectorId: doc._id, revision: { $lt: revision } });
    return 'won';
  };
  const completeAbandoned = async (doc: ConnectorDocument, claimId: string): Promise<void> => {
    const claim = await claims.findOne({ _id: claimId });
    if (!claim || Date.now() - claim.claimedAt.getTime() < STALE_CLAIM_MS) return;
    try {
      await connectors.updateOne(
        { _id: doc._id, revision: doc.revision },
        { $set: { ...claim.set, revision: claim.revision } },
      );
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await claims.deleteOne({ _id: claimId, claimedAt: claim.claimedAt }); // its name was taken since: drop it
    }
  };
  /**
   * Reads, computes a change (undefined: nothing to do) and commits it; on losing a race it starts over from the
   * newer state, unless the caller pinned a revision, which then no longer holds.
   */
  const mutate = async (
    id: string,
    expectedRevision: number | undefined,
    change: (doc: ConnectorDocument) => Partial<ConnectorDocument> | undefined,
  ): Promise<ConnectorView> => {
    for (let attempt = 1; ; attempt++) {
      const doc = await find(id);
      if (expectedRevision !== undefined && doc.revision !== expectedRevision) {
        throw revisionMismatch(id, expectedRevision, doc.revision);
      }
      const set = change(doc);
      if (!set) return view(doc);
      if ((await commit(doc, set)) === 'won') return view({ ...doc, ...set, revision: doc.revision + 1 });
      if (expectedRevision !== undefined || attempt >= UPDATE_ATTEMPTS) {
        throw revisionMismatch(id, expectedRevision ?? doc.revision, undefined);
      }
    }
  };

  return {
    async ensureIndexes() {
      await connectors.createIndex({ name: 1 }, { unique: true, name: 'connectors_name_unique' });
      await claims.createIndex({ connectorId: 1, revision: 1 }, { name: 'connector_revisions_connector' });
    },

    async create(input) {
      const manifest = types.getConnectorType(input.type);
      const errors = checkName(input.name);
      if (!manifest) {
        const known = types.listConnectorTypes().map((m) => m.type);
        errors.push({ path: '/type', message: `is not a known connector type (known: ${known.join(', ')})` });
        throw invalid(errors);
      }
      const checked = validatePlain(manifest, input.config);
      errors.push(...checked.errors);
      if (errors.length || !checked.value) throw invalid(errors);
      const now = new Date();
      const doc: ConnectorDocument = {
        _id: newConnectorId(),
        name: input.name,
        type: manifest.type,
        typeVersion: manifest.version,
        kind: manifest.kind,
        status: 'active',
        pausedReason: null,
        pausedAt: null,
        config: encryptSecrets(manifest.configSchema, checked.value, box),
        revision: 1,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await connectors.insertOne(doc);
      } catch (err) {
        await nameTaken(doc.name, err);
      }
      return view(doc);
    },

    async get(id) {
      return view(await find(id));
    },

    async list(query = {}) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const errors: FieldError[] = [];
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        errors.push({ path: '/limit', message: `must be an integer from 1 to ${MAX_LIMIT}` });
      }
      if (query.kind !== undefined && !CONNECTOR_KINDS.includes(query.kind)) {
        errors.push({ path: '/kind', message: `must be one of ${CONNECTOR_KINDS.join(', ')}` });
      }
      if (query.status !== undefined && query.status !== 'active' && query.status !== 'paused') {
        errors.push({ path: '/status', message: 'must be one of active, paused' });
      }
      if (errors.length) throw invalid(errors, 'invalid connector listing');
      const filter: Filter<ConnectorDocument> = {};
      if (query.type !== undefined) filter.type = query.type;
      if (query.kind !== undefined) filter.kind = query.kind;
      if (query.status !== undefined) filter.status = query.status;
      return pageById(
        connectors,
        filter,
        { ...(query.cursor === undefined ? {} : { cursor: query.cursor }), limit, codec: CURSOR },
        view,
      );
    },

    async update(id, input) {
      const nameErrors = input.name === undefined ? [] : checkName(input.name);
      if (nameErrors.length) throw invalid(nameErrors);
      if (input.config !== undefined && !isRecord(input.config)) {
        throw invalid([{ path: '/config', message: 'must be an object (a JSON merge patch of the config)' }]);
      }
      return mutate(id, input.expectedRevision, (doc) => {
        const set: Partial<ConnectorDocument> = { updatedAt: new Date() };
        if (input.name !== undefined) set.name = input.name;
        if (input.config !== undefined) {
          const manifest = manifestOf(doc);
          const schema = manifest.configSchema;
          const patch = structuredClone(input.config);
          for (const path of secretPaths(schema)) {
            // "***" (what a view shows) means "keep the stored secret": drop it from the patch.
            if (getAt(patch, path) === SECRET_MASK) deleteAt(patch, path);
          }
          const checked = validatePlain(manifest, mergePatch(decryptSecrets(schema, doc.config, box), patch));
          if (checked.errors.length || !checked.value) throw invalid(checked.errors);
          set.config = encryptSecrets(schema, checked.value, box);
          set.typeVersion = manifest.version;
        }
        return set;
      });
    },

    async delete(id) {
      const { deletedCount } = ID_PATTERN.test(id)
        ? await connectors.deleteOne({ _id: id })
        : { deletedCount: 0 };
      if (deletedCount === 0) throw notFound(id);
      await claims.deleteMany({ connectorId: id });
    },

    async pause(id, reason) {
      if (typeof reason !== 'string' || !reason.trim() || reason.length > 500) {
        throw invalid([{ path: '/reason', message: 'must be 1–500 characters' }]);
      }
      // Pausing a paused connector changes nothing: it keeps its first reason.
      return mutate(id, undefined, (doc) => {
        if (doc.status === 'paused') return undefined;
        const now = new Date();
        return { status: 'paused', pausedReason: reason.trim(), pausedAt: now, updatedAt: now };
      });
    },

    async resume(id) {
      return mutate(id, undefined, (doc) =>
        doc.status === 'active'
          ? undefined
          : { status: 'active', pausedReason: null, pausedAt: null, updatedAt: new Date() },
      );
    },

    async getDecryptedConfig(id) {
      const doc = await find(id);
      const manifest = manifestOf(doc);
      return {
        id: doc._id,
        name: doc.name,
        type: doc.type,
        kind: doc.kind,
        status: doc.status,
        revision: doc.revision,
        config: decryptSecrets(manifest.configSchema, doc.config, box),
      };
    },
  };
}

function revisionMismatch(id: string, expected: number, actual: number | undefined): HubError {
  const now = actual === undefined ? 'it changed meanwhile' : `it is now at revision ${actual}`;
  return storeError(
    'data',
    'revision-mismatch',
    `connector ${id} was not updated: expected revision ${expected}, but ${now}; reload it and apply the change again`,
  );
}
