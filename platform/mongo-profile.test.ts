import { describe, expect, it } from 'vitest';
import { commandShape } from './mongo-profile';

describe('command shapes of the Mongo profiler', () => {
  it('names the command, the collection and the filter keys with their operators, never the values', () => {
    expect(commandShape({ find: 'orders', filter: { status: 'open', flow: { $in: ['a'] } } }, 'find')).toBe(
      'find orders {status,flow:$in}',
    );
    expect(commandShape({ update: 'dedup', updates: [{ q: { _id: 'secret-id' } }] }, 'update')).toBe(
      'update dedup {_id}',
    );
    expect(
      commandShape({ aggregate: 'x', pipeline: [{ $match: { a: 1 } }, { $group: {} }] }, 'aggregate'),
    ).toBe('aggregate x {a}');
    expect(commandShape({ insert: 'ledger', documents: [{ sku: 'S' }] }, 'insert')).toBe('insert ledger {}');
  });
});
