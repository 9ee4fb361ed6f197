import type { Request, Response, NextFunction } from 'express';
import type { Operation } from '../contract';
import { toFieldErrors } from '../contract';
import type { FieldError } from '../../platform/errors';
import { HttpProblem, problem } from '../problem';

const MAX_DEPTH = 32;

/**
 * Finds keys that MongoDB would read as operators or paths (`$where`, `a.b`) anywhere in a body, so user data can
 * never become a query operator — checked before any schema, for every route.
 */
export function operatorKeys(value: unknown, path = '', depth = 0): FieldError[] {
  if (depth > MAX_DEPTH) return [{ path: path || '/', message: `is nested deeper than ${MAX_DEPTH} levels` }];
  if (Array.isArray(value)) return value.flatMap((v, i) => operatorKeys(v, `${path}/${i}`, depth + 1));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const here = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const own =
      k.startsWith('$') || k.includes('.') || k.includes('\u0000')
        ? [{ path: here, message: 'field names may not start with "$" or contain "." or NUL' }]
        : [];
    return [...own, ...operatorKeys(v, here, depth + 1)];
  });
}

/** Validates path parameters, query and body against the operation's schemas; 400 problem naming each field. */
export function validateRequest(op: Operation) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const errors: FieldError[] = [];
    if (!op.validateParams(req.params)) errors.push(...toFieldErrors(op.validateParams.errors, '/path'));
    const query = { ...(req.query as Record<string, unknown>) };
    if (!op.validateQuery(query)) errors.push(...toFieldErrors(op.validateQuery.errors, '/query'));
    else Object.defineProperty(req, 'query', { value: query, configurable: true, enumerable: true });

    const body = req.body as unknown;
    const empty =
      body === undefined || (typeof body === 'object' && body !== null && !Object.keys(body).length);
    if (body !== undefined && !op.opaqueBody) errors.push(...operatorKeys(body));
    if (op.validateBody) {
      if (body === undefined && op.bodyRequired)
        errors.push({ path: '/', message: 'a JSON request body is required' });
      else if (body !== undefined && !errors.length && !op.validateBody(body)) {
        errors.push(...toFieldErrors(op.validateBody.errors));
      }
    } else if (!empty) {
      errors.push({ path: '/', message: 'this route takes no request body' });
    }
    if (errors.length) {
      throw new HttpProblem(problem(400, 'validation', 'The request is invalid', { errors }));
    }
    next();
  };
}
