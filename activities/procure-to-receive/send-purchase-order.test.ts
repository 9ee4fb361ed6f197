import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPurchaseActivities } from '.';
import type { PurchaseActivities } from './types';
import { IDS, failureOf, purchaseOrderFor, startPurchaseWorld } from './test-world';
import type { PurchaseWorld } from './test-world';

// sendPurchaseOrder against FerretDB's EDI stores (the 850 and its control numbers) and the portal simulator.
let world: PurchaseWorld;
let activities: PurchaseActivities;

beforeAll(async () => {
  world = await startPurchaseWorld();
  activities = createPurchaseActivities(world.deps);
});
afterAll(async () => {
  await world?.stop();
});
beforeEach(() => {
  world.uploads.length = 0;
  world.failUploads(0);
});

/** ISA13, GS06 and ST02 as the uploaded interchange carries them. */
function controlNumbersIn(bytes: Buffer) {
  const segments = bytes.toString('latin1').split(/~\s*/);
  const element = (id: string, n: number) => segments.find((s) => s.startsWith(`${id}*`))?.split('*')[n];
  return { interchange: element('ISA', 13), group: element('GS', 6), set: element('ST', 2) };
}

const outbound850s = async (poNumber: string) =>
  (await world.edi.sets.list({ partnerId: world.partnerId, setId: '850', poNumber })).filter(
    (s) => s.direction === 'outbound',
  );

describe('sendPurchaseOrder to an EDI supplier', () => {
  it('sends one 850 per PO: a retry sends nothing and answers the same control numbers', async () => {
    const order = purchaseOrderFor(IDS.ediSupplier);
    const first = await activities.sendPurchaseOrder({ order, supplier: world.ediSupplier });
    expect(world.uploads).toHaveLength(1);
    const text = world.uploads[0]!.bytes.toString('latin1');
    expect(text).toContain(`BEG*00*SA*${order.poNumber}**20260105~`);
    expect(text).toMatch(/PO1\*1\*10\*EA\*2\.5\*\*SK\*WID-1001~/);
    const inFile = controlNumbersIn(world.uploads[0]!.bytes);
    expect(first).toMatchObject({
      connectorId: IDS.edi,
      document: {
        direction: 'outbound',
        documentType: '850',
        documentId: order.id,
        number: order.poNumber,
        control: { interchange: inFile.interchange, group: inFile.group, set: inFile.set },
      },
    });

    const retry = await activities.sendPurchaseOrder({ order, supplier: world.ediSupplier });
    expect(retry).toEqual(first);
    expect(world.uploads).toHaveLength(1);
    expect(await outbound850s(order.poNumber)).toHaveLength(1);
  });

  it('delivers an 850 whose upload failed with the same file and control numbers on the retry', async () => {
    const order = purchaseOrderFor(IDS.ediSupplier);
    world.failUploads(1);
    await expect(activities.sendPurchaseOrder({ order, supplier: world.ediSupplier })).rejects.toMatchObject({
      kind: 'transient',
    });
    expect(world.uploads).toHaveLength(0);
    const [kept] = await outbound850s(order.poNumber);
    const interchange = await world.edi.interchanges.get(kept!.interchangeId);
    expect(interchange.status).toBe('queued');

    const retried = await activities.sendPurchaseOrder({ order, supplier: world.ediSupplier });
    expect(world.uploads.map((u) => u.name)).toEqual([interchange.fileName]);
    expect(retried.document.control).toEqual(controlNumbersIn(world.uploads[0]!.bytes));
    expect(retried.document.control?.interchange).toBe(interchange.controlNumber);
    expect((await world.edi.interchanges.get(kept!.interchangeId)).status).toBe('sent');
    expect(await outbound850s(order.poNumber)).toHaveLength(1);
  });

  it('gives two POs their own control numbers', async () => {
    const a = await activities.sendPurchaseOrder({
      order: purchaseOrderFor(IDS.ediSupplier),
      supplier: world.ediSupplier,
    });
    const b = await activities.sendPurchaseOrder({
      order: purchaseOrderFor(IDS.ediSupplier),
      supplier: world.ediSupplier,
    });
    expect(world.uploads).toHaveLength(2);
    expect(a.document.control?.interchange).not.toBe(b.document.control?.interchange);
    expect(a.document.control?.set).toBeDefined();
  });

  it('never answers a PO with the 850 of another PO that took its number', async () => {
    const order = purchaseOrderFor(IDS.ediSupplier);
    await activities.sendPurchaseOrder({ order, supplier: world.ediSupplier });
    const other = { ...order, id: `${order.id}-other` };
    const err = await failureOf(activities.sendPurchaseOrder({ order: other, supplier: world.ediSupplier }));
    expect(err.kind).toBe('data');
    expect(err.message).toContain(order.id);
    expect(world.uploads).toHaveLength(1);
  });

  it('refuses a supplier that is not the PO’s, and a channel without a partner, as data', async () => {
    const order = purchaseOrderFor(IDS.ediSupplier);
    const err = await failureOf(
      activities.sendPurchaseOrder({
        order,
        supplier: {
          ...world.ediSupplier,
          supplierId: 'sup_someone_else',
          channel: { kind: 'edi', ediConnectorId: IDS.edi, partnerId: '' },
        },
      }),
    );
    expect(err.fieldErrors?.map((f) => f.path)).toEqual([
      '/supplier/supplierId',
      '/supplier/channel/partnerId',
    ]);
    expect(world.uploads).toHaveLength(0);
  });
});

describe('sendPurchaseOrder to a portal supplier', () => {
  it('publishes the PO once: publishing it twice leaves one portal PO and answers its id', async () => {
    const order = purchaseOrderFor(IDS.portalSupplier);
    const first = await activities.sendPurchaseOrder({ order, supplier: world.portalSupplier });
    const again = await activities.sendPurchaseOrder({ order, supplier: world.portalSupplier });
    const onPortal = world.portalPurchaseOrders().filter((p) => p.po_number === order.poNumber);
    expect(onPortal).toHaveLength(1);
    expect(onPortal[0]).toMatchObject({ buyer_reference: order.id, supplier_id: IDS.portalSupplierAccount });
    expect(first).toMatchObject({
      connectorId: IDS.portal,
      externalId: onPortal[0]!.id,
      document: { documentType: 'portal-purchase-order', documentId: order.id, externalId: onPortal[0]!.id },
    });
    expect(again.externalId).toBe(first.externalId);
    expect(first.document.control).toBeUndefined();
  });

  it('refuses a supplier without a portal account as data naming /supplierId', async () => {
    const order = purchaseOrderFor('sup_not_on_portal');
    const err = await failureOf(
      activities.sendPurchaseOrder({
        order,
        supplier: { ...world.portalSupplier, supplierId: 'sup_not_on_portal' },
      }),
    );
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toContain('/supplierId');
    expect(world.portalPurchaseOrders().filter((p) => p.po_number === order.poNumber)).toHaveLength(0);
  });
});
