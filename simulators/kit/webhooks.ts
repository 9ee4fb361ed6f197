/**
 * The webhook sender of a simulator: signs each delivery the way its vendor does, posts it to the registered
 * target, retries failed deliveries with backoff (as the real systems do), and applies the webhook faults —
 * duplicate deliveries, out-of-order batches and concurrent delivery. Deliveries go out one at a time unless the
 * `webhookConcurrency` fault sends them on several lanes at once. Every attempt is recorded for the control API.
 */
import type { Faults } from './faults';

/** Where a simulator sends its webhooks, and the secret it signs them with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** One delivery attempt as the control API shows it. */
export interface DeliveryRecord {
  deliveryId: string;
  topic: string;
  attempt: number;
  status: number | 'network-error';
  at: string;
}

/** How a vendor signs and labels a webhook: headers for this body. */
export type WebhookSigner = (input: {
  body: string;
  topic: string;
  deliveryId: string;
  secret: string;
}) => Record<string, string>;

interface Pending {
  deliveryId: string;
  topic: string;
  body: string;
}

/** Sends a simulator's webhooks. */
export class WebhookSender {
  target: WebhookTarget | undefined;
  readonly deliveries: DeliveryRecord[] = [];
  private held: Pending[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private inFlight = new Set<Promise<void>>();
  /**
   * Each lane sends one delivery at a time, in the order decided (so with one lane an out-of-order fault is exactly
   * that order); deliveries take the lanes in turn.
   */
  private lanes: Promise<void>[] = [];
  private nextLane = 0;
  private stopped = false;

  constructor(
    private readonly faults: Faults,
    private readonly sign: WebhookSigner,
    private readonly options: { maxAttempts?: number; retryDelayMs?: number } = {},
  ) {}

  /** Queues a webhook; it is sent at once unless the out-of-order fault holds it for its batch. */
  send(topic: string, deliveryId: string, payload: unknown, rawBody?: string): void {
    if (!this.target || this.stopped) return;
    const pending = { deliveryId, topic, body: rawBody ?? JSON.stringify(payload) };
    const batch = this.faults.settings.reorderWebhooks;
    if (batch > 1) {
      this.held.push(pending);
      if (this.held.length >= batch) this.flush();
      return;
    }
    this.dispatch(pending);
  }

  /** Delivers held webhooks now, newest first (the out-of-order fault). */
  flush(): void {
    const batch = this.held.reverse();
    this.held = [];
    for (const p of batch) this.dispatch(p);
  }

  /** Resolves when every delivery started so far has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.all([...this.inFlight]);
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private dispatch(p: Pending): void {
    const copies = this.faults.settings.duplicateWebhooks ? 2 : 1;
    for (let i = 0; i < copies; i++) this.attempt(p, 1);
  }

  private attempt(p: Pending, attempt: number): void {
    const target = this.target;
    if (!target || this.stopped) return;
    const width = Math.max(1, Math.floor(this.faults.settings.webhookConcurrency || 1));
    const lane = this.nextLane++ % width;
    const run = (this.lanes[lane] = (this.lanes[lane] ?? Promise.resolve()).then(async () => {
      let status: number | 'network-error';
      try {
        const headers = this.sign({
          body: p.body,
          topic: p.topic,
          deliveryId: p.deliveryId,
          secret: target.secret,
        });
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: p.body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'network-error';
      }
      this.deliveries.push({
        deliveryId: p.deliveryId,
        topic: p.topic,
        attempt,
        status,
        at: new Date().toISOString(),
      });
      const failed = status === 'network-error' || status >= 500 || status === 429;
      if (failed && attempt < (this.options.maxAttempts ?? 5)) {
        const delay = (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.attempt(p, attempt + 1);
        }, delay);
        this.timers.add(timer);
      }
    }));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
