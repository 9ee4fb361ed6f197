import type { Request, Response, NextFunction } from 'express';
import type { HubLogger } from '../../monitoring/logger';
import { HttpProblem, problem, sendProblem } from '../problem';

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
