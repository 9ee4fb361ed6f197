import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as canonical from './index';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

function exportedNames(source: string): string[] {
  return [...source.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  );
}

describe('canonical-model/index.ts', () => {
  it('re-exports by name only', () => {
    expect(read('./index.ts')).not.toMatch(/export \*/);
  });

  it('re-exports every generated type (UnitCode comes from uom.ts)', () => {
    const generated = exportedNames(read('./generated/index.ts')).concat(
      'CanonicalDocument',
      'CanonicalDocumentByType',
    );
    const exported = new Set(exportedNames(read('./index.ts')));
    expect(generated.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('exposes the validator, the schemas and the cross-reference store', () => {
    expect(Object.keys(canonical).sort()).toEqual(
      expect.arrayContaining([
        'canonicalSchemas',
        'createCanonicalValidator',
        'createCrossReferenceStore',
        'DOCUMENT_TYPES',
      ]),
    );
  });
});
