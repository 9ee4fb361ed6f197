import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { errorHandler } from './errors';

/** Serves one route that throws `err`, and returns the answer to a request for it. */
async function answerTo(err: unknown): Promise<{ status: number; body: { status: number; title: string } }> {
  const app = express();
  app.get('/boom', () => {
    throw err;
  });
  app.use(errorHandler(createLogger('api', 'silent')));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`);
    return { status: res.status, body: (await res.json()) as { status: number; title: string } };
  } finally {
    server.close();
  }
}

describe('error handler', () => {
  it('answers a lost database or network connection with 503, so callers retry instead of reporting a bug', async () => {
    const lost = Object.assign(new Error('Topology is closed'), { name: 'MongoTopologyClosedError' });
    expect((await answerTo(lost)).status).toBe(503);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect((await answerTo(refused)).body.title).toMatch(/not answering/);
  });

  it('still answers a defect with 500', async () => {
    expect((await answerTo(new TypeError('x is undefined'))).status).toBe(500);
  });
});
