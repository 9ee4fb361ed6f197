import { Router } from 'express';
import type { Request, Response, NextFunction, RequestHandler } from 'express';
import type { Contract, Operation } from './contract';
import type { ApiKeyStore } from '../platform/api-keys';
import type { RateLimiter } from '../platform/rate-limit';
import type { IdempotencyStore } from '../platform/idempotency';
import type { HubLogger } from '../monitoring/logger';
import { authenticate, authorize, rateLimit } from './middleware/auth';
import { validateRequest } from './middleware/validate';
import { idempotency } from './middleware/idempotency';
import type { ResponseSealer } from './middleware/idempotency';

/** The code behind one operation: thin — validate (done before it), act, answer. */
export type OperationHandler = (req: Request, res: Response) => Promise<void> | void;

/** Handlers by operationId. */
export type Handlers = Record<string, OperationHandler>;

/** What the router needs besides the contract and the handlers. */
export interface RouterDeps {
  keys: ApiKeyStore;
  limiter: RateLimiter;
  idempotencyStore: IdempotencyStore;
  sealer: ResponseSealer;
  logger: HubLogger;
}

/** Logs (never blocks) a response that does not match the contract, so drift is seen in tests and production. */
function checkResponse(op: Operation, logger: HubLogger) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      const validate = op.responses.get(res.statusCode);
      if (!op.responses.has(res.statusCode)) {
        logger.error(
          { operationId: op.operationId, status: res.statusCode },
          'response status not in the contract',
        );
      } else if (validate && !validate(value)) {
        logger.error(
          { operationId: op.operationId, status: res.statusCode, errors: validate.errors },
          'response does not match the contract',
        );
      }
      return json(value);
    };
    next();
  };
}

/**
 * Mounts every operation of the contract with its chain: authenticate → authorize (x-roles) → rate limit →
 * validate → idempotency (x-idempotent) → handler. Start-up fails if an operation has no handler or a handler no
 * operation, so the document and the code cannot drift apart.
 */
export function contractRouter(contract: Contract, handlers: Handlers, deps: RouterDeps): Router {
  const router = Router();
  const known = new Set(contract.operations.map((o) => o.operationId));
  const orphans = Object.keys(handlers).filter((id) => !known.has(id));
  const missing = [...known].filter((id) => !handlers[id]);
  if (orphans.length || missing.length) {
    throw new Error(
      `API contract and handlers disagree: no handler for [${missing.join(', ')}]; no operation for [${orphans.join(', ')}]`,
    );
  }
  for (const op of contract.operations) {
    const chain: RequestHandler[] = [checkResponse(op, deps.logger)];
    if (op.roles !== 'public') {
      chain.push(authenticate(deps.keys), authorize(op.roles), rateLimit(deps.limiter));
    }
    chain.push(validateRequest(op));
    if (op.idempotent) chain.push(idempotency(deps.idempotencyStore, deps.sealer));
    chain.push(handlers[op.operationId]! as RequestHandler);
    router[op.method](op.expressPath, ...chain);
  }
  return router;
}
