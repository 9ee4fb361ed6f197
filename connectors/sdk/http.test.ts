import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulators/kit/simulator';
import type { Simulator } from '../../simulators/kit/simulator';
import { isHubError } from '../../platform/errors';
import type { HubError } from '../../platform/errors';
import { createHttpClient } from './http';
import { jsonNumber } from './json';

let sim: Simulator;
const SECRET_TOKEN = 'tok_very_secret_4711';

beforeAll(async () => {
  sim = createSimulator({
    name: 'vendor',
    errorBody: (status, message) => ({ status, 'o:errorDetails': [{ detail: message }] }),
    settings: {},
    routes: (router, s) => {
      router.get('/orders/:id', (req, res) => {
        if (req.get('authorization') !== `Bearer ${SECRET_TOKEN}`) {
          res.status(401).json({ 'o:errorDetails': [{ detail: 'Invalid login attempt.' }] });
          return;
        }
        s.sendJson(res, 200, { id: 9007199254740993n, total: jsonNumber('12345678901234.5678'), rate: 1.25 });
      });
      router.post('/orders', (req, res) => {
        res.status(422).json({ detail: `Invalid field value: ${JSON.stringify(req.body)}` });
      });
      router.get('/slow', (_req, res) => {
        setTimeout(() => res.json({}), 2_000);
      });
      router.get('/html', (_req, res) => {
        res.type('text/html').send('<html>gateway says hi</html>');
      });
    },
  });
  await sim.start();
});
afterAll(() => sim.stop());

const client = (token = SECRET_TOKEN, timeoutMs = 5_000) =>
  createHttpClient({
    baseUrl: sim.url,
    system: 'Vendor',
    timeoutMs,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isHubError(err)) throw new Error(`expected a HubError, got ${String(err)}`);
  return err;
}

describe('connector HTTP transport', () => {
  it('keeps integers above 2^53 and long decimals exact, and ordinary numbers as numbers', async () => {
    const res = await client().request<{ id: unknown; total: unknown; rate: unknown }>({
      method: 'GET',
      path: '/orders/1',
    });
    expect(res.body).toEqual({ id: '9007199254740993', total: '12345678901234.5678', rate: 1.25 });
  });

  it('maps 401 to a config error with the upstream message and no credential in it', async () => {
    const err = await failure(client('wrong').request({ method: 'GET', path: '/orders/1' }));
    expect(err.kind).toBe('config');
    expect(err.message).toContain('Invalid login attempt.');
    expect(err.message).toContain('credentials');
    expect(JSON.stringify({ m: err.message, u: err.upstream })).not.toContain(SECRET_TOKEN);
  });

  it('maps 429 to rate-limited carrying the Retry-After, and an outage to transient', async () => {
    sim.faults.change({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 7 }] });
    const limited = await failure(client().request({ method: 'GET', path: '/orders/1' }));
    expect(limited.kind).toBe('rate-limited');
    expect(limited.retryAfterMs).toBe(7_000);

    sim.faults.change({ outageSeconds: 20 });
    const down = await failure(client().request({ method: 'GET', path: '/orders/1' }));
    expect(down.kind).toBe('transient');
    expect(down.upstream?.status).toBe(503);
    expect(down.retryAfterMs).toBeGreaterThan(15_000);
    sim.faults.reset();
  });

  it('maps a 422 to a data error keeping an excerpt of what the upstream said', async () => {
    const err = await failure(client().request({ method: 'POST', path: '/orders', body: { sku: 'X' } }));
    expect(err.kind).toBe('data');
    expect(err.upstream?.status).toBe(422);
    expect(err.upstream?.bodyExcerpt).toContain('Invalid field');
  });

  it('treats refused connections, timeouts and non-JSON answers as transient', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, system: 'Vendor' });
    const err = await failure(refused.request({ method: 'GET', path: '/x' }));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/unreachable \(ECONNREFUSED\)/);

    const slow = await failure(client(SECRET_TOKEN, 200).request({ method: 'GET', path: '/slow' }));
    expect(slow.kind).toBe('transient');
    expect(slow.message).toContain('no answer within 200 ms');

    const html = await failure(client().request({ method: 'GET', path: '/html' }));
    expect(html.kind).toBe('transient');
    expect(html.upstream?.bodyExcerpt).toContain('gateway says hi');
  });

  it('treats an accepted status as an answer', async () => {
    const res = await client().request({ method: 'GET', path: '/nope', accept: [404] });
    expect(res.status).toBe(404);
  });
});
