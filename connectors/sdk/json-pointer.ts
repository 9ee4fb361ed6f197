/** RFC 6901 JSON pointers over plain JSON objects, for the few places that address one field of a config. */

/** Escapes one property name for use as a pointer segment. */
export function escapeSegment(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Splits a pointer ("/a/b~1c") into its property names (["a", "b/c"]); "" is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Joins property names into a pointer. */
export function toPointer(names: readonly string[]): string {
  return names.map((n) => `/${escapeSegment(n)}`).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `pointer`, or undefined when any step of the way is missing or not an object. */
export function getAt(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const name of parsePointer(pointer)) {
    if (!isRecord(node) || !Object.hasOwn(node, name)) return undefined;
    node = node[name];
  }
  return node;
}

/** Replaces the value at an existing `pointer` in place; does nothing when the field is absent. */
export function replaceAt(doc: unknown, pointer: string, replace: (value: unknown) => unknown): void {
  const names = parsePointer(pointer);
  const last = names.pop();
  if (last === undefined) return;
  let node: unknown = doc;
  for (const name of names) {
    if (!isRecord(node) || !Object.hasOwn(node, name)) return;
    node = node[name];
  }
  if (isRecord(node) && Object.hasOwn(node, last)) node[last] = replace(node[last]);
}

/** Deletes the field at `pointer` in place, if present. */
export function deleteAt(doc: unknown, pointer: string): void {
  const names = parsePointer(pointer);
  const last = names.pop();
  if (last === undefined) return;
  let node: unknown = doc;
  for (const name of names) {
    if (!isRecord(node) || !Object.hasOwn(node, name)) return;
    node = node[name];
  }
  if (isRecord(node)) delete node[last];
}
