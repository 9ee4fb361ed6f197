import type { Request, Response, NextFunction } from 'express';
import type { HubLogger } from '../../monitoring/logger';
import { HttpProblem, problem, sendProblem } from '../problem';
import type { Problem } from '../problem';
import { classifyError, isHubError } from '../../platform/errors';
import { isConflict, isNotFound } from '../../platform/connector-store';
import { isConflictError, isNotFoundError } from '../../platform/store-errors';

/** The HTTP answer for an error a store or connector raised, or undefined when it is not one of ours. */
function problemFor(err: unknown): Problem | undefined {
  if (isNotFound(err) || isNotFoundError(err)) {
    return problem(404, 'not-found', 'Not found', { detail: (err as Error).message });
  }
  if (isConflict(err) || isConflictError(err)) {
    return problem(409, 'conflict', 'Conflict with the current state', { detail: (err as Error).message });
  }
  if (!isHubError(err)) {
    // A database or network failure that is not ours to fix: 503 (retry later), not a 500 that reads as a bug.
    const classified = classifyError(err);
    if (classified.kind !== 'transient') return undefined;
    return problem(503, 'unavailable', 'A system the hub depends on is not answering', {
      detail: classified.message,
    });
  }
  switch (err.kind) {
    case 'data':
      return problem(400, 'validation', 'The request is invalid', {
        detail: err.message,
        errors: err.fieldErrors ?? [{ path: '/', message: err.message }],
      });
    case 'duplicate':
      return problem(409, 'duplicate', 'Already done', { detail: err.message });
    case 'config':
      return problem(422, 'configuration', 'A configuration problem prevents this', { detail: err.message });
    case 'transient':
    case 'rate-limited':
      return problem(503, 'unavailable', 'A system the hub depends on is not answering', {
        detail: err.message,
      });
    default:
      return undefined;
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message?: string;
}

/** Answers unmatched routes with a 404 problem. */
export function notFound(req: Request, res: Response): void {
  sendProblem(
    res,
    problem(404, 'not-found', 'No such route', {
      detail: `${req.method} ${req.path} is not a route of this API`,
    }),
  );
}

/** The single place errors become HTTP answers: problems as they are, parser failures as 4xx, the rest as 500. */
export function errorHandler(logger: HubLogger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof HttpProblem) return sendProblem(res, { instance: req.originalUrl, ...err.problem });
    const known = problemFor(err);
    if (known) return sendProblem(res, { instance: req.originalUrl, ...known });
    const e = err as BodyParserError;
    if (e.type === 'entity.parse.failed') {
      return sendProblem(
        res,
        problem(400, 'malformed-json', 'Request body is not valid JSON', {
          errors: [{ path: '/', message: e.message ?? 'unparseable JSON' }],
        }),
      );
    }
    if (e.type === 'entity.too.large') {
      return sendProblem(
        res,
        problem(413, 'body-too-large', 'Request body is too large', {
          detail: `The limit is ${String(e.limit)} bytes`,
          errors: [{ path: '/', message: `larger than ${String(e.limit)} bytes` }],
        }),
      );
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendProblem(res, problem(e.status, 'bad-request', 'Bad request', { detail: e.message }));
    }
    logger.error({ err }, 'unhandled error');
    sendProblem(
      res,
      problem(500, 'internal', 'Internal error', { detail: 'The error was logged with this request id' }),
    );
  };
}
