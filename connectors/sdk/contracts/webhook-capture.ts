/** A webhook endpoint for tests: it records every delivery exactly as received (raw bytes, lower-case headers). */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundWebhook } from '../webhooks';

/** An HTTP endpoint a simulator's webhooks are sent to. */
export interface WebhookCapture {
  url: string;
  /** Everything received, oldest first. */
  readonly received: InboundWebhook[];
  /** Resolves with the deliveries once at least `count` have arrived; fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<InboundWebhook[]>;
  clear(): void;
  close(): Promise<void>;
}

/**
 * Starts a capture endpoint on a free loopback port. It answers each delivery with `status()` (200 by default) and
 * the JSON `acknowledgement` the sender expects ({} by default).
 */
export async function startWebhookCapture(
  options: { acknowledgement?: unknown; status?: () => number } = {},
): Promise<WebhookCapture> {
  const received: InboundWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string | undefined> = {};
      // Node gives header names in lower case already; repeated headers arrive as arrays.
      for (const [name, value] of Object.entries(req.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      received.push({ rawBody: Buffer.concat(chunks), headers });
      res
        .writeHead(options.status?.() ?? 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(options.acknowledgement ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) {
          throw new Error(`expected ${count} webhook(s) within ${timeoutMs} ms, got ${received.length}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return [...received];
    },
    clear: () => void received.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
