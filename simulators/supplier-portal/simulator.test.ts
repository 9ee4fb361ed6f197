import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidSscc } from '../../canonical-model/gtin';
import { simulatorControl } from '../kit/control';
import { createSupplierPortalSimulator, SEED_SUPPLIERS } from '.';
import type { SupplierPortalSimulator } from '.';

const KEY = 'sp_test_sim_0a1b2c3d';
let sim: SupplierPortalSimulator;

beforeEach(async () => {
  sim = createSupplierPortalSimulator({
    settings: { apiKey: KEY, ackDelayMs: 10, shipDelayMs: 10, invoiceDelayMs: 10, cartonSize: 24 },
  });
  await sim.start(0);
});
afterEach(() => sim.stop());

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const po = (poNumber: string, quantity = '50') => ({
  buyer_code: 'ACME-US',
  supplier_id: SEED_SUPPLIERS[0]!.id,
  po_number: poNumber,
  order_date: '2031-04-01',
  currency: 'EUR',
  ship_to: { code: 'DC-CHI' },
  lines: [{ line_number: 1, sku: 'WID-1001', quantity, unit: 'case', unit_price: '22.14' }],
});
const until = async <T>(check: () => Promise<T | undefined>): Promise<T> => {
  for (let i = 0; i < 200; i += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
};

describe('supplier-portal simulator', () => {
  it('creates a PO once per idempotency key: 201, then 200 replayed, 422 for another body, 409 for a reused number', async () => {
    const first = await call('POST', '/api/v1/purchase-orders', po('PO-1'), { 'idempotency-key': 'k1' });
    expect(first.status).toBe(201);
    expect(first.body.id).toMatch(/^po_[0-9a-z]{10}$/);
    const replay = await call('POST', '/api/v1/purchase-orders', po('PO-1'), { 'idempotency-key': 'k1' });
    expect(replay).toMatchObject({ status: 200, body: { id: first.body.id } });
    const other = await call('POST', '/api/v1/purchase-orders', po('PO-2'), { 'idempotency-key': 'k1' });
    expect(other).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    const reused = await call('POST', '/api/v1/purchase-orders', po('PO-1'), { 'idempotency-key': 'k2' });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'duplicate_po_number' } } });
    const missing = await call('POST', '/api/v1/purchase-orders', po('PO-3'));
    expect(missing.status).toBe(400);
    expect(await simulatorControl(sim.url).records('purchase-orders')).toHaveLength(1);
  });

  it('answers 401 to a wrong key without echoing it, and 422 naming every bad field', async () => {
    const res = await fetch(`${sim.url}/api/v1/acknowledgements`, {
      headers: { authorization: 'Bearer nope-123' },
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('nope-123');
    const bad = {
      ...po('PO-9'),
      supplier_id: 'sup_unknown',
      lines: [{ line_number: 1, quantity: '-1', unit: 'crate', unit_price: 'x' }],
    };
    const answer = await call('POST', '/api/v1/purchase-orders', bad, { 'idempotency-key': 'k9' });
    expect(answer.status).toBe(422);
    const fields = (answer.body.error as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual([
      'supplier_id',
      'lines[0].sku',
      'lines[0].quantity',
      'lines[0].unit',
      'lines[0].unit_price',
    ]);
  });

  it('acknowledges, ships in SSCC-labelled cartons and invoices the shipped quantity exactly', async () => {
    await call('POST', '/api/v1/purchase-orders', po('PO-5', '50'), { 'idempotency-key': 'k5' });
    const invoices = await until(async () => {
      const list = await call('GET', '/api/v1/invoices');
      return (list.body.data as unknown[]).length ? (list.body.data as Record<string, unknown>[]) : undefined;
    });
    const asn = (
      (await call('GET', '/api/v1/asns')).body.data as {
        orders: { cartons: { sscc: string; items: { quantity: string }[] }[] }[];
      }[]
    )[0]!;
    const cartons = asn.orders[0]!.cartons;
    expect(cartons.map((c) => c.items[0]!.quantity)).toEqual(['24', '24', '2']);
    for (const c of cartons) expect(isValidSscc(c.sscc)).toBe(true);
    expect(invoices[0]).toMatchObject({
      subtotal: '1107.00',
      total: '1107.00',
      lines: [{ quantity: '50', amount: '1107.00' }],
    });
  });

  it('refuses a cursor it did not issue and a page size above its limit', async () => {
    expect((await call('GET', '/api/v1/asns?cursor=bogus')).status).toBe(400);
    expect((await call('GET', '/api/v1/asns?limit=1000')).body).toMatchObject({
      error: { fields: [{ field: 'limit' }] },
    });
  });
});
