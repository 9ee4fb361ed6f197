/**
 * The procure-to-receive part of command 1's demo, through the hub's own API: the ERP pushes the supplier (master
 * data links it to its vendor), the purchasing policy buys WID-1002 for the Chicago DC through the supplier portal,
 * a cycle count takes WID-1002 below its reorder point (the reorder watch raises the stock signal), and the PO it
 * becomes is followed from the ERP and the portal through the supplier's acknowledgement, ASN, the warehouse's
 * receipt and the three-way match to the vendor bill in the ERP, and until the ERP reports that bill paid.
 */
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { SEED_SUPPLIERS } from '../simulators/supplier-portal';
import type { PurchaseOrderView } from '../workflows/procure-to-receive/types';
import type { OrderDemoApi } from './demo-orders';

/** The demo's supplier: NetSuite vendor 202, the portal's Northwind Packaging account. */
const SUPPLIER = 'sup_demo_northwind';
const SKU = 'WID-1002';
const WAREHOUSE = 'loc_dc_primary';
const FINAL = ['closed', 'short-closed', 'rejected', 'cancelled'];
/** The NetSuite simulator setting that pays each vendor bill in full when it is posted. */
const NETSUITE_AUTO_PAY = 'autoPayBills';

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
    paymentCheckMinutes: 0.05,
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
  // The ERP's accounts payable pays every vendor bill as soon as it is posted, so the demo shows a paid bill.
  await api.simulator('netsuite', '/_sim/settings', { [NETSUITE_AUTO_PAY]: true });
  const since = new Date().toISOString();
  // A cycle count of 70 against a reorder point of 100: the stock ledger's reorder watch raises the signal.
  await api.call('PUT', `/v1/stock/${WAREHOUSE}/${SKU}`, { onHand: '70', held: '0' });
  api.say(`stock signal: ${SKU} counted 70 at the Chicago DC, under its reorder point of 100`);
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
  const settled = (p: PurchaseOrderView | undefined) =>
    p !== undefined &&
    FINAL.includes(p.status) &&
    p.invoices.every((i) => i.status !== 'billed' || i.payment?.status === 'paid');
  let [po] = await mine();
  for (let i = 0; i < 240 && !settled(po); i++) {
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
  api.say(
    `  vendor bill payment: ${po.invoices.map((i) => (i.payment ? `${i.invoiceNumber} ${i.payment.status}${i.payment.paidAt ? ` on ${i.payment.paidAt}` : ''} (${i.payment.amountPaid} ${i.currency} paid, ${i.payment.amountDue} due)` : `${i.invoiceNumber} not reported by the ERP yet`)).join(', ') || 'none'}`,
  );
}
