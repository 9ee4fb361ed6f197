import { LosslessNumber } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice, PurchaseOrder } from '../../canonical-model/generated/index';
import { addDecimal, multiplyDecimal, toPlaces } from '../../canonical-model/decimal';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { createPurchaseActivities } from '.';
import type { PurchaseActivities } from './types';
import { IDS, failureOf, purchaseOrderFor, receiptOf, startPurchaseWorld } from './test-world';
import type { PurchaseWorld } from './test-world';

// The ERP and ledger activities against FerretDB and the NetSuite simulator behind the real connector.
let world: PurchaseWorld;
let activities: PurchaseActivities;
const validator = createCanonicalValidator();

beforeAll(async () => {
  world = await startPurchaseWorld();
  activities = createPurchaseActivities(world.deps);
});
afterAll(async () => {
  await world?.stop();
});

type NsPo = { id: string; externalId?: string; item: { items: Record<string, unknown>[] } };
const netsuitePo = (externalId: string) =>
  world.netsuite<NsPo>('purchaseOrder').find((p) => p.id === externalId);
const lineField = (po: NsPo | undefined, line: number, field: string) => {
  const value = po?.item.items[line]?.[field];
  // The simulator keeps numbers as LosslessNumber (exact digits), plain numbers or strings.
  if (value instanceof LosslessNumber) return value.toString();
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '0';
};

async function erpPo(): Promise<{ order: PurchaseOrder; externalId: string }> {
  const order = purchaseOrderFor(IDS.ediSupplier);
  const created = await activities.createErpPurchaseOrder({ erpConnectorId: IDS.erp, order });
  return { order, externalId: created.externalId };
}

function billOf(order: PurchaseOrder, quantities: string[]): Invoice {
  const id = `inv_p2r_${order.id}_${quantities.join('_')}`;
  const lines = quantities.map((quantity, i) => ({
    lineNumber: i + 1,
    orderLineNumber: order.lines[i]!.lineNumber,
    item: order.lines[i]!.item,
    description: `line ${i + 1}`,
    quantity: { value: quantity, uom: 'EA' as const },
    unitPrice: { amount: '2.50', currency: 'USD' },
    amount: { amount: toPlaces(multiplyDecimal(quantity, '2.50'), 2), currency: 'USD' },
  }));
  const total = toPlaces(
    lines.reduce((t, l) => addDecimal(t, l.amount.amount), '0'),
    2,
  );
  const invoice: Invoice = {
    schemaVersion: '1',
    documentType: 'invoice',
    id,
    legalEntityId: order.legalEntityId,
    source: { connectorId: IDS.edi, system: 'edi', externalId: id },
    invoiceNumber: `SINV-${order.poNumber}`,
    direction: 'AP',
    type: 'invoice',
    status: 'open',
    invoiceDate: '2026-01-14',
    currency: 'USD',
    supplierId: order.supplierId,
    purchaseOrderId: order.id,
    poNumber: order.poNumber,
    lines,
    totals: {
      subtotal: { amount: total, currency: 'USD' },
      taxTotal: { amount: '0.00', currency: 'USD' },
      total: { amount: total, currency: 'USD' },
    },
  };
  expect(validator.validate('invoice', invoice).valid).toBe(true);
  return invoice;
}

describe('createErpPurchaseOrder', () => {
  it('creates the PO once in the ERP: a retry finds it, and the PO id is linked to it', async () => {
    const order = purchaseOrderFor(IDS.ediSupplier);
    expect(validator.validate('purchase-order', order).valid).toBe(true);
    const first = await activities.createErpPurchaseOrder({ erpConnectorId: IDS.erp, order });
    const retry = await activities.createErpPurchaseOrder({ erpConnectorId: IDS.erp, order });
    expect(first.created).toBe(true);
    expect(retry).toMatchObject({ externalId: first.externalId, created: false });
    expect(world.netsuite<NsPo>('purchaseOrder').filter((p) => p.externalId === order.id)).toHaveLength(1);
    expect(await world.crossReferences.toExternal(order.id, IDS.erp, 'purchase-order')).toBe(
      first.externalId,
    );
  });

  it('refuses a PO whose supplier the ERP does not know as data, naming /supplierId', async () => {
    const order = purchaseOrderFor('sup_nobody');
    const err = await failureOf(activities.createErpPurchaseOrder({ erpConnectorId: IDS.erp, order }));
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toContain('/supplierId');
    expect(world.netsuite<NsPo>('purchaseOrder').filter((p) => p.externalId === order.id)).toHaveLength(0);
  });
});

