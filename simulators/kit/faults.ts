/**
 * Faults a simulator can be told to produce, through its control API: an outage for N seconds, a random error rate
 * (seeded, so a test run is reproducible), slow answers, a request-rate limit answered with 429 + Retry-After, and
 * an exact number of failures for the next matching requests. Webhook faults (duplicates, out-of-order delivery)
 * live here too and are applied by the webhook sender.
 */
import type { NextFunction, Request, Response } from 'express';

/** The fault settings; every field is optional in a change and off by default. */
export interface FaultSettings {
  /** Answer 503 (with Retry-After) to everything until this instant (ms since epoch); 0 = no outage. */
  outageUntil: number;
  /** Probability (0–1) that a request fails with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  /** Added to every answer, plus up to `latencyJitterMs` at random. */
  latencyMs: number;
  latencyJitterMs: number;
  /** At most this many API requests per `rateLimitWindowSeconds`; 0 = unlimited. */
  rateLimit: number;
  rateLimitWindowSeconds: number;
  /** Deliver every webhook twice. */
  duplicateWebhooks: boolean;
  /** Hold webhooks and deliver each batch of this many in reverse order; 0 = in order. */
  reorderWebhooks: number;
  /** Webhook deliveries in flight at once, as vendors that send from many workers do; 1 = one at a time. */
  webhookConcurrency: number;
  /** Seed of the random source used for error rate and jitter. */
  seed: number;
}

/** One scripted failure: the next `count` requests whose path contains `pathIncludes` get `status`. */
export interface ScriptedFailure {
  status: number;
  count: number;
  pathIncludes?: string;
  /** Sent as Retry-After (seconds) with the failure. */
  retryAfterSeconds?: number;
  /** Body of the failure; a vendor-shaped error is used when absent. */
  body?: unknown;
}

/** A change of faults: any settings, an outage from now, and scripted failures for the next requests. */
export type FaultChange = Partial<FaultSettings> & {
  outageSeconds?: number;
  failNext?: ScriptedFailure[];
  clearScripted?: boolean;
};

/** The defaults: a healthy system. */
export const HEALTHY: Readonly<FaultSettings> = Object.freeze({
  outageUntil: 0,
  errorRate: 0,
  errorStatus: 500,
  latencyMs: 0,
  latencyJitterMs: 0,
  rateLimit: 0,
  rateLimitWindowSeconds: 1,
  duplicateWebhooks: false,
  reorderWebhooks: 0,
  webhookConcurrency: 1,
  seed: 1,
});

/** A small seeded PRNG (mulberry32): reproducible fault patterns for a given seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The live fault state of one simulator. */
export class Faults {
  settings: FaultSettings = { ...HEALTHY };
  private scripted: ScriptedFailure[] = [];
  private random = seededRandom(HEALTHY.seed);
  private window = { start: 0, count: 0 };
  /** How many requests were answered with each injected fault, for the control API. */
  readonly injected = { outage: 0, error: 0, rateLimited: 0, scripted: 0 };

  /**
   * Applies a change; an `outageSeconds` shortcut sets `outageUntil` from now, and `clearScripted` drops the
   * scripted failures not yet used (an outage of one endpoint ends) before any new ones are added.
   */
  change(change: FaultChange): void {
    const { outageSeconds, failNext, clearScripted, ...rest } = change;
    if (clearScripted) this.scripted = [];
    this.settings = { ...this.settings, ...rest };
    if (outageSeconds !== undefined) this.settings.outageUntil = Date.now() + outageSeconds * 1000;
    if (rest.seed !== undefined) this.random = seededRandom(rest.seed);
    if (failNext) this.scripted.push(...failNext.map((f) => ({ ...f })));
  }

  /** Back to healthy, scripted failures dropped. */
  reset(): void {
    this.settings = { ...HEALTHY };
    this.scripted = [];
    this.random = seededRandom(HEALTHY.seed);
    this.window = { start: 0, count: 0 };
  }

  /** Scripted failures not yet used. */
  pending(): ScriptedFailure[] {
    return this.scripted.map((f) => ({ ...f }));
  }

  /** Express middleware applying the faults to the vendor API (never to the control API). */
  middleware(errorBody: (status: number, message: string) => unknown) {
    return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      const s = this.settings;
      const delay = s.latencyMs + (s.latencyJitterMs ? Math.floor(this.random() * s.latencyJitterMs) : 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));

      const now = Date.now();
      if (s.outageUntil > now) {
        this.injected.outage += 1;
        res.setHeader('Retry-After', String(Math.ceil((s.outageUntil - now) / 1000)));
        res.status(503).json(errorBody(503, 'Service temporarily unavailable (simulated outage)'));
        return;
      }
      const scripted = this.scripted.find((f) => !f.pathIncludes || req.path.includes(f.pathIncludes));
      if (scripted) {
        scripted.count -= 1;
        if (scripted.count <= 0) this.scripted.splice(this.scripted.indexOf(scripted), 1);
        this.injected.scripted += 1;
        if (scripted.retryAfterSeconds !== undefined) {
          res.setHeader('Retry-After', String(scripted.retryAfterSeconds));
        }
        res.status(scripted.status).json(scripted.body ?? errorBody(scripted.status, 'Scripted failure'));
        return;
      }
      if (s.rateLimit > 0) {
        const windowMs = s.rateLimitWindowSeconds * 1000;
        if (now - this.window.start >= windowMs) this.window = { start: now, count: 0 };
        this.window.count += 1;
        if (this.window.count > s.rateLimit) {
          this.injected.rateLimited += 1;
          res.setHeader(
            'Retry-After',
            String(Math.max(1, Math.ceil((this.window.start + windowMs - now) / 1000))),
          );
          res.status(429).json(errorBody(429, 'Too many requests'));
          return;
        }
      }
      if (s.errorRate > 0 && this.random() < s.errorRate) {
        this.injected.error += 1;
        res.status(s.errorStatus).json(errorBody(s.errorStatus, 'Internal error (simulated)'));
        return;
      }
      next();
    };
  }
}
