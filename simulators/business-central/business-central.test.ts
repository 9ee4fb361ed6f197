import { afterEach, describe, expect, it } from 'vitest';
import { simulatorControl } from '../kit/control';
import { createBusinessCentralSimulator, DEFAULT_BC_SIM_SETTINGS } from './index';
import type { Simulator } from '../kit/simulator';
import type { BcSimSettings } from './index';

let sim: Simulator<BcSimSettings> | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function started() {
  sim = createBusinessCentralSimulator({ settings: { pageSize: 10 } });
  const url = await sim.start(0);
  const s = DEFAULT_BC_SIM_SETTINGS;
  const tokenRes = await fetch(`${url}/${s.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: s.clientId,
      client_secret: s.clientSecret,
    }),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const api = `${url}/v2.0/${s.tenantId}/${s.environment}/api/v2.0/companies(${s.companyId})`;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api}${path}`, {
      headers: { authorization: `Bearer ${access_token}`, ...headers },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { url, api, get, token: access_token, control: simulatorControl(url) };
}

describe('Business Central simulator', () => {
  it("answers 401 with BC's error code without a token", async () => {
    const { api } = await started();
    const res = await fetch(`${api}/items`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'Authentication_InvalidCredentials', message: 'The credentials provided are incorrect' },
    });
  });

  it('pages 32 seeded items 10 at a time through @odata.nextLink', async () => {
    const { get } = await started();
    const first = await get('/items');
    expect((first.body.value as unknown[]).length).toBe(10);
    expect(first.body['@odata.nextLink']).toMatch(/(\$|%24)skiptoken=10/);
  });

  it('filters with OData: eq on a string, ge on a date-time', async () => {
    const { get } = await started();
    const one = await get(`/items?$filter=${encodeURIComponent("number eq 'WID-1001'")}`);
    expect((one.body.value as { number: string }[]).map((i) => i.number)).toEqual(['WID-1001']);
    const recent = await get(
      `/items?$filter=${encodeURIComponent('lastModifiedDateTime ge 2025-01-30T00:00:00Z')}`,
    );
    expect((recent.body.value as unknown[]).length).toBe(3);
    const bad = await get(`/items?$filter=${encodeURIComponent('contains(number, 1)')}`);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
  });

  it('answers 412 Request_EntityChanged for a stale ETag and a scripted concurrent edit', async () => {
    const { api, token, get, control } = await started();
    const customerId = ((await get('/customers')).body.value as { id: string }[])[0]!.id;
    const created = await fetch(`${api}/salesOrders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId, externalDocumentNumber: 'PO-1' }),
    });
    const order = (await created.json()) as { id: string; '@odata.etag': string };
    await control.settings({ concurrentEditsOnPatch: 1 });
    const patch = await fetch(`${api}/salesOrders(${order.id})`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': order['@odata.etag'],
      },
      body: JSON.stringify({ externalDocumentNumber: 'PO-2' }),
    });
    expect(patch.status).toBe(412);
    expect(await patch.json()).toMatchObject({ error: { code: 'Request_EntityChanged' } });
  });

  it('creates a Draft salesCreditMemo applied to an invoice and posts it with Microsoft.NAV.post', async () => {
    const { api, token, get, control } = await started();
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${api}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const customerId = ((await get('/customers')).body.value as { id: string }[])[0]!.id;
    const itemId = (
      (await get(`/items?$filter=${encodeURIComponent("number eq 'WID-1001'")}`)).body.value as {
        id: string;
      }[]
    )[0]!.id;
    const order = (await (
      await send('POST', '/salesOrders', {
        customerId,
        salesOrderLines: [{ lineType: 'Item', itemId, quantity: 3, unitPrice: 2.1 }],
      })
    ).json()) as { id: string };
    expect((await send('POST', `/salesOrders(${order.id})/Microsoft.NAV.shipAndInvoice`)).status).toBe(204);
    const invoice = (await control.records<{ id: string; number: string }>('salesInvoices'))[0]!;
    const memo = {
      customerId,
      externalDocumentNumber: 'cm-sim-1',
      invoiceId: invoice.id,
      salesCreditMemoLines: [{ lineType: 'Item', itemId, quantity: 2, unitPrice: 2.1 }],
    };
    const created = await send('POST', '/salesCreditMemos', memo);
    expect(created.status).toBe(201);
    const draft = (await created.json()) as Record<string, unknown>;
    expect(draft).toMatchObject({
      status: 'Draft',
      invoiceNumber: invoice.number,
      totalAmountExcludingTax: 4.2,
    });
    expect((await send('POST', `/salesCreditMemos(${String(draft.id)})/Microsoft.NAV.post`)).status).toBe(
      204,
    );
    const posted = await get(`/salesCreditMemos(${String(draft.id)})?$expand=salesCreditMemoLines`);
    expect(posted.body).toMatchObject({ id: draft.id, status: 'Open' });
    expect(String(posted.body.number)).toMatch(/^PS-CR/);
    expect(posted.body.salesCreditMemoLines).toMatchObject([{ itemId, quantity: 2 }]);
    expect((await send('POST', `/salesCreditMemos(${String(draft.id)})/Microsoft.NAV.post`)).status).toBe(
      400,
    );
    const applied = await get(
      `/salesCreditMemos?$filter=${encodeURIComponent(`invoiceId eq ${invoice.id}`)}`,
    );
    expect((applied.body.value as unknown[]).length).toBe(1);
    const unknown = await send('POST', '/salesCreditMemos', { ...memo, invoiceId: customerId });
    expect(unknown.status).toBe(400);
    expect(await control.records('salesCreditMemos')).toHaveLength(1);
  });
});