describe('postErpReceipt and receiveStock', () => {
  it('posts a receipt once and puts its good units into stock once, however often both are retried', async () => {
    const { order, externalId } = await erpPo();
    const receipt = receiptOf(order, [
      ['6', '2'],
      ['4', '0'],
    ]);
    const key = { sku: 'WID-1001', locationId: `loc_p2r_${order.id}` };
    const first = await activities.postErpReceipt({ erpConnectorId: IDS.erp, receipt });
    const retry = await activities.postErpReceipt({ erpConnectorId: IDS.erp, receipt });
    expect(first.created).toBe(true);
    expect(retry).toMatchObject({ externalId: first.externalId, created: false });
    expect(
      world.netsuite<{ externalId?: string }>('itemReceipt').filter((r) => r.externalId === receipt.id),
    ).toHaveLength(1);
    const po = netsuitePo(externalId);
    expect(lineField(po, 0, 'quantityReceived')).toBe('4');
    expect(lineField(po, 1, 'quantityReceived')).toBe('4');

    const lines = [{ lineNumber: 1, sku: key.sku, locationId: key.locationId, quantity: '4' }];
    await activities.receiveStock({ receiptId: receipt.id, lines });
    await activities.receiveStock({ receiptId: receipt.id, lines });
    expect((await world.ledger.position(key))?.onHand).toBe('4');
    // Another receipt of the same item is more stock.
    await activities.receiveStock({ receiptId: `${receipt.id}-2`, lines });
    expect((await world.ledger.position(key))?.onHand).toBe('8');
  });

  it('posts nothing for a receipt whose every unit was rejected', async () => {
    const { order, externalId } = await erpPo();
    const receipt = receiptOf(order, [['3', '3']]);
    const answer = await activities.postErpReceipt({ erpConnectorId: IDS.erp, receipt });
    expect(answer).toEqual({ externalId: '', created: false });
    expect(
      world.netsuite<{ externalId?: string }>('itemReceipt').filter((r) => r.externalId === receipt.id),
    ).toHaveLength(0);
    expect(lineField(netsuitePo(externalId), 0, 'quantityReceived')).toBe('0');
  });

  it('refuses a receipt that names no PO as data before calling the ERP', async () => {
    const { order } = await erpPo();
    const receipt = receiptOf(order, [['1', '0']]);
    delete receipt.purchaseOrderId;
    const before = world.netsuite('itemReceipt').length;
    const err = await failureOf(activities.postErpReceipt({ erpConnectorId: IDS.erp, receipt }));
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/receipt/purchaseOrderId']);
    expect(world.netsuite('itemReceipt')).toHaveLength(before);
  });
});

