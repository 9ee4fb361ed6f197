import type { Request, Response, NextFunction } from 'express';
import type { IdempotencyStore, StoredResponse } from '../../platform/idempotency';
import { requestHash } from '../../platform/idempotency';
import { HttpProblem, problem } from '../problem';
import { principalOf } from './auth';

/** Encrypts remembered responses at rest (some, like a newly issued API key, contain secrets). */
export interface ResponseSealer {
  encrypt(plain: string): string;
  decrypt(token: string): string;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Honours `Idempotency-Key` on a POST: the first request with a key runs and its response is remembered (per
 * caller); a retry with the same key and body gets that response again with `Idempotent-Replayed: true`; the same
 * key with another body is 422; a retry while the first is still running is 409 with Retry-After. A 5xx answer is
 * not remembered, so the retry runs again.
 */
export function idempotency(store: IdempotencyStore, sealer: ResponseSealer) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const key = req.get('idempotency-key');
    if (key === undefined) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new HttpProblem(
        problem(400, 'validation', 'The request is invalid', {
          errors: [{ path: '/header/Idempotency-Key', message: 'must be 1–255 printable ASCII characters' }],
        }),
      );
    }
    const scoped = `${principalOf(res).keyId}:${key}`;
    const claim = await store.claim(scoped, requestHash(req.method, req.path, req.body));
    if (claim.outcome === 'replay') {
      const stored = JSON.parse(sealer.decrypt(claim.response.body as string)) as StoredResponse;
      res.setHeader('Idempotent-Replayed', 'true');
      if (stored.location) res.location(stored.location);
      if (stored.body === undefined) res.status(stored.status).end();
      else res.status(stored.status).json(stored.body);
      return;
    }
    if (claim.outcome === 'mismatch') {
      throw new HttpProblem(
        problem(422, 'idempotency-key-reused', 'Idempotency-Key reused with a different request', {
          errors: [
            { path: '/header/Idempotency-Key', message: 'was already used with a different request body' },
          ],
        }),
      );
    }
    if (claim.outcome === 'in-progress') {
      res.setHeader('Retry-After', '1');
      throw new HttpProblem(
        problem(409, 'idempotency-in-progress', 'A request with this Idempotency-Key is still running', {
          detail: 'Retry after the first request has finished',
        }),
      );
    }

    // The response is remembered before it is sent, so a client that retries the moment it has the answer gets
    // the replay, not a 409. Problems (thrown errors) and 5xx are not remembered: the key is released instead.
    let remembered = false;
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      if (res.statusCode >= 500) return json(value);
      remembered = true;
      const sealed = sealer.encrypt(
        JSON.stringify({
          status: res.statusCode,
          body: value,
          location: res.getHeader('location') as string,
        }),
      );
      store.complete(scoped, { status: res.statusCode, body: sealed }).then(
        () => json(value),
        (err: unknown) => next(err),
      );
      return res;
    };
    res.on('finish', () => {
      if (!remembered) store.release(scoped).catch(() => undefined);
    });
    next();
  };
}
