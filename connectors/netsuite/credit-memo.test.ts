import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Invoice, SalesOrder } from '../../canonical-model/generated/index';
import { createLogger } from '../../monitoring/logger';
import { simulatorControl } from '../../simulators/kit/control';
import { NETSUITE_SIM_CREDENTIALS, createNetSuiteSimulator } from '../../simulators/netsuite';
import type { ReferenceResolver, WriteContext } from '../sdk/ports/common';
import { createNetSuiteConnector } from '.';

const sim = createNetSuiteSimulator();
let control: ReturnType<typeof simulatorControl>;
let port: ReturnType<typeof createNetSuiteConnector>;
let links: Record<string, string> = {};
const context = (): WriteContext => {
  const references: ReferenceResolver = {
    externalId: (type, id) => Promise.resolve(links[`${type}:${id}`]),
  };
  return { references, idempotencyKey: 'credit-test' };
};

beforeAll(async () => {
  const url = await sim.start(0);
  control = simulatorControl(url);
  port = createNetSuiteConnector(
    {
      ...NETSUITE_SIM_CREDENTIALS,
      baseUrl: `${url}/services/rest`,
      legalEntityId: 'le_acme_us',
      currency: 'USD',
      timeoutMs: 10_000,
    },
    { logger: createLogger('test', 'silent'), connectorId: 'netsuite-credit-test' },
  );
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await control.reset();
  links = { 'customer:cus_ns': '101' };
  links[`sales-order:${order.id}`] = (await port.upsertSalesOrder(order, context())).externalId;
  links['invoice:inv_ns_cm'] = (await port.postInvoice(document({}), context())).externalId;
});

const sku = (value: string) => ({ identifiers: [{ qualifier: 'SKU' as const, value }] });
const usd = (amount: string) => ({ amount, currency: 'USD' });
const order: SalesOrder = {
  schemaVersion: '1',
  documentType: 'sales-order',
  id: 'so_ns_cm',
  legalEntityId: 'le_acme_us',
  source: { connectorId: 'api', system: 'hub', externalId: 'so_ns_cm' },
  orderNumber: 'SO-CM-1',
  customerId: 'cus_ns',
  customerPoNumber: 'PO-CM-1',
  status: 'open',
  orderDate: '2025-06-02',
  currency: 'USD',
  shipTo: { name: 'Adatum DC' },
  lines: [
    {
      lineNumber: 1,
      item: sku('WID-1001'),
      quantity: { value: '4', uom: 'EA' },
      unitPrice: usd('3.10'),
      status: 'open',
    },
  ],
};
const document = (overrides: Partial<Invoice>, itemSku = 'WID-1001', quantity = '4'): Invoice => ({
  schemaVersion: '1',
  documentType: 'invoice',
  id: 'inv_ns_cm',
  legalEntityId: 'le_acme_us',
  source: { connectorId: 'hub', system: 'hub', externalId: 'inv_ns_cm' },
  invoiceNumber: 'INV-CM-1',
  direction: 'AR',
  type: 'invoice',
  status: 'open',
  invoiceDate: '2025-06-04',
  currency: 'USD',
  customerId: 'cus_ns',
  salesOrderId: order.id,
  lines: [
    {
      lineNumber: 1,
      orderLineNumber: 1,
      item: sku(itemSku),
      description: 'widget',
      quantity: { value: quantity, uom: 'EA' },
      unitPrice: usd('3.10'),
      amount: usd('3.10'),
    },
  ],
  totals: { subtotal: usd('3.10'), taxTotal: usd('0'), total: usd('3.10') },
  ...overrides,
});

describe('NetSuite AR credit memos', () => {
  it('transforms the original invoice into a creditMemo that keeps the sales order and line numbers', async () => {
    const memo = document(
      { id: 'cm_ns_1', type: 'credit-memo', originalInvoiceId: 'inv_ns_cm' },
      'WID-1001',
      '1.5',
    );
    const posted = await port.postInvoice(memo, context());
    expect(posted).toMatchObject({ created: true, documentNumber: expect.stringMatching(/^CM/) as unknown });
    const memos = await control.records('creditMemo');
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({
      id: posted.externalId,
      externalId: 'cm_ns_1',
      createdFrom: { id: links['invoice:inv_ns_cm'] },
      entity: { id: '101' },
      custbody_hub_sales_order: { id: links[`sales-order:${order.id}`] },
      item: { items: [{ item: { id: '4711' }, quantity: 1.5, rate: 3.1, custcol_hub_line_number: 1 }] },
    });
  });

  it('creates a creditMemo for the customer when there is no original invoice', async () => {
    const memo = document(
      { id: 'cm_ns_free', type: 'credit-memo', salesOrderId: undefined },
      'WID-1002',
      '2',
    );
    const posted = await port.postInvoice(memo, context());
    expect(posted.created).toBe(true);
    const memos = await control.records('creditMemo');
    expect(memos[0]).toMatchObject({ entity: { id: '101' }, item: { items: [{ item: { id: '4712' } }] } });
    expect(memos[0]).not.toHaveProperty('createdFrom');
  });

  it('refuses crediting an item the invoice did not bill, naming the line item', async () => {
    const memo = document(
      { id: 'cm_ns_other', type: 'credit-memo', originalInvoiceId: 'inv_ns_cm' },
      'WID-1002',
      '1',
    );
    await expect(port.postInvoice(memo, context())).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [expect.objectContaining({ path: '/lines/0/item' })],
    });
    expect(await control.records('creditMemo')).toHaveLength(0);
  });

  it('refuses a memo for another customer than the invoice billed, naming /customerId', async () => {
    links['customer:cus_other'] = '103';
    const memo = document(
      { id: 'cm_ns_cust', type: 'credit-memo', originalInvoiceId: 'inv_ns_cm', customerId: 'cus_other' },
      'WID-1001',
      '1',
    );
    await expect(port.postInvoice(memo, context())).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [expect.objectContaining({ path: '/customerId' })],
    });
  });

  it('refuses AP credit memos and debit memos, naming /type, and posts nothing', async () => {
    for (const overrides of [
      { id: 'cm_ap', type: 'credit-memo' as const, direction: 'AP' as const, supplierId: 'sup_1' },
      { id: 'dm_ar', type: 'debit-memo' as const },
    ]) {
      await expect(port.postInvoice(document(overrides), context())).rejects.toMatchObject({
        kind: 'data',
        fieldErrors: [expect.objectContaining({ path: '/type' })],
      });
    }
    expect(await control.records('creditMemo')).toHaveLength(0);
    expect(await control.records('vendorBill')).toHaveLength(0);
    expect(await control.records('invoice')).toHaveLength(1);
  });
});