describe('postVendorBill', () => {
  it('posts one AP vendor bill per supplier invoice against the PO: a retry finds it', async () => {
    const { order, externalId } = await erpPo();
    await activities.postErpReceipt({
      erpConnectorId: IDS.erp,
      receipt: receiptOf(order, [
        ['10', '0'],
        ['4', '0'],
      ]),
    });
    const invoice = billOf(order, ['10', '4']);
    const first = await activities.postVendorBill({ erpConnectorId: IDS.erp, invoice });
    const retry = await activities.postVendorBill({ erpConnectorId: IDS.erp, invoice });
    expect(first.created).toBe(true);
    expect(retry).toMatchObject({ externalId: first.externalId, created: false });
    const bills = world
      .netsuite<{ id: string; externalId?: string; tranId?: string; createdFrom?: { id: string } }>(
        'vendorBill',
      )
      .filter((b) => b.externalId === invoice.id);
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ tranId: invoice.invoiceNumber, createdFrom: { id: externalId } });
    const po = netsuitePo(externalId);
    expect([lineField(po, 0, 'quantityBilled'), lineField(po, 1, 'quantityBilled')]).toEqual(['10', '4']);
    expect(await world.crossReferences.toExternal(invoice.id, IDS.erp, 'vendor-bill')).toBe(first.externalId);
  });

  it('bills an invoice the intake marked AR as the AP bill it is, and refuses one without its PO', async () => {
    const { order } = await erpPo();
    const invoice = { ...billOf(order, ['1']), direction: 'AR' as const };
    await activities.postVendorBill({ erpConnectorId: IDS.erp, invoice });
    expect(
      world.netsuite<{ externalId?: string }>('vendorBill').filter((b) => b.externalId === invoice.id),
    ).toHaveLength(1);
    expect(
      world.netsuite<{ externalId?: string }>('invoice').filter((b) => b.externalId === invoice.id),
    ).toHaveLength(0);

    const orphan = billOf(order, ['2']);
    delete orphan.purchaseOrderId;
    const err = await failureOf(activities.postVendorBill({ erpConnectorId: IDS.erp, invoice: orphan }));
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/invoice/purchaseOrderId']);
  });
});

describe('stock position and inbound supply', () => {
  it('answers zeros for an item the ledger has never seen', async () => {
    expect(await activities.readStockPosition({ sku: 'NEVER-SEEN', locationId: IDS.location })).toEqual({
      onHand: '0',
      reserved: '0',
      inbound: '0',
    });
  });

  it('counts open inbound once per supply id, whatever its due date, until it is settled', async () => {
    const key = { sku: 'WID-2001', locationId: `loc_p2r_inbound_${Date.now().toString(36)}` };
    await world.ledger.setStock({
      ...key,
      opId: `count/${key.locationId}`,
      onHand: '12',
      held: '2',
      asOf: new Date().toISOString(),
    });
    await world.ledger.reserve({
      ...key,
      reservationId: `res/${key.locationId}`,
      quantity: '3',
      orderId: 'so_p2r_1',
      lineNumber: 1,
      allowPartial: false,
    });
    const supplies = [
      {
        id: 'po_in/1',
        sku: key.sku,
        locationId: key.locationId,
        quantity: '20',
        dueDate: '2026-02-01',
        purchaseOrderId: 'po_in',
      },
      {
        id: 'asn_in/1',
        sku: key.sku,
        locationId: key.locationId,
        quantity: '5',
        dueDate: '2031-12-31',
        purchaseOrderId: 'po_in',
      },
    ].map((s) => ({
      ...s,
      id: `${key.locationId}/${s.id}`,
      purchaseOrderId: `${key.locationId}/${s.purchaseOrderId}`,
    }));
    await activities.recordInboundSupply({ supplies });
    await activities.recordInboundSupply({ supplies });
    expect(await activities.readStockPosition(key)).toEqual({ onHand: '10', reserved: '3', inbound: '25' });

    await activities.settleInboundSupply({ ids: [supplies[0]!.id], status: 'received' });
    await activities.settleInboundSupply({ ids: [supplies[0]!.id], status: 'received' });
    expect((await activities.readStockPosition(key)).inbound).toBe('5');
    // Available-to-promise sees the ASN by its due date only.
    const [byJune] = await world.ledger.availability(key.sku, [key.locationId], '2031-06-01');
    expect(byJune?.inboundDue).toBe('0');
  });

  it('refuses supply with a bad due date or quantity as data, naming each, and records none of it', async () => {
    const key = { sku: 'WID-2002', locationId: `loc_p2r_bad_${Date.now().toString(36)}` };
    const err = await failureOf(
      activities.recordInboundSupply({
        supplies: [
          {
            id: `${key.locationId}/a`,
            ...key,
            quantity: '5',
            dueDate: '2026-02-01',
            purchaseOrderId: 'po_x',
          },
          {
            id: `${key.locationId}/b`,
            ...key,
            quantity: '-1',
            dueDate: '01/02/2026',
            purchaseOrderId: 'po_x',
          },
        ],
      }),
    );
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/supplies/1/quantity', '/supplies/1/dueDate']);
    expect((await activities.readStockPosition(key)).inbound).toBe('0');
  });
});
