import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FieldError } from '../platform/errors';
import { DOCUMENT_TYPES, isDocumentType, schemaId } from './document-types';
import type { DocumentType } from './document-types';
import { MESSAGES_KEYWORD, describeValue, toFieldErrors } from './error-messages';
import type { CanonicalDocument, CanonicalDocumentByType } from './generated/index';
import { gs1CheckKeyword } from './gtin';
import { loadSchemas } from './schemas';
import type { CanonicalSchema } from './schemas';

// ajv-formats is CommonJS; its default export is the plugin function at run time.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;

/** The outcome of validating one document: the typed document, or every defect found. */
export type ValidationResult<T> = { valid: true; value: T } | { valid: false; errors: FieldError[] };

/** Validates canonical documents against the version-1 schemas. */
export interface CanonicalValidator {
  /** Checks `doc` against the schema of `documentType`; never throws, whatever `doc` is. */
  validate<T extends DocumentType>(
    documentType: T,
    doc: unknown,
  ): ValidationResult<CanonicalDocumentByType[T]>;
  validate(documentType: string, doc: unknown): ValidationResult<CanonicalDocument>;
}

/** Builds an ajv instance with every canonical schema, the formats and the hub's keywords. */
export function createCanonicalAjv(schemas: CanonicalSchema[] = loadSchemas()): Ajv2020 {
  // Strict, except that `required` inside anyOf and if/then may name properties declared by the parent schema.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.addKeyword(gs1CheckKeyword);
  ajv.addKeyword({
    keyword: MESSAGES_KEYWORD,
    schemaType: 'object',
    metaSchema: { type: 'object', additionalProperties: { type: 'string' } },
  });
  ajv.addSchema(schemas.map((s) => s.schema));
  return ajv;
}

function reasonOf(err: unknown): string {
  try {
    const message = err instanceof Error ? err.message : undefined;
    return typeof message === 'string' && message.length > 0 ? message.slice(0, 200) : 'unreadable value';
  } catch {
    return 'unreadable value';
  }
}

/** Compiles every document schema up front, so a broken schema fails at start-up and not on the first document. */
export function createCanonicalValidator(): CanonicalValidator {
  const ajv = createCanonicalAjv();
  const validators = new Map<string, ValidateFunction>();
  for (const type of DOCUMENT_TYPES) {
    const fn = ajv.getSchema(schemaId(type));
    if (fn === undefined) throw new Error(`canonical schema ${schemaId(type)} is missing`);
    validators.set(type, fn);
  }

  function validate(documentType: string, doc: unknown): ValidationResult<CanonicalDocument> {
    const fn = isDocumentType(documentType) ? validators.get(documentType) : undefined;
    if (fn === undefined) {
      return {
        valid: false,
        errors: [
          {
            path: '/documentType',
            message: `unknown document type ${describeValue(documentType)}; the types are ${DOCUMENT_TYPES.join(', ')}`,
          },
        ],
      };
    }
    try {
      if (fn(doc)) return { valid: true, value: doc as CanonicalDocument };
      const errors = toFieldErrors(fn.errors ?? []);
      return {
        valid: false,
        errors: errors.length ? errors : [{ path: '/', message: 'is not a valid document' }],
      };
    } catch (err) {
      // Hostile input (throwing getters, proxies) must not escape as an exception.
      return { valid: false, errors: [{ path: '/', message: `could not be validated: ${reasonOf(err)}` }] };
    }
  }

  return { validate };
}
