/** The connector store's public types: documents, views, inputs, queries and the store interface. */
import type { ConnectorKind, ConnectorManifest } from '../connectors/sdk/types';

/** Whether the worker runs a connector's flows; a paused connector keeps its config. */
export type ConnectorStatus = 'active' | 'paused';

/** The stored document; `config` holds `enc:v1:` tokens in its secret fields. */
export interface ConnectorDocument {
  _id: string;
  name: string;
  type: string;
  /** Manifest version the config was last validated against. */
  typeVersion: string;
  kind: ConnectorKind;
  status: ConnectorStatus;
  pausedReason: string | null;
  pausedAt: Date | null;
  config: Record<string, unknown>;
  /** Increments on every change; the API's ETag and the update's expectedRevision. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A connector as the API shows it: secrets are "***", dates are ISO strings. */
export interface ConnectorView {
  id: string;
  name: string;
  type: string;
  typeVersion: string;
  kind: ConnectorKind;
  status: ConnectorStatus;
  pausedReason: string | null;
  pausedAt: string | null;
  config: Record<string, unknown>;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A connector with its config decrypted, for the worker that runs it; never returned by the API. */
export interface DecryptedConnector {
  id: string;
  name: string;
  type: string;
  kind: ConnectorKind;
  status: ConnectorStatus;
  revision: number;
  config: Record<string, unknown>;
}

/** What creating a connector takes. */
export interface CreateConnectorInput {
  name: string;
  type: string;
  config: unknown;
}

/** A change to a connector: `config` is a JSON merge patch (RFC 7386); a secret sent as "***" keeps its value. */
export interface UpdateConnectorInput {
  name?: string;
  config?: unknown;
  /** When set, the update applies only if the stored revision is still this one. */
  expectedRevision?: number;
}

/** Filters and page of a listing; `cursor` is the opaque `nextCursor` of the previous page. */
export interface ListConnectorsQuery {
  type?: string;
  kind?: ConnectorKind;
  status?: ConnectorStatus;
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
}

/** One page of connectors in stable id order; `nextCursor` is null on the last page. */
export interface ConnectorPage {
  items: ConnectorView[];
  nextCursor: string | null;
}

/** Why a connector-store operation was refused, for callers that answer differently (404, 409). */
export type ConnectorErrorReason = 'not-found' | 'name-taken' | 'revision-mismatch';

/** Where the store finds connector types (the registry by default; tests may pass their own). */
export interface ConnectorTypeLookup {
  getConnectorType(type: string): ConnectorManifest | undefined;
  listConnectorTypes(): readonly ConnectorManifest[];
}

/** The connector-instance repository. */
export interface ConnectorStore {
  /** Creates the unique index on name (idempotent). */
  ensureIndexes(): Promise<void>;
  create(input: CreateConnectorInput): Promise<ConnectorView>;
  get(id: string): Promise<ConnectorView>;
  list(query?: ListConnectorsQuery): Promise<ConnectorPage>;
  update(id: string, input: UpdateConnectorInput): Promise<ConnectorView>;
  delete(id: string): Promise<void>;
  pause(id: string, reason: string): Promise<ConnectorView>;
  resume(id: string): Promise<ConnectorView>;
  /** The config with secrets decrypted; for the worker only, never for an API response or a log line. */
  getDecryptedConfig(id: string): Promise<DecryptedConnector>;
}
