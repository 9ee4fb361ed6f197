/**
 * Validation of connector configs against their manifest's JSON Schema (draft 2020-12), with errors a person can
 * act on: a JSON pointer to the field and a sentence naming what is wrong. Values are never echoed, so a secret
 * typed into the wrong field cannot leak through an error message.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldError } from '../platform/errors';
import { escapeSegment } from './sdk/json-pointer';
import type { ConfigSchema, ConnectorManifest, JsonSchema } from './sdk/types';

/** The outcome of validating a config: the value with schema defaults applied, or every problem at once. */
export type ConfigValidation<Config> =
  { valid: true; value: Config } | { valid: false; errors: FieldError[] };

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<ConfigSchema, ValidateFunction>();

function compiler(): Ajv2020 {
  if (!ajv) {
    // verbose: error objects carry parentSchema, used to list the allowed fields; their `data` is never read.
    ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: true, verbose: true, logger: false });
    addFormats(ajv);
    ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
  }
  return ajv;
}

/** Compiles (once per schema object) a connector config schema; throws when the schema itself is invalid. */
export function compileConfigSchema(schema: ConfigSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = compiler().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Validates `config` against the manifest's schema; on success `value` is a copy with defaults filled in. */
export function validateConnectorConfig<Config extends object>(
  manifest: ConnectorManifest<Config, unknown>,
  config: unknown,
): ConfigValidation<Config> {
  const validate = compileConfigSchema(manifest.configSchema);
  const value: unknown = config === undefined ? undefined : structuredClone(config);
  if (validate(value)) return { valid: true, value: value as Config };
  return { valid: false, errors: toFieldErrors(validate.errors ?? []) };
}

/** Turns Ajv errors into field errors with JSON-pointer paths and readable messages, one per problem. */
export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const fieldError = toFieldError(error);
    if (!fieldError) continue;
    const key = `${fieldError.path}\n${fieldError.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fieldError);
  }
  return out;
}

function toFieldError(error: ErrorObject): FieldError | undefined {
  const parent: JsonSchema | undefined = error.parentSchema;
  switch (error.keyword) {
    case 'required': {
      const { missingProperty } = error.params as { missingProperty: string };
      return { path: `${error.instancePath}/${escapeSegment(missingProperty)}`, message: 'is required' };
    }
    case 'additionalProperties': {
      const { additionalProperty } = error.params as { additionalProperty: string };
      const allowed = Object.keys(parent?.properties ?? {});
      return {
        path: `${error.instancePath}/${escapeSegment(additionalProperty)}`,
        message:
          `unknown field ${JSON.stringify(additionalProperty)}` +
          (allowed.length ? `; allowed fields: ${allowed.join(', ')}` : '; no fields are allowed here'),
      };
    }
    case 'type': {
      const { type } = error.params as { type: string };
      return { path: error.instancePath, message: `must be ${withArticle(type)}` };
    }
    case 'pattern':
    case 'format':
      return {
        path: error.instancePath,
        message: parent?.description
          ? `is not in the expected form: ${parent.description}`
          : (error.message ?? 'is not in the expected form'),
      };
    case 'enum': {
      const { allowedValues } = error.params as { allowedValues: unknown[] };
      return {
        path: error.instancePath,
        message: `must be one of ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }
    case 'if':
      return undefined; // the failing "then"/"else" branch reports the real problem
    default:
      return { path: error.instancePath, message: error.message ?? `fails "${error.keyword}"` };
  }
}

function withArticle(type: string): string {
  const names = type
    .split(',')
    .map((t) => (t === 'integer' ? 'an integer' : t === 'object' ? 'an object' : `a ${t}`));
  return names.join(' or ');
}

/** JSON pointers of every field marked "x-secret": true, nested objects included (e.g. "/auth/password"). */
export function secretPaths(schema: JsonSchema): string[] {
  const paths: string[] = [];
  const walk = (node: JsonSchema, prefix: string): void => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = `${prefix}/${escapeSegment(name)}`;
      if (child['x-secret'] === true) paths.push(path);
      else walk(child, path);
    }
  };
  walk(schema, '');
  return paths;
}
