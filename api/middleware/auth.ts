import type { Request, Response, NextFunction } from 'express';
import type { ApiKeyStore, Principal } from '../../platform/api-keys';
import type { RateLimiter } from '../../platform/rate-limit';
import type { Role } from '../../platform/roles';
import { HttpProblem, problem } from '../problem';

/** The authenticated caller of the current request. */
export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** Requires `Authorization: Bearer <key>` naming a live key; 401 problem otherwise. */
export function authenticate(keys: ApiKeyStore) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await keys.authenticate(match[1]!) : undefined;
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw new HttpProblem(
        problem(401, 'unauthorized', 'Authentication required', {
          detail: match ? 'The API key is unknown or revoked' : 'Send Authorization: Bearer <API key>',
        }),
      );
    }
    res.locals.principal = principal;
    next();
  };
}

/** Allows only `roles`; 403 problem naming the caller's role otherwise. */
export function authorize(roles: Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const { role } = principalOf(res);
    if (!roles.includes(role)) {
      throw new HttpProblem(
        problem(403, 'forbidden', 'Not allowed for this role', {
          detail: `Role '${role}' may not call this route; allowed: ${roles.join(', ')}`,
        }),
      );
    }
    next();
  };
}

/** Counts the request against its key's budget; 429 problem with Retry-After when it is used up. */
export function rateLimit(limiter: RateLimiter) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    const verdict = await limiter.hit(principalOf(res).keyId);
    res.setHeader('RateLimit-Limit', String(verdict.limit));
    res.setHeader('RateLimit-Remaining', String(verdict.remaining));
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      throw new HttpProblem(
        problem(429, 'rate-limited', 'Too many requests', {
          detail: `This key may make ${verdict.limit} requests a minute; retry after ${verdict.retryAfterSeconds} s`,
        }),
      );
    }
    next();
  };
}
