import { compile } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, SCHEMA_NAMES, schemaId } from './document-types';
import { canonicalSchemas, loadSchemas } from './schemas';
import type { JsonSchemaObject } from './schemas';
import { createCanonicalAjv } from './validate';

type Node = Record<string, unknown>;
const schemas = loadSchemas();
const registry = new Map(schemas.map((s) => [s.id, s.schema]));

/** Every subschema with its JSON pointer inside its file. */
function walk(node: unknown, at: string, visit: (schema: Node, at: string) => void): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Node, at);
    for (const [k, v] of Object.entries(node))
      if (!['enum', 'examples', 'x-messages'].includes(k)) walk(v, `${at}/${k}`, visit);
  }
}

function resolves(ref: string, base: JsonSchemaObject): boolean {
  const [id, fragment = ''] = ref.split('#');
  const target = id === '' ? base : registry.get(id ?? '');
  if (target === undefined) return false;
  let node: unknown = target;
  for (const token of fragment.split('/').slice(1)) node = (node as Node | undefined)?.[token];
  return node !== undefined;
}

describe.each(schemas.map((s) => [s.name, s] as const))('%s schema', (name, { schema }) => {
  it('is draft 2020-12 with a URN $id and no network references', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`urn:distribution-hub:canonical:v1:${name}`);
    walk(schema, '', (node, at) => {
      if (typeof node.$ref !== 'string') return;
      expect(node.$ref, at).toMatch(/^(#|urn:distribution-hub:canonical:v1:common#)\/\$defs\/\w+$/);
      expect(resolves(node.$ref, schema), `${at}: ${node.$ref}`).toBe(true);
    });
  });

  it('forbids unknown fields in every object, and guards the keys of free-form maps', () => {
    walk(schema, '', (node, at) => {
      if (node.type !== 'object') return;
      if (node.additionalProperties === false) return;
      // A free-form map: its keys must not be read by MongoDB as operators or paths.
      expect(node.propertyNames, `${at} allows unknown fields without propertyNames`).toEqual({
        $ref: '#/$defs/attributeKey',
      });
    });
  });

  it('says in its own words what every pattern and format expects', () => {
    walk(schema, '', (node, at) => {
      const messages = (node['x-messages'] ?? {}) as Record<string, unknown>;
      if (node.pattern !== undefined)
        expect(typeof messages.pattern, `${at} has a pattern but no message`).toBe('string');
      if (node.format !== undefined)
        expect(typeof messages.format, `${at} has a format but no message`).toBe('string');
    });
  });

  it('titles and describes every definition, so each generated type has a stable name and a doc comment', () => {
    for (const [def, value] of Object.entries((schema.$defs ?? {}) as Record<string, Node>)) {
      expect(typeof value.title, def).toBe('string');
      expect(typeof value.description, def).toBe('string');
    }
  });

  if (name !== 'common') {
    it('carries the envelope every document has', () => {
      const doc = schema as { properties: Record<string, Node>; required: string[] };
      expect(doc.required).toEqual(
        expect.arrayContaining(['schemaVersion', 'documentType', 'id', 'legalEntityId', 'source']),
      );
      expect(doc.properties.documentType).toEqual({ const: name });
    });
  }
});

describe('reference resolution', () => {
  it('lets ajv (Ajv2020 with every schema added) resolve every reference', () => {
    const ajv = createCanonicalAjv();
    for (const name of SCHEMA_NAMES) expect(ajv.getSchema(schemaId(name)), name).toBeTypeOf('function');
  });

  it('lets json-schema-to-typescript resolve the URN references too, given a resolver over the registry', async () => {
    const resolver = {
      order: 1,
      canRead: /^urn:/i,
      read: (file: { url: string }) => JSON.stringify(registry.get(file.url.split('#')[0] ?? '')),
    };
    const source = await compile(registry.get(schemaId('sales-order'))!, 'SalesOrder', {
      bannerComment: '',
      format: false,
      $refOptions: { resolve: { urn: resolver } },
    });
    expect(source).toMatch(/export interface SalesOrder \{/);
    expect(source).toMatch(/export interface Money \{\s*amount: Amount;?\s*currency: CurrencyCode;?/);
    // It declares a shared type once per reference path (Money, Money1, …), which is why codegen.ts turns
    // shared references into imports from generated/common.ts instead.
    expect(source).toMatch(/export interface Money1 \{/);
  });

  it('covers every document type', () => {
    expect(schemas.map((s) => s.name)).toEqual(['common', ...DOCUMENT_TYPES]);
  });
});

describe('canonicalSchemas', () => {
  it('returns copies the caller may change without changing validation', () => {
    const first = canonicalSchemas();
    first[0]!.schema.$defs = {};
    expect(canonicalSchemas()[0]!.schema.$defs).not.toEqual({});
  });
});
