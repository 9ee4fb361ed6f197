import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_NAMES, schemaId } from './document-types';
import type { SchemaName } from './document-types';

/** A JSON Schema document as parsed from its file. */
export type JsonSchemaObject = Record<string, unknown>;

/** One schema of the canonical model: its name, its `$id` and the schema itself. */
export interface CanonicalSchema {
  name: SchemaName;
  id: string;
  schema: JsonSchemaObject;
}

/** Folder of the version-1 schema files. */
export const SCHEMA_DIR = fileURLToPath(new URL('./schemas/v1/', import.meta.url));

/** The file name of a schema, e.g. `sales-order.schema.json`. */
export function schemaFileName(name: SchemaName): string {
  return `${name}.schema.json`;
}

/** Reads every schema of the explicit list from `dir`, checking that each file carries the `$id` its name implies. */
export function loadSchemas(dir: string = SCHEMA_DIR): CanonicalSchema[] {
  return SCHEMA_NAMES.map((name) => {
    const file = path.join(dir, schemaFileName(name));
    const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonSchemaObject;
    const id = schemaId(name);
    if (schema.$id !== id)
      throw new Error(`${file}: $id must be "${id}", found ${JSON.stringify(schema.$id)}`);
    return { name, id, schema };
  });
}

/** Every canonical schema (fresh copies the caller may keep or change), e.g. for the API's OpenAPI document. */
export function canonicalSchemas(): CanonicalSchema[] {
  return loadSchemas();
}
