import { randomUUID } from 'node:crypto';
import type { Request, Response, NextFunction } from 'express';
import { withLogContext } from '../../monitoring/context';
import type { HubLogger } from '../../monitoring/logger';
import type { HubMetrics } from '../../monitoring/metrics';

const ID_PATTERN = /^[\w.:-]{1,128}$/;

/**
 * Gives every request a request id and a correlation id (taken from X-Request-Id / X-Correlation-Id when they are
 * well-formed), echoes both, stamps them on every log line written while handling it, and records its duration.
 */
export function requestContext(logger: HubLogger, metrics: HubMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = (name: string) => {
      const v = req.get(name);
      return v && ID_PATTERN.test(v) ? v : undefined;
    };
    const requestId = incoming('x-request-id') ?? randomUUID();
    const correlationId = incoming('x-correlation-id') ?? requestId;
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Correlation-Id', correlationId);
    res.locals.correlationId = correlationId;
    const started = performance.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const template = route ? `${req.baseUrl}${route}` : 'unmatched';
      const seconds = (performance.now() - started) / 1000;
      metrics.httpRequests.observe(
        { method: req.method, route: template, status: String(res.statusCode) },
        seconds,
      );
      withLogContext({ correlationId, requestId }, () =>
        logger.info(
          {
            method: req.method,
            path: req.path,
            route: template,
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request',
        ),
      );
    });
    withLogContext({ correlationId, requestId }, next);
  };
}
