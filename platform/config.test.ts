import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('uses the documented loopback defaults when nothing is set', () => {
    const config = loadConfig({ HUB_SECRET_KEY: KEY });
    expect(config.api).toEqual({ host: '127.0.0.1', port: 8080, rateLimitPerMinute: 1200 });
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.kafka.brokers).toBe('127.0.0.1:9092');
    expect(config.mongo.uri).toBe('mongodb://127.0.0.1:27017/');
  });

  it('reads every variable from the environment', () => {
    const config = loadConfig({
      HUB_SECRET_KEY: KEY,
      HUB_API_PORT: '9000',
      HUB_TEMPORAL_ADDRESS: 'temporal:7233',
      HUB_KAFKA_BROKERS: 'k1:9092,k2:9092',
      HUB_MONGODB_URI: 'mongodb://mongo:27017/?replicaSet=rs0',
      HUB_LOG_LEVEL: 'debug',
    });
    expect(config.api.port).toBe(9000);
    expect(config.temporal.address).toBe('temporal:7233');
    expect(config.kafka.brokers).toBe('k1:9092,k2:9092');
    expect(config.mongo.uri).toBe('mongodb://mongo:27017/?replicaSet=rs0');
    expect(config.logLevel).toBe('debug');
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ HUB_API_PORT: '70000', HUB_MONGODB_URI: 'postgres://x', HUB_LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
      'HUB_API_PORT',
      'HUB_MONGODB_URI',
      'HUB_SECRET_KEY',
      'HUB_LOG_LEVEL',
    ]);
    expect((error as ConfigError).message).toContain('HUB_SECRET_KEY: is required');
    expect((error as ConfigError).message).toContain(
      'HUB_API_PORT: must be a port number 0–65535 (got "70000")',
    );
  });

  it('documents a default that itself passes validation for every optional variable', () => {
    for (const [name, spec] of Object.entries(CONFIG_VARIABLES)) {
      if ('required' in spec) continue;
      expect(spec.parse(spec.default), name).not.toHaveProperty('error');
    }
  });

  it('accepts only a 32-byte base64 secret key and a long bootstrap key', () => {
    const bad = (env: Record<string, string>) => () => loadConfig({ HUB_SECRET_KEY: KEY, ...env });
    expect(bad({ HUB_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /HUB_SECRET_KEY: must be 32/,
    );
    expect(bad({ HUB_BOOTSTRAP_ADMIN_KEY: 'short' })).toThrow(/HUB_BOOTSTRAP_ADMIN_KEY/);
    expect(loadConfig({ HUB_SECRET_KEY: KEY }).secrets.key).toHaveLength(32);
  });

  it('never puts the secret key in an error message', () => {
    const secretish = 'A'.repeat(30) + '!!';
    expect(() => loadConfig({ HUB_SECRET_KEY: secretish })).toThrow(ConfigError);
    try {
      loadConfig({ HUB_SECRET_KEY: secretish });
    } catch (err) {
      expect((err as Error).message).not.toContain(secretish);
    }
  });
});

describe('README', () => {
  it('documents every variable with its default', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name, spec] of Object.entries(CONFIG_VARIABLES)) {
      const shown = spec.default === '' ? '(none)' : `\`${spec.default}\``;
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      expect(row?.split('|').map((c) => c.trim())[2], name).toBe(shown);
    }
  });
});
