/**
 * The procure-to-receive part of command 1's demo, through the hub's own API: the ERP pushes the supplier (master
 * data links it to its vendor), the purchasing policy buys WID-1002 for the Chicago DC through the supplier portal,
 * a stock signal for WID-1002 is raised, and the PO it becomes is followed from the ERP and the portal through the
 * supplier's acknowledgement, ASN, the warehouse's receipt and the three-way match to the vendor bill in the ERP.
 */
import { randomUUID } from 'node:crypto';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { SEED_SUPPLIERS } from '../simulators/supplier-portal';
import type { PurchaseOrderView } from '../workflows/procure-to-receive/types';
import type { OrderDemoApi } from './demo-orders';

/** The demo's supplier: NetSuite vendor 202, the portal's Northwind Packaging account. */
const SUPPLIER = 'sup_demo_northwind';
const SKU = 'WID-1002';
const WAREHOUSE = 'loc_dc_primary';
const FINAL = ['closed', 'short-closed', 'rejected', 'cancelled'];

/** Makes the purchasing flow runnable and raises the stock signal; answers when its PO can be followed from. */
export async function startPurchasing(
  api: OrderDemoApi,
  ids: Record<string, string>,
  legalEntityId: string,
): Promise<string> {
  const erp = ids.netsuite!;
  const supplier = {
    ...loadFixture('supplier'),
    id: SUPPLIER,
    name: 'Northwind Packaging Co.',
    legalEntityId,
  };
  supplier.source = { connectorId: erp, system: 'netsuite', externalId: '202', version: String(Date.now()) };
  await api.call('POST', '/v1/master-data/supplier', supplier);
  const portalAccount = SEED_SUPPLIERS.find((s) => s.code === 'NWP-US')!;
  await api.call('PUT', '/v1/purchasing-policy', {
    legalEntityId,
    erpConnectorId: erp,
    wmsConnectorId: ids.wms,
    defaultLocationId: WAREHOUSE,
    approvalThreshold: '5000',
    coalesceWindowMinutes: 0.05,
    sourcing: [
      {
        sku: SKU,
        reorderPoint: '100',
        suppliers: [
          {
            supplierId: SUPPLIER,
            channel: {
              kind: 'portal',
              connectorId: ids['supplier-portal'],
              portalSupplierId: portalAccount.id,
            },
            unitPrice: '3.10',
            currency: 'USD',
            uom: 'EA',
            minOrderQuantity: '12',
            packMultiple: '12',
            leadTimeDays: 10,
          },
        ],
      },
    ],
  });
  const since = new Date().toISOString();
  await api.call(
    'POST',
    '/v1/replenishment-requests',
    { legalEntityId, sku: SKU, locationId: WAREHOUSE, quantity: '30', reason: 'reorder-point' },
    { 'idempotency-key': `demo-${randomUUID()}` },
  );
  api.say(`stock signal: ${SKU} under its reorder point at the Chicago DC → replenishment for 30`);
  return since;
}

/** Follows the demo's PO to its final state and prints what it went through. */
export async function followPurchasing(
  api: OrderDemoApi,
  legalEntityId: string,
  since: string,
): Promise<void> {
  const mine = async () =>
    (
      await api.call<{ items: PurchaseOrderView[] }>(
        'GET',
        `/v1/purchase-orders?legalEntityId=${legalEntityId}&supplierId=${SUPPLIER}&limit=200`,
      )
    ).items.filter((po) => (po.timeline[0]?.at ?? '') >= since);
  let [po] = await mine();
  for (let i = 0; i < 240 && (!po || !FINAL.includes(po.status)); i++) {
    await new Promise((r) => setTimeout(r, 500));
    [po] = await mine();
  }
  if (!po) {
    api.say('purchasing: no PO was made from the stock signal');
    return;
  }
  const line = po.lines[0]!;
  const documents = po.documents.map((d) => `${d.direction === 'outbound' ? '→' : '←'} ${d.documentType}`);
  api.say(
    `PO ${po.poNumber} (${po.channel}, ${line.sku} × ${line.ordered}) → ${po.status}: ${documents.join(', ')}`,
  );
  api.say(
    `  ordered ${line.ordered}, acknowledged ${line.acknowledged}, shipped ${line.shipped}, received ${line.received}, billed ${line.billed}; ` +
      `vendor bill ${po.invoices.map((i) => `${i.invoiceNumber} → ${i.billExternalId ?? i.status}`).join(', ') || 'none'} in the ERP`,
  );
}
