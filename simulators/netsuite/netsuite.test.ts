import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthHeader } from '../../connectors/netsuite/oauth';
import { simulatorControl } from '../kit/control';
import { NETSUITE_SIM_CREDENTIALS, SEEDED_ITEM_COUNT, createNetSuiteSimulator } from '.';

const sim = createNetSuiteSimulator();
let root = '';
const signed = (method: string, path: string, body?: unknown, credentials = NETSUITE_SIM_CREDENTIALS) =>
  fetch(`${root}${path}`, {
    method,
    headers: {
      authorization: oauthHeader(method, `${root}${path}`, credentials),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  root = `${await sim.start(0)}/services/rest/record/v1`;
});
afterAll(() => sim.stop());

describe('NetSuite simulator', () => {
  it('answers 401 INVALID_LOGIN to an unsigned or wrongly signed request', async () => {
    const unsigned = await fetch(`${root}/customer`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({
      type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2',
      title: 'Unauthorized',
      status: 401,
      'o:errorDetails': [{ detail: 'Invalid login attempt.', 'o:errorCode': 'INVALID_LOGIN' }],
    });
    const wrong = await signed('GET', '/customer', undefined, {
      ...NETSUITE_SIM_CREDENTIALS,
      tokenSecret: 'x',
    });
    expect(wrong.status).toBe(401);
  });

  it('pages lists with limit/offset and filters with q', async () => {
    const page = (await (await signed('GET', '/inventoryItem?limit=10&offset=30')).json()) as Record<
      string,
      unknown
    >;
    expect(page).toMatchObject({
      count: SEEDED_ITEM_COUNT - 30,
      hasMore: false,
      offset: 30,
      totalResults: SEEDED_ITEM_COUNT,
    });
    const q = encodeURIComponent('itemId IS "WID-1002"');
    const found = (await (await signed('GET', `/inventoryItem?q=${q}`)).json()) as {
      items: { id: string }[];
    };
    expect(found.items.map((i) => i.id)).toEqual(['4712']);
    expect((await signed('GET', '/inventoryItem?limit=10&offset=5')).status).toBe(400);
  });

  it('creates with PUT eid: once, transforms, and refuses an over-receipt with USER_ERROR', async () => {
    const body = {
      entity: { id: '201' },
      item: { items: [{ item: { id: '4711' }, quantity: 2, rate: 1.1 }] },
    };
    const put = await signed('PUT', '/purchaseOrder/eid:po-sim-1', body);
    expect(put.status).toBe(204);
    const location = put.headers.get('location') ?? '';
    expect((await signed('PUT', '/purchaseOrder/eid:po-sim-1', body)).headers.get('location')).toBe(location);
    const id = location.split('/').at(-1) ?? '';
    const receive = (quantity: number) =>
      signed('POST', `/purchaseOrder/${id}/!transform/itemReceipt`, {
        item: { items: [{ orderLine: 1, quantity }] },
      });
    expect((await receive(2)).status).toBe(204);
    const over = await receive(1);
    expect(over.status).toBe(400);
    const error = (await over.json()) as { 'o:errorDetails': { 'o:errorCode': string }[] };
    expect(error['o:errorDetails'][0]?.['o:errorCode']).toBe('USER_ERROR');
    const po = (
      await simulatorControl(sim.url).records<{
        id: string;
        item: { items: { quantityReceived: number }[] };
      }>('purchaseOrder')
    ).find((r) => r.id === id);
    expect(po?.item.items[0]?.quantityReceived).toBe(2);
  });

  it('transforms an invoice into a creditMemo readable by GET and found by createdFrom ANY_OF', async () => {
    const order = await signed('PUT', '/salesOrder/eid:so-sim-cm', {
      entity: { id: '101' },
      item: { items: [{ item: { id: '4711' }, quantity: 3, rate: 2.1 }] },
    });
    const orderId = (order.headers.get('location') ?? '').split('/').at(-1) ?? '';
    const billed = await signed('POST', `/salesOrder/${orderId}/!transform/invoice`, {
      externalId: 'inv-sim-cm',
      item: { items: [{ orderLine: 1, quantity: 3 }] },
    });
    const invoiceId = (billed.headers.get('location') ?? '').split('/').at(-1) ?? '';
    const credit = (orderLine: number, externalId: string) =>
      signed('POST', `/invoice/${invoiceId}/!transform/creditMemo`, {
        externalId,
        item: { items: [{ orderLine, quantity: 2, rate: 2.1 }] },
      });
    const made = await credit(1, 'cm-sim-1');
    expect(made.status).toBe(204);
    const memoId = (made.headers.get('location') ?? '').split('/').at(-1) ?? '';
    const memo = (await (await signed('GET', `/creditMemo/${memoId}`)).json()) as Record<string, unknown>;
    expect(memo).toMatchObject({
      externalId: 'cm-sim-1',
      createdFrom: { id: invoiceId },
      entity: { id: '101' },
      total: 4.2,
      item: { items: [{ item: { id: '4711' }, quantity: 2, rate: 2.1 }] },
    });
    expect((await signed('GET', '/creditMemo/eid:cm-sim-1')).status).toBe(200);
    expect((await credit(1, 'cm-sim-1')).status).toBe(400);
    expect((await credit(7, 'cm-sim-2')).status).toBe(400);
    const q = encodeURIComponent(`createdFrom ANY_OF [${invoiceId}]`);
    const found = (await (await signed('GET', `/creditMemo?q=${q}`)).json()) as { items: { id: string }[] };
    expect(found.items.map((i) => i.id)).toEqual([memoId]);
    expect((await simulatorControl(sim.url).records('creditMemo')).length).toBe(1);
  });

  it('creates a creditMemo for a customer with POST, refusing a negative quantity', async () => {
    const body = (quantity: number) => ({
      externalId: `cm-post-${quantity}`,
      entity: { id: '101' },
      item: { items: [{ item: { id: '4712' }, quantity, rate: 1.5 }] },
    });
    const made = await signed('POST', '/creditMemo', body(2));
    expect(made.status).toBe(204);
    expect(made.headers.get('location')).toMatch(/\/creditMemo\/\d+$/);
    expect((await signed('POST', '/creditMemo', body(-1))).status).toBe(400);
  });
});
