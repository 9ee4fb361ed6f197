import { describe, expect, it } from 'vitest';
import { jsonDiff, pointerToken } from './json-diff';

describe('jsonDiff: what an edit changed, as pointers with old and new values', () => {
  it('lists a replaced leaf, an added key and a removed key with their values', () => {
    const before = { order: { id: 'so_1', lines: [{ item: { itemId: 'itm_x', sku: 'A' } }] } };
    const after = { order: { id: 'so_1', lines: [{ item: { sku: 'B', gtin: '0123' } }] } };
    expect(jsonDiff(before, after).changes).toEqual([
      { op: 'remove', path: '/order/lines/0/item/itemId', from: 'itm_x' },
      { op: 'replace', path: '/order/lines/0/item/sku', from: 'A', value: 'B' },
      { op: 'add', path: '/order/lines/0/item/gtin', value: '0123' },
    ]);
  });

  it('finds no change between equal values whatever their key order', () => {
    expect(jsonDiff({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toEqual({
      changes: [],
      omitted: 0,
    });
  });

  it('adds and removes array elements at the end, last first when removing', () => {
    expect(jsonDiff([1, 2, 3], [1]).changes).toEqual([
      { op: 'remove', path: '/2', from: 3 },
      { op: 'remove', path: '/1', from: 2 },
    ]);
    expect(jsonDiff([1], [1, 5]).changes).toEqual([{ op: 'add', path: '/1', value: 5 }]);
  });

  it('replaces a value whose type changed as a whole, and the root as ""', () => {
    expect(jsonDiff({ a: [1] }, { a: { 0: 1 } }).changes).toEqual([
      { op: 'replace', path: '/a', from: [1], value: { 0: 1 } },
    ]);
    expect(jsonDiff('x', 'y').changes).toEqual([{ op: 'replace', path: '', from: 'x', value: 'y' }]);
  });

  it('escapes ~ and / in keys (RFC 6901) and counts changes past the limit', () => {
    expect(pointerToken('a/b~c')).toBe('a~1b~0c');
    expect(jsonDiff({ 'a/b': 1 }, { 'a/b': 2 }).changes[0]?.path).toBe('/a~1b');
    const before = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i + 1]));
    const diff = jsonDiff(before, after, 4);
    expect(diff.changes).toHaveLength(4);
    expect(diff.omitted).toBe(6);
  });
});
