/**
 * The connector contract: one vitest suite, run against every connector, proving what the hub relies on without
 * knowing the connector — its manifest, its config schema and secrets, and a check() that reports rather than throws.
 * Kind-specific expectations live in KIND_RULES, so the next ERP connector is held to what the first one was.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import {
  createSecretBox,
  decryptSecrets,
  encryptSecrets,
  maskSecrets,
  SECRET_MASK,
} from '../../platform/secrets';
import { compileConfigSchema, secretPaths, validateConnectorConfig } from '../config';
import { getAt } from './json-pointer';
import { COMMERCE_OPERATIONS } from './ports/commerce';
import { ERP_OPERATIONS } from './ports/erp';
import { SUPPLIER_PORTAL_OPERATIONS } from './ports/supplier-portal';
import { WMS_OPERATIONS } from './ports/wms';
import { CONNECTOR_KINDS, RETRY_POLICY_SCHEMA } from './types';
import type { CheckResult, ConnectorDeps, ConnectorKind, ConnectorManifest } from './types';

/** A config the schema must reject, and the JSON pointer its error must name. */
export interface InvalidConfigCase {
  name: string;
  config: unknown;
  path: string;
}

/** What the contract needs from a connector's own test file. */
export interface ContractOptions {
  /** A config as a person would enter it; it must set every secret field, so masking is proven for each. */
  validConfig: () => unknown;
  invalidConfigs: InvalidConfigCase[];
  /** A valid config (as entered) whose endpoint nothing answers on, e.g. a closed local port. */
  unreachableConfig: () => unknown;
  deps?: ConnectorDeps;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TYPE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** Field names that hold credentials; each must be marked x-secret. */
const LOOKS_SECRET = /password|passphrase|secret|token|private.?key|api.?key|credential/i;

/** What each kind must declare beyond the common capabilities. */
const KIND_RULES: Record<ConnectorKind, (manifest: ConnectorManifest) => void> = {
  edi: (m) => {
    expect(m.capabilities.transports?.length, 'an EDI connector declares its transports').toBeGreaterThan(0);
    expect(
      Array.isArray(m.capabilities.ediTransactionSets),
      'an EDI connector declares ediTransactionSets',
    ).toBe(true);
    for (const set of m.capabilities.ediTransactionSets ?? []) expect(set).toMatch(/^\d{3}$/);
  },
  erp: (m) => declaresPort(m, ERP_OPERATIONS),
  wms: (m) => declaresPort(m, WMS_OPERATIONS),
  commerce: (m) => declaresPort(m, COMMERCE_OPERATIONS),
  'supplier-portal': (m) => declaresPort(m, SUPPLIER_PORTAL_OPERATIONS),
};

/** A connector of a port's kind declares every operation of the port, so the flows can count on each. */
function declaresPort(manifest: ConnectorManifest, operations: readonly string[]): void {
  const missing = operations.filter((op) => !manifest.capabilities.operations.includes(op));
  expect(missing, `${manifest.type} must declare every operation of its port`).toEqual([]);
}

/** "list-inbound" → "listInbound": the instance method that implements a declared operation. */
export function operationMethod(operation: string): string {
  return operation.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function propertyNames(schema: unknown, prefix = ''): string[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.entries(properties).flatMap(([name, child]) => [
    `${prefix}/${name}`,
    ...propertyNames(child, `${prefix}/${name}`),
  ]);
}

/** Registers the contract tests for one connector type. */
export function describeConnectorContract<Config extends object>(
  manifest: ConnectorManifest<Config>,
  options: ContractOptions,
): void {
  const deps = options.deps ?? { logger: createLogger('test', 'silent') };
  const validated = (config: unknown = options.validConfig()): Config => {
    const result = validateConnectorConfig(manifest, config);
    if (!result.valid) throw new Error(`the contract's config is invalid: ${JSON.stringify(result.errors)}`);
    return result.value;
  };

  describe(`connector contract: ${manifest.type}`, () => {
    it('declares its identity: type, semver version, kind, display name and description', () => {
      expect(manifest.type).toMatch(TYPE_NAME);
      expect(manifest.version).toMatch(SEMVER);
      expect(CONNECTOR_KINDS).toContain(manifest.kind);
      expect(manifest.displayName.trim()).not.toBe('');
      expect(manifest.description.trim()).not.toBe('');
    });

    it('declares its capabilities, including those its kind requires', () => {
      const { capabilities } = manifest;
      expect(typeof capabilities.supportsWebhooks).toBe('boolean');
      expect(capabilities.operations.length).toBeGreaterThan(0);
      for (const op of capabilities.operations) expect(op).toMatch(TYPE_NAME);
      expect(new Set(capabilities.operations).size).toBe(capabilities.operations.length);
      KIND_RULES[manifest.kind](manifest);
      // A connector that says it receives webhooks says how to verify them, and only then.
      expect(manifest.webhooks !== undefined, 'webhooks receiver present exactly when supportsWebhooks').toBe(
        capabilities.supportsWebhooks,
      );
    });

    it('builds an instance with a method for every declared operation, without connecting', () => {
      const instance = manifest.create(validated(), deps) as Record<string, unknown>;
      for (const op of manifest.capabilities.operations) {
        expect(typeof instance[operationMethod(op)], `method ${operationMethod(op)} for "${op}"`).toBe(
          'function',
        );
      }
    });

    it('has a config schema that compiles, names every field and accepts an optional retry policy', () => {
      const { configSchema } = manifest;
      expect(configSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(() => compileConfigSchema(configSchema)).not.toThrow();
      expect(configSchema.additionalProperties).toBe(false);
      expect(configSchema.properties.retry).toEqual(RETRY_POLICY_SCHEMA);
      expect(configSchema.required ?? []).not.toContain('retry');
      const retried = validateConnectorConfig(manifest, { ...(options.validConfig() as object), retry: {} });
      expect(retried.valid && (retried.value as { retry?: unknown }).retry).toEqual({
        maximumAttempts: expect.any(Number) as unknown,
        initialIntervalMs: expect.any(Number) as unknown,
        backoffCoefficient: expect.any(Number) as unknown,
        maximumIntervalMs: expect.any(Number) as unknown,
      });
    });

    it('marks every credential field x-secret, as a string', () => {
      const secrets = secretPaths(manifest.configSchema);
      for (const path of propertyNames(manifest.configSchema)) {
        const name = path.split('/').at(-1) ?? '';
        if (LOOKS_SECRET.test(name)) expect(secrets, `${path} looks like a credential`).toContain(path);
      }
      for (const path of secrets) {
        const node = getAt(manifest.configSchema, path.split('/').join('/properties/'));
        expect((node as { type?: unknown }).type, `${path} is a string`).toBe('string');
      }
    });

    it('masks every secret field and keeps plain text out of what it stores', () => {
      const config = validated();
      const secrets = secretPaths(manifest.configSchema);
      const values = secrets.map((p) => getAt(config, p));
      values.forEach((v, i) => expect(typeof v, `validConfig sets ${secrets[i]}`).toBe('string'));

      const masked = maskSecrets(manifest.configSchema, config);
      for (const path of secrets) expect(getAt(masked, path)).toBe(SECRET_MASK);
      const box = createSecretBox(randomBytes(32));
      const stored = encryptSecrets(manifest.configSchema, config, box);
      for (const value of values) {
        expect(JSON.stringify(masked)).not.toContain(JSON.stringify(value).slice(1, -1));
        expect(JSON.stringify(stored)).not.toContain(JSON.stringify(value).slice(1, -1));
      }
      expect(decryptSecrets(manifest.configSchema, stored, box)).toEqual(config);
    });

    it('accepts the valid config', () => {
      expect(validateConnectorConfig(manifest, options.validConfig())).toMatchObject({ valid: true });
    });

    it.each(options.invalidConfigs)('rejects $name, naming $path', ({ config, path }) => {
      const result = validateConnectorConfig(manifest, config);
      expect(result.valid).toBe(false);
      if (result.valid) return;
      expect(result.errors.map((e) => e.path)).toContain(path);
      for (const error of result.errors) expect(error.message.trim()).not.toBe('');
    });

    it('reports an unreachable endpoint as a failed transient check instead of throwing', async () => {
      const config = validated(await options.unreachableConfig());
      const result: CheckResult = await manifest.check(config, deps);
      expect(result.ok).toBe(false);
      expect(result.checks.length).toBeGreaterThan(0);
      for (const step of result.checks) {
        expect(step).toMatchObject({
          name: expect.any(String) as unknown,
          ok: expect.any(Boolean) as unknown,
        });
        expect(typeof step.message).toBe('string');
        expect(step.latencyMs).toBeGreaterThanOrEqual(0);
      }
      expect(result.checks.find((c) => !c.ok)?.errorKind).toBe('transient');
      for (const path of secretPaths(manifest.configSchema)) {
        const secret = getAt(config, path);
        if (typeof secret === 'string') expect(JSON.stringify(result)).not.toContain(secret);
      }
    });
  });
}
