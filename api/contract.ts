/** The API contract: operations read from the generated OpenAPI document, with their validators and roles. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { toFieldErrors as canonicalFieldErrors } from '../canonical-model/error-messages';
import { gs1CheckKeyword } from '../canonical-model/gtin';
import type { FieldError } from '../platform/errors';
import type { Role } from '../platform/roles';

/** One operation of the API as the router needs it. */
export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  expressPath: string;
  roles: Role[] | 'public';
  idempotent: boolean;
  /** The body is kept as received bytes and never used as a query (webhooks): field names are not restricted. */
  opaqueBody: boolean;
  bodyRequired: boolean;
  validateBody?: ValidateFunction;
  validateParams: ValidateFunction;
  validateQuery: ValidateFunction;
  /** Response validators by status code. */
  responses: Map<number, ValidateFunction | undefined>;
}

/** The served document and its operations. */
export interface Contract {
  document: Record<string, unknown>;
  operations: Operation[];
}

const DOC_ID = 'urn:distribution-hub:openapi';
const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;

interface RefOr {
  $ref?: string;
}
interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: object;
}
interface MediaObject {
  schema?: object;
}
interface OperationObject {
  operationId: string;
  'x-roles'?: string[];
  'x-idempotent'?: boolean;
  'x-opaque-body'?: boolean;
  parameters?: (ParameterObject & RefOr)[];
  requestBody?: { required?: boolean; content?: Record<string, MediaObject> } & RefOr;
  responses?: Record<string, { content?: Record<string, MediaObject> } & RefOr>;
}

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Loads the generated OpenAPI document and compiles a validator for every body, parameter set and response. */
export function loadContract(documentPath = new URL('./generated/openapi.json', import.meta.url)): Contract {
  const document = JSON.parse(readFileSync(documentPath, 'utf8')) as Record<string, unknown>;
  const schemaAjv = addFormats(new Ajv2020({ strict: false, allErrors: true, verbose: true }));
  const paramAjv = addFormats(
    new Ajv2020({ strict: false, allErrors: true, verbose: true, coerceTypes: true, useDefaults: true }),
  );
  // The canonical schemas' own keyword: GS1 check digits are checked at the API edge too.
  for (const ajv of [schemaAjv, paramAjv]) ajv.addKeyword(gs1CheckKeyword);
  schemaAjv.addSchema({ ...document, $id: DOC_ID });
  paramAjv.addSchema({ ...document, $id: DOC_ID });

  const deref = <T>(obj: T & RefOr): T => {
    if (!obj.$ref) return obj;
    const parts = obj.$ref.replace(/^#\//, '').split('/');
    let node: unknown = document;
    for (const part of parts)
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as T;
  };

  const operations: Operation[] = [];
  const paths = document.paths as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters as (ParameterObject & RefOr)[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const params = [...shared, ...(op.parameters ?? [])].map((p) => deref(p));
      const group = (where: 'path' | 'query') => {
        const ps = params.filter((p) => p.in === where);
        return paramAjv.compile({
          type: 'object',
          properties: Object.fromEntries(ps.map((p) => [p.name, p.schema ?? {}])),
          required: ps.filter((p) => p.required).map((p) => p.name),
          additionalProperties: where === 'path',
        });
      };
      const body = op.requestBody ? deref(op.requestBody) : undefined;
      const basePointer = pointer('paths', path, method);
      const compileMedia = (
        owner: RefOr,
        ownPointer: string,
        content: Record<string, MediaObject> | undefined,
      ) => {
        const media = Object.entries(content ?? {}).find(([type]) => type.includes('json'));
        if (!media?.[1].schema) return undefined;
        const base = owner.$ref ? owner.$ref.replace(/^#\//, '') : ownPointer;
        return schemaAjv.compile({ $ref: `${DOC_ID}#/${base}/content/${pointer(media[0])}/schema` });
      };
      const responses = new Map<number, ValidateFunction | undefined>();
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        responses.set(
          Number(status),
          compileMedia(response, `${basePointer}/responses/${status}`, deref(response).content),
        );
      }
      const validateBody = op.requestBody
        ? compileMedia(op.requestBody, `${basePointer}/requestBody`, body?.content)
        : undefined;
      const roles = op['x-roles'] ?? [];
      if (!roles.length) throw new Error(`${op.operationId}: every operation must declare x-roles`);
      operations.push({
        operationId: op.operationId,
        method,
        path,
        expressPath: path.replace(/\{(\w+)\}/g, ':$1'),
        roles: roles.includes('public') ? 'public' : (roles as Role[]),
        idempotent: op['x-idempotent'] === true,
        opaqueBody: op['x-opaque-body'] === true,
        bodyRequired: body?.required === true,
        ...(validateBody ? { validateBody } : {}),
        validateParams: group('path'),
        validateQuery: group('query'),
        responses,
      });
    }
  }
  return { document, operations };
}

/** ajv errors as FieldErrors, worded as the canonical model words them, with paths under `prefix` (e.g. "/query"). */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  return canonicalFieldErrors(errors ?? []).map((e) => ({
    path: prefix && e.path === '/' ? prefix : `${prefix}${e.path}`,
    message: e.message,
  }));
}
