import type { ErrorObject } from 'ajv';
import type { FieldError } from '../platform/errors';

/**
 * Turns ajv's errors into FieldErrors a person can act on. Paths are JSON pointers to the offending value (an
 * unknown or missing field is pointed at by its own name; the whole document is "/"). Schemas may carry
 * `"x-messages": { "<keyword>": "…" }` to say in their own words what a value must look like; `{value}` and
 * `{allowed}` in such a message are replaced by the value received and the allowed values.
 */

/** Name of the annotation keyword that holds per-keyword messages in a schema. */
export const MESSAGES_KEYWORD = 'x-messages';

/** At most this many errors are reported for one document; the rest are summarised. */
export const MAX_REPORTED_ERRORS = 100;

const MAX_LISTED = 40;
const MAX_FIELDS_LISTED = 12;

/** Escapes one JSON pointer reference token (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function pointer(instancePath: string, child?: string): string {
  const path = child === undefined ? instancePath : `${instancePath}/${escapePointerToken(child)}`;
  return path === '' ? '/' : path;
}

/** A short, safe description of any value for a message (never throws, never prints a whole document). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
      return `the number ${String(value)}`;
    case 'bigint':
      return `the integer ${value.toString().slice(0, 40)}`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function listOf(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return values.length > MAX_LISTED ? `${shown.join(', ')}, …` : shown.join(', ');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function schemaMessages(parentSchema: unknown): Record<string, unknown> {
  if (typeof parentSchema !== 'object' || parentSchema === null) return {};
  const messages = (parentSchema as Record<string, unknown>)[MESSAGES_KEYWORD];
  return typeof messages === 'object' && messages !== null ? (messages as Record<string, unknown>) : {};
}

function allowedValues(error: ErrorObject): readonly unknown[] {
  const params = error.params as { allowedValues?: unknown; allowedValue?: unknown };
  if (Array.isArray(params.allowedValues)) return params.allowedValues as unknown[];
  return params.allowedValue === undefined ? [] : [params.allowedValue];
}

function custom(error: ErrorObject, data: unknown): string | undefined {
  const template = schemaMessages(error.parentSchema)[error.keyword];
  if (typeof template !== 'string') return undefined;
  return template.replace('{value}', describeValue(data)).replace('{allowed}', listOf(allowedValues(error)));
}

function typeNames(expected: unknown): string {
  const types = Array.isArray(expected) ? expected.map(String) : String(expected).split(',');
  return types.map((t) => article(t === 'integer' ? 'whole number' : t)).join(' or ');
}

function unknownFieldMessage(field: string, parentSchema: unknown): string {
  const schema = (parentSchema ?? {}) as { properties?: unknown; title?: unknown };
  const names =
    typeof schema.properties === 'object' && schema.properties !== null ? Object.keys(schema.properties) : [];
  if (names.length > 0 && names.length <= MAX_FIELDS_LISTED) {
    return `unknown field "${field}"; the allowed fields here are ${listOf(names)}`;
  }
  const owner = typeof schema.title === 'string' ? `the canonical ${schema.title}` : 'this object';
  return `unknown field "${field}": it is not part of ${owner}`;
}

function defaultMessage(error: ErrorObject, data: unknown): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${typeNames(p.type)}, not ${describeValue(data)}`;
    case 'enum':
      return `${describeValue(data)} is not allowed; use one of ${listOf(allowedValues(error))}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}, not ${describeValue(data)}`;
    case 'pattern':
      return `${describeValue(data)} does not have the expected format (${String(p.pattern)})`;
    case 'format':
      return `${describeValue(data)} is not a valid ${String(p.format)}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters long`;
    case 'minItems':
      return `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${String(p.limit)} items`;
    case 'minProperties':
      return `must have at least ${String(p.limit)} field${p.limit === 1 ? '' : 's'}`;
    case 'maxProperties':
      return `must have at most ${String(p.limit)} fields`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}, not ${describeValue(data)}`;
    case 'uniqueItems':
      return `must not repeat a value (items ${String(p.j)} and ${String(p.i)} are the same)`;
    case 'anyOf':
    case 'oneOf':
      return 'does not match any of the allowed shapes';
    default:
      return error.message ?? `fails the "${error.keyword}" rule`;
  }
}

/** Translates one ajv error into a FieldError (or none, for errors that only wrap others). */
function translate(error: ErrorObject): FieldError | undefined {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'if' || error.keyword === 'propertyNames') return undefined;
  if (error.keyword === 'additionalProperties') {
    const field = String(p.additionalProperty);
    return {
      path: pointer(error.instancePath, field),
      message: unknownFieldMessage(field, error.parentSchema),
    };
  }
  if (error.keyword === 'required') {
    const field = String(p.missingProperty);
    return { path: pointer(error.instancePath, field), message: `required field "${field}" is missing` };
  }
  // An error about a property name (propertyNames): point at the key itself, the value there is irrelevant.
  const propertyName = (error as ErrorObject & { propertyName?: unknown }).propertyName;
  if (typeof propertyName === 'string') {
    const message = custom(error, propertyName) ?? `field name ${defaultMessage(error, propertyName)}`;
    return { path: pointer(error.instancePath, propertyName), message };
  }
  return {
    path: pointer(error.instancePath),
    message: custom(error, error.data) ?? defaultMessage(error, error.data),
  };
}

/**
 * Converts ajv errors (compiled with `verbose: true` so each error carries its schema and data) into readable
 * FieldErrors. Branch errors under an `anyOf` that has its own message are replaced by that one message.
 */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const summarisedBranches = errors
    .filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && custom(e, e.data) !== undefined)
    .map((e) => ({ instancePath: e.instancePath, schemaPath: `${e.schemaPath}/` }));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const insideSummarised = summarisedBranches.some(
      (b) => error.instancePath === b.instancePath && error.schemaPath.startsWith(b.schemaPath),
    );
    if (insideSummarised) continue;
    const fieldError = translate(error);
    if (fieldError === undefined) continue;
    const key = `${fieldError.path}\u0000${fieldError.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fieldError);
  }
  if (out.length > MAX_REPORTED_ERRORS) {
    const more = out.length - MAX_REPORTED_ERRORS;
    return [...out.slice(0, MAX_REPORTED_ERRORS), { path: '/', message: `…and ${more} more errors` }];
  }
  return out;
}
