import { afterEach, describe, expect, it } from 'vitest';
import type { Invoice, SalesOrder } from '../../canonical-model/generated/index';
import { createLogger } from '../../monitoring/logger';
import { seedGuid } from '../../simulators/business-central/index';
import { createCreditMemo } from '../../simulators/business-central/credit-memos';
import { createBusinessCentralConnector } from '.';
import { startSim, writeContext } from './test-support';

const deps = { logger: createLogger('test', 'silent'), connectorId: 'bc-credit-test' };
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

const sku = (value: string) => ({ identifiers: [{ qualifier: 'SKU' as const, value }] });
const usd = (amount: string) => ({ amount, currency: 'USD' });
const order: SalesOrder = {
  schemaVersion: '1',
  documentType: 'sales-order',
  id: 'so_bc_cm',
  legalEntityId: 'le_contoso_us',
  source: { connectorId: 'api', system: 'hub', externalId: 'so_bc_cm' },
  orderNumber: 'SO-CM-1',
  customerId: 'cus_adatum',
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
  id: 'inv_bc_cm',
  legalEntityId: 'le_contoso_us',
  source: { connectorId: 'hub', system: 'hub', externalId: 'inv_bc_cm' },
  invoiceNumber: 'INV-CM-1',
  direction: 'AR',
  type: 'invoice',
  status: 'open',
  invoiceDate: '2025-06-04',
  currency: 'USD',
  customerId: 'cus_adatum',
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

async function invoiced() {
  const started = await startSim();
  stops.push(() => started.sim.stop());
  const port = createBusinessCentralConnector(started.config, deps);
  const links: Record<string, string> = { 'customer:cus_adatum': seedGuid(0xc0, 1) };
  links[`sales-order:${order.id}`] = (await port.upsertSalesOrder(order, writeContext(links))).externalId;
  links['invoice:inv_bc_cm'] = (await port.postInvoice(document({}), writeContext(links))).externalId;
  return { ...started, port, links };
}

describe('Business Central AR credit memos', () => {
  it('posts a salesCreditMemo applied to the original invoice, keyed by the memo id', async () => {
    const { port, links, control } = await invoiced();
    const memo = document(
      { id: 'cm_bc_1', type: 'credit-memo', originalInvoiceId: 'inv_bc_cm' },
      'WID-1001',
      '1.5',
    );
    const posted = await port.postInvoice(memo, writeContext(links));
    expect(posted.documentNumber).toMatch(/^PS-CR/);
    const [stored] = await control.records('salesCreditMemos');
    expect(stored).toMatchObject({
      id: posted.externalId,
      externalDocumentNumber: 'cm_bc_1',
      invoiceId: links['invoice:inv_bc_cm'],
      status: 'Open',
      customerId: seedGuid(0xc0, 1),
    });
    const lines = await control.records('salesCreditMemoLines');
    expect(lines).toMatchObject([{ documentId: posted.externalId, quantity: 1.5, unitPrice: 3.1 }]);
  });

  it('posts a Draft an interrupted attempt left behind instead of making a second memo', async () => {
    const { port, links, control, sim } = await invoiced();
    const memo = document(
      { id: 'cm_bc_draft', type: 'credit-memo', originalInvoiceId: 'inv_bc_cm' },
      'WID-1001',
      '1',
    );
    const item = sim.store
      .collection<{ id: string; number: string }>('items')
      .find((i) => i.number === 'WID-1001');
    createCreditMemo(sim, {
      customerId: seedGuid(0xc0, 1),
      externalDocumentNumber: 'cm_bc_draft',
      salesCreditMemoLines: [{ lineType: 'Item', itemId: item!.id, quantity: 1 }],
    });
    const result = await port.postInvoice(memo, writeContext(links));
    expect(result.created).toBe(false);
    const memos = await control.records('salesCreditMemos');
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({ status: 'Open' });
  });

  it('keys a memo id longer than externalDocumentNumber holds by a digest, still once', async () => {
    const { port, links, control } = await invoiced();
    const memo = document({ id: `cm_${'x'.repeat(60)}`, type: 'credit-memo' }, 'WID-1001', '1');
    const first = await port.postInvoice(memo, writeContext(links));
    const again = await port.postInvoice(memo, writeContext(links));
    expect(again).toMatchObject({ externalId: first.externalId, created: false });
    const memos = await control.records<{ externalDocumentNumber: string }>('salesCreditMemos');
    expect(memos).toHaveLength(1);
    expect(memos[0]!.externalDocumentNumber).toMatch(/^hub-[0-9a-f]{31}$/);
  });

  it('refuses crediting an item the invoice did not bill, naming the line item', async () => {
    const { port, links, control } = await invoiced();
    const memo = document(
      { id: 'cm_bc_other', type: 'credit-memo', originalInvoiceId: 'inv_bc_cm' },
      'WID-1002',
      '1',
    );
    await expect(port.postInvoice(memo, writeContext(links))).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [expect.objectContaining({ path: '/lines/0/item' })],
    });
    expect(await control.records('salesCreditMemos')).toHaveLength(0);
  });

  it('refuses AP credit memos and debit memos, naming /type', async () => {
    const { port, links, control } = await invoiced();
    for (const overrides of [
      { id: 'cm_ap', type: 'credit-memo' as const, direction: 'AP' as const, supplierId: 'sup_1' },
      { id: 'dm_ar', type: 'debit-memo' as const },
    ]) {
      await expect(port.postInvoice(document(overrides), writeContext(links))).rejects.toMatchObject({
        kind: 'data',
        fieldErrors: [expect.objectContaining({ path: '/type' })],
      });
    }
    expect(await control.records('salesCreditMemos')).toHaveLength(0);
  });
});
