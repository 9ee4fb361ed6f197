/**
 * The connector SDK: what every connector declares (its manifest) and what the hub may ask of it. Workflows
 * branch on declared capabilities, never on connector names.
 */
import type { HubErrorKind } from '../../platform/errors';
import type { HubLogger } from '../../monitoring/logger';
import type { WebhookReceiver } from './webhooks';

/** The kinds of external system the hub connects to; each kind has one contract suite. */
export type ConnectorKind = 'erp' | 'wms' | 'commerce' | 'edi' | 'supplier-portal';

/** Every connector kind, in display order. */
export const CONNECTOR_KINDS: readonly ConnectorKind[] = ['erp', 'wms', 'commerce', 'edi', 'supplier-portal'];

/** What a connector can do, declared by its manifest and never inferred from its name. */
export interface ConnectorCapabilities {
  /** True when the external system can push events to the hub. */
  supportsWebhooks: boolean;
  /** Operation names (kebab-case); the instance exposes each as a camelCase method. */
  operations: string[];
  /** X12 transaction sets handled, e.g. ['850', '856', '810'] (EDI connectors). */
  ediTransactionSets?: string[];
  /** Wire transports used, e.g. ['sftp'] or ['https']. */
  transports?: string[];
  /** Canonical object types this connector can be the system of record for. */
  objectTypes?: string[];
}

/** How Temporal retries an operation of this connector (mirrors Temporal's RetryPolicy, in milliseconds). */
export interface RetryPolicy {
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
}

/** The retry policy used when a connector config has no "retry" property (or leaves fields out). */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maximumAttempts: 5,
  initialIntervalMs: 1_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
});

/** A JSON Schema (draft 2020-12) node; `x-secret: true` marks a field encrypted at rest and masked in views. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  'x-secret'?: boolean;
  [keyword: string]: unknown;
}

/** The JSON Schema of a connector config: always an object that names every field it accepts. */
export interface ConfigSchema extends JsonSchema {
  $schema: 'https://json-schema.org/draft/2020-12/schema';
  type: 'object';
  properties: Record<string, JsonSchema> & { retry: JsonSchema };
  additionalProperties: false;
}

/** The schema of the optional "retry" property every connector config accepts; omitted fields use the default. */
export const RETRY_POLICY_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'How failed operations of this connector are retried; omitted fields use the hub default.',
  additionalProperties: false,
  properties: {
    maximumAttempts: {
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: DEFAULT_RETRY_POLICY.maximumAttempts,
    },
    initialIntervalMs: {
      type: 'integer',
      minimum: 100,
      maximum: 3_600_000,
      default: DEFAULT_RETRY_POLICY.initialIntervalMs,
    },
    backoffCoefficient: {
      type: 'number',
      minimum: 1,
      maximum: 10,
      default: DEFAULT_RETRY_POLICY.backoffCoefficient,
    },
    maximumIntervalMs: {
      type: 'integer',
      minimum: 100,
      maximum: 86_400_000,
      default: DEFAULT_RETRY_POLICY.maximumIntervalMs,
    },
  },
};

/** The "retry" property as a config holds it: any subset of the policy. */
export type RetryConfig = Partial<RetryPolicy>;

/** The full retry policy of a config: its "retry" property over the default. */
export function retryPolicyOf(config: { retry?: RetryConfig }): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...config.retry };
}

/** One named step of a connector check, e.g. "connect" or "list-inbound". */
export interface CheckStep {
  name: string;
  ok: boolean;
  /** Human-readable outcome; never contains a secret. */
  message: string;
  latencyMs: number;
  /** Why the step failed, when it did: decides whether waiting (transient) or a person (config) fixes it. */
  errorKind?: HubErrorKind;
}

/** The structured outcome of a connectivity and permission probe; `ok` only when every step passed. */
export interface CheckResult {
  ok: boolean;
  checks: CheckStep[];
}

/** What the hub hands a connector when it creates or checks one. */
export interface ConnectorDeps {
  logger: HubLogger;
  /**
   * The connector instance's id, written as `source.connectorId` on the canonical documents it reads; a check or
   * a test without a stored instance leaves it out and "unregistered" is used.
   */
  connectorId?: string;
}

/**
 * A connector type: identity, declared capabilities, the schema of its config, and how to build and probe it.
 * `create` and `check` receive a validated config with secrets decrypted and schema defaults applied.
 */
export interface ConnectorManifest<Config extends object = object, Instance = unknown> {
  /** Stable identifier stored with each connector instance, e.g. "edi-x12-sftp". */
  type: string;
  /** Semantic version of the connector implementation. */
  version: string;
  kind: ConnectorKind;
  displayName: string;
  description: string;
  capabilities: ConnectorCapabilities;
  configSchema: ConfigSchema;
  /** Builds an instance without doing I/O; connections are opened by its operations. */
  create(config: Config, deps: ConnectorDeps): Instance;
  /** Probes connectivity and permissions; reports expected failures in the result instead of throwing. */
  check(config: Config, deps: ConnectorDeps, signal?: AbortSignal): Promise<CheckResult>;
  /** How webhooks from this system are verified and read; absent when the system sends none. */
  webhooks?: WebhookReceiver<Config>;
}
