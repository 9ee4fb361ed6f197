/** RFC 7386 JSON merge patch, the format of connector config updates. */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies `patch` to a copy of `target`: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    // defineProperty: a "__proto__" key stays an ordinary field (which validation then rejects), not a prototype.
    Object.defineProperty(result, key, {
      value: mergePatch(result[key], value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
