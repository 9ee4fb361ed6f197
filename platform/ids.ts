import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A random id of `length` lowercase base32 characters (5 bits each) with a type prefix, e.g. `key_…`. */
export function newId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (let i = 0; i < length; i++) id += BASE32[bytes[i]! & 31];
  return `${prefix}_${id}`;
}
