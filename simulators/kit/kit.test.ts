import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator } from './simulator';
import type { Simulator } from './simulator';
import { simulatorControl } from './control';
import { startWebhookCapture } from '../../connectors/sdk/contracts/webhook-capture';
import { hmacSha256 } from '../../connectors/sdk/webhooks';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A tiny vendor: GET /things lists records, POST /things creates one and sends a signed webhook. */
async function startThingSimulator() {
  const sim = createSimulator({
    name: 'things',
    errorBody: (status, message) => ({ error: { status, message } }),
    signer: ({ body, secret, topic, deliveryId }) => ({
      'x-thing-signature': hmacSha256(secret, body, 'base64'),
      'x-thing-topic': topic,
      'x-thing-delivery': deliveryId,
    }),
    settings: { prefix: 'T' },
    seed: (s) => {
      s.store.collection('things').put('T1', { id: 'T1', big: 18446744073709551615n });
    },
    routes: (router, s) => {
      router.get('/things', (_req, res) => s.sendJson(res, 200, s.store.collection('things').all()));
      router.post('/things', (req, res) => {
        const id = `${s.settings.prefix}${s.store.next('thing', 2)}`;
        const thing = s.store.collection('things').put(id, { id, ...(req.body as object) });
        s.webhooks.send('thing/created', `d-${id}`, thing);
        res.status(201).json(thing);
      });
    },
  });
  running.push(sim);
  await sim.start();
  return { sim, control: simulatorControl(sim.url) };
}

/** A capture endpoint that answers with `status()`, closed after the test. */
async function startReceiver(status: () => number) {
  const capture = await startWebhookCapture({ status });
  running.push({ stop: () => capture.close() } as Simulator);
  return capture;
}

describe('simulator kit', () => {
  it('serves the vendor API with exact big integers and records what it received', async () => {
    const { sim, control } = await startThingSimulator();
    const text = await (await fetch(`${sim.url}/things`)).text();
    expect(text).toContain('18446744073709551615');
    await fetch(`${sim.url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ colour: 'red' }),
    });
    expect((await control.records('things')).map((t) => t.id)).toEqual(['T1', 'T2']);
    const requests = await control.requests('/things');
    expect(requests.map((r) => [r.method, r.status])).toEqual([
      ['GET', 200],
      ['POST', 201],
    ]);
    expect(requests[1]!.body).toEqual({ colour: 'red' });
  });

  it('answers 503 with Retry-After during an outage, and recovers when it ends', async () => {
    const { sim, control } = await startThingSimulator();
    await control.faults({ outageSeconds: 30 });
    const down = await fetch(`${sim.url}/things`);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    const body = (await down.json()) as { error: { status: number; message: string } };
    expect(body.error.status).toBe(503);
    expect(body.error.message).toContain('outage');
    await control.faults({ outageUntil: 0 });
    expect((await fetch(`${sim.url}/things`)).status).toBe(200);
  });

  it('limits the request rate with 429 and Retry-After, and never limits the control API', async () => {
    const { sim, control } = await startThingSimulator();
    await control.faults({ rateLimit: 2, rateLimitWindowSeconds: 60 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${sim.url}/things`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const limited = await fetch(`${sim.url}/things`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await control.state()).injected).toMatchObject({ rateLimited: 3 });
  });

  it('fails exactly the scripted requests, and a seeded error rate the same way every time', async () => {
    const { sim, control } = await startThingSimulator();
    await control.faults({ failNext: [{ status: 502, count: 2, pathIncludes: '/things' }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${sim.url}/things`)).status);
    expect(statuses).toEqual([502, 502, 200]);

    const pattern = async () => {
      await control.faults({ errorRate: 0.5, seed: 42 });
      const out = [];
      for (let i = 0; i < 12; i++) out.push((await fetch(`${sim.url}/things`)).status);
      return out;
    };
    const first = await pattern();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('sends signed webhooks, retries failed deliveries, duplicates and reorders on demand', async () => {
    const { sim, control } = await startThingSimulator();
    let calls = 0;
    const receiver = await startReceiver(() => (++calls === 1 ? 500 : 200));
    await control.registerWebhooks(receiver.url, 'shh');
    const post = (colour: string) =>
      fetch(`${sim.url}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ colour }),
      });
    await post('red');
    await sim.webhooks.idle();
    // The first delivery got a 500 and was retried.
    expect((await control.deliveries()).map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const last = receiver.received.at(-1)!;
    expect(last.headers['x-thing-signature']).toBe(hmacSha256('shh', last.rawBody, 'base64'));
    expect(last.headers['x-thing-topic']).toBe('thing/created');

    receiver.clear();
    await control.faults({ duplicateWebhooks: true, reorderWebhooks: 2 });
    await post('green');
    await post('blue');
    await sim.webhooks.idle();
    const ids = receiver.received.map((r) => r.headers['x-thing-delivery']);
    expect(ids).toEqual(['d-T4', 'd-T4', 'd-T3', 'd-T3']);
  });

  it('sends webhooks on as many lanes at once as the concurrency fault says, and one at a time by default', async () => {
    const { sim, control } = await startThingSimulator();
    let open = 0;
    let most = 0;
    let received = 0;
    const slow = createServer((req, res) => {
      open += 1;
      most = Math.max(most, open);
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          open -= 1;
          received += 1;
          res.end('ok');
        }, 40),
      );
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    running.push({ stop: () => new Promise<void>((r) => slow.close(() => r())) } as Simulator);
    const { port } = slow.address() as AddressInfo;
    await control.registerWebhooks(`http://127.0.0.1:${port}/`, 'shh');
    const burst = async () => {
      most = 0;
      for (let i = 0; i < 8; i++)
        await fetch(`${sim.url}/things`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ colour: `c${i}` }),
        });
      await sim.webhooks.idle();
      return most;
    };
    expect(await burst()).toBe(1);
    await control.faults({ webhookConcurrency: 3 });
    expect(await burst()).toBe(3);
    expect(received).toBe(16);
  });
});
