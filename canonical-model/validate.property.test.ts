import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FieldError } from '../platform/errors';
import { DOCUMENT_TYPES, isDocumentType } from './document-types';
import { loadFixture } from './fixtures/load-fixture';
import { createCanonicalValidator } from './validate';
import type { CanonicalValidator } from './validate';

let validator: CanonicalValidator;
beforeAll(() => {
  validator = createCanonicalValidator();
});

type Json = unknown;
type Container = Record<string, Json> | Json[];

function isContainer(v: Json): v is Container {
  return typeof v === 'object' && v !== null;
}

/** Every location inside a document, as the list of keys leading to it. */
function locations(value: Json, prefix: string[] = []): string[][] {
  if (!isContainer(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const here = [...prefix, key];
    return [here, ...locations((value as Record<string, Json>)[key], here)];
  });
}

function parentOf(doc: Json, path: string[]): Container | undefined {
  let node: Json = doc;
  for (const key of path.slice(0, -1)) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<string, Json>)[key];
  }
  return isContainer(node) ? node : undefined;
}

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json };

function apply(doc: Json, mutations: Mutation[]): Json {
  for (const m of mutations) {
    const all = locations(doc);
    if (all.length === 0) return doc;
    const path = all[m.at % all.length]!;
    const parent = parentOf(doc, path);
    const key = path[path.length - 1]!;
    if (parent === undefined) continue;
    const record = parent as Record<string, Json>;
    if (m.kind === 'replace') record[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete record[key];
    } else {
      const target = record[key];
      if (isContainer(target) && !Array.isArray(target)) target[m.key] = m.value;
    }
  }
  return doc;
}

/** Resolves a JSON pointer's parent in `doc`: every reported path must lead somewhere real. */
function pointerParentExists(doc: Json, pointer: string): boolean {
  if (pointer === '/') return true;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Json = doc;
  for (const token of tokens.slice(0, -1)) {
    if (!isContainer(node) || !Object.prototype.hasOwnProperty.call(node, token)) return false;
    node = (node as Record<string, Json>)[token];
  }
  return isContainer(node);
}

function checkRejection(doc: Json, errors: FieldError[]) {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.path).toMatch(/^\//);
    expect(error.message.trim().length).toBeGreaterThan(0);
    if (!error.message.startsWith('…and')) expect(pointerParentExists(doc, error.path)).toBe(true);
  }
}

const leaf = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    '-1',
    '1e3',
    '12.5',
    'EA',
    'BOX',
    '$where',
    '2025-03-31',
    '2025-03-31T10:00:00',
    0,
    -1,
    1e308,
  ),
  fc.string({ maxLength: 300 }),
  fc.double(),
  fc.bigInt(),
);
const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('$where', 'a.b', '__proto__', 'constructor', '~/'),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: leaf }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key, value: leaf }),
);

describe('validate on arbitrary input (property)', () => {
  it('never throws on mutated realistic documents, and names a real place for every defect', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOCUMENT_TYPES),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (type, ms) => {
          const doc = apply(loadFixture(type), ms);
          const result = validator.validate(type, doc);
          if (!result.valid) checkRejection(doc, result.errors);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws on random values of any shape, for any document type name', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...DOCUMENT_TYPES), fc.string()),
        fc.oneof(
          fc.anything({ maxDepth: 6, withBigInt: true, withMap: true, withSet: true }),
          fc.jsonValue(),
        ),
        (type, doc) => {
          const result = validator.validate(type, doc);
          expect(result.valid).toBe(false);
          if (result.valid) return;
          // An unknown type name is reported against the documentType the caller asked for, whatever the value.
          if (isDocumentType(type)) checkRejection(doc, result.errors);
          else
            expect(result.errors).toEqual([
              { path: '/documentType', message: expect.any(String) as unknown },
            ]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
