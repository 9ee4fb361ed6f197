/**
 * The difference between two JSON values as RFC 6902-style operations on RFC 6901 pointers, each carrying the old
 * value (`from`) as well as the new one, so a person reading a dead letter's history sees exactly what an edit
 * changed and could undo it. Arrays are compared index by index (a removed line shows as the lines after it
 * changing and the last one removed), which is what a support person editing a payload by hand expects to read.
 */
import { isDeepStrictEqual } from 'node:util';

/** One change: `path` is an RFC 6901 pointer into the edited value. */
export interface JsonChange {
  op: 'add' | 'remove' | 'replace';
  path: string;
  /** The value before (remove, replace). */
  from?: unknown;
  /** The value after (add, replace). */
  value?: unknown;
}

/** The changes (at most `limit`) and how many more there were. */
export interface JsonDiff {
  changes: JsonChange[];
  omitted: number;
}

/** Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** True for a JSON object (not an array, not null). */
export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changes that turn `before` into `after`, leaves first found first; at most `limit` are listed. */
export function jsonDiff(before: unknown, after: unknown, limit = 100): JsonDiff {
  const changes: JsonChange[] = [];
  let omitted = 0;
  const push = (c: JsonChange) => {
    if (changes.length < limit) changes.push(c);
    else omitted += 1;
  };
  const walk = (a: unknown, b: unknown, path: string) => {
    if (isDeepStrictEqual(a, b)) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      const shared = Math.min(a.length, b.length);
      for (let i = 0; i < shared; i++) walk(a[i], b[i], `${path}/${i}`);
      for (let i = shared; i < b.length; i++) push({ op: 'add', path: `${path}/${i}`, value: b[i] });
      for (let i = a.length - 1; i >= shared; i--) push({ op: 'remove', path: `${path}/${i}`, from: a[i] });
      return;
    }
    if (isJsonObject(a) && isJsonObject(b)) {
      for (const key of Object.keys(a)) {
        const at = `${path}/${pointerToken(key)}`;
        if (!Object.prototype.hasOwnProperty.call(b, key)) push({ op: 'remove', path: at, from: a[key] });
        else walk(a[key], b[key], at);
      }
      for (const key of Object.keys(b))
        if (!Object.prototype.hasOwnProperty.call(a, key))
          push({ op: 'add', path: `${path}/${pointerToken(key)}`, value: b[key] });
      return;
    }
    push({ op: 'replace', path, from: a, value: b });
  };
  walk(before, after, '');
  return { changes, omitted };
}
