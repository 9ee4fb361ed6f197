/**
 * A whole hub for procure-to-receive end-to-end tests: API and worker processes on a database of their own, the
 * ERP (NetSuite), WMS (ShipHero) and supplier-portal simulators in process (webhooks signed to the hub), an EDI
 * connector on the stack's SFTP server with a supplier trading partner, the supplier and warehouse links, and a
 * purchasing policy buying WID-1001 from the EDI supplier and WID-1002 through the portal.
 */
import type { Db } from 'mongodb';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { createNetSuiteSimulator } from '../../simulators/netsuite';
import { createSupplierPortalSimulator } from '../../simulators/supplier-portal';
import { createWmsSimulator } from '../../simulators/wms';
import type { Simulator } from '../../simulators/kit/simulator';
import type { apiCaller, HubProcess } from './processes';
import { registerConnector, registerSimulated, simControl, startHubHarness } from './hub-harness';
import { sftpFolders } from './edi';
import { supplierPartnerInput } from './supplier-documents';
import type { SupplierEnvelope } from './supplier-documents';

/** The legal entity every test PO belongs to. */
export const PURCHASING_ENTITY = 'le_acme_us';
/** Canonical suppliers and the NetSuite vendors they are linked to. */
export const SUPPLIERS = {
  /** Bolt Supply Co.: POs by EDI 850; 855, 856 and 810 back (NetSuite vendor 201). */
  edi: 'sup_bolt_supply',
  /** Northwind Packaging: POs through the supplier portal (NetSuite vendor 202; portal account sup_k3v8p1zt6n). */
  portal: 'sup_northwind',
} as const;
/** The warehouse POs are bought for (NetSuite location 1, the WMS's primary warehouse). */
export const WAREHOUSE = 'loc_dc_primary';
/** The SKU bought by EDI and the one bought through the portal. */
export const EDI_SKU = 'WID-1001';
export const PORTAL_SKU = 'WID-1002';
/** The EDI supplier's interchange ids (it sends as BOLTSUPPLY to us as DISTRIB). */
export const SUPPLIER_IDS: Pick<SupplierEnvelope, 'sender' | 'receiver'> = {
  sender: 'BOLTSUPPLY',
  receiver: 'DISTRIB',
};

/** The running hub. */
export interface PurchaseHub {
  api: HubProcess & { url: string };
  worker: HubProcess & { metricsUrl: string };
  call: ReturnType<typeof apiCaller>;
  db: Db;
  sims: {
    netsuite: Simulator<object>;
    wms: Simulator<object>;
    portal: Simulator<object>;
  };
  connectors: { erp: string; wms: string; portal: string; edi: string };
  partnerId: string;
  /** What every PO number of this hub starts with. */
  poNumberPrefix: string;
  /** The stored view of a PO by its number; undefined until it is stored. */
  purchaseOrder(poNumber: string): Promise<PurchaseOrderView | undefined>;
  /** POSTs a control request to the WMS simulator. */
  wmsControl(path: string, body: unknown): Promise<unknown>;
  restartWorker(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** The purchasing policy of the test hub (callers override what their case needs). */
export function purchasingPolicyBody(
  connectors: PurchaseHub['connectors'],
  partnerId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    legalEntityId: PURCHASING_ENTITY,
    erpConnectorId: connectors.erp,
    wmsConnectorId: connectors.wms,
    defaultLocationId: WAREHOUSE,
    currency: 'USD',
    approvalThreshold: '5000',
    approvalTimeoutHours: 24,
    ackTimeoutHours: 48,
    ackPriceTolerancePercent: 2,
    matchPriceTolerancePercent: 1,
    quantityTolerancePercent: 0,
    coalesceWindowMinutes: 0.1,
    paymentCheckMinutes: 0.05,
    exceptionOwner: 'buyer-team',
    sourcing: [
      {
        sku: EDI_SKU,
        suppliers: [
          {
            supplierId: SUPPLIERS.edi,
            channel: { kind: 'edi', ediConnectorId: connectors.edi, partnerId },
            unitPrice: '2.40',
            currency: 'USD',
            uom: 'EA',
            minOrderQuantity: '10',
            packMultiple: '5',
            leadTimeDays: 7,
          },
        ],
      },
      {
        sku: PORTAL_SKU,
        suppliers: [
          {
            supplierId: SUPPLIERS.portal,
            channel: { kind: 'portal', connectorId: connectors.portal, portalSupplierId: 'sup_k3v8p1zt6n' },
            unitPrice: '3.10',
            currency: 'USD',
            uom: 'EA',
            minOrderQuantity: '1',
            packMultiple: '1',
            leadTimeDays: 10,
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** Starts everything and sets it up; `portalSettings` tune the simulated supplier (delays, answers). */
export async function startPurchaseHub(portalSettings: Record<string, unknown> = {}): Promise<PurchaseHub> {
  const netsuite = createNetSuiteSimulator();
  const wms = createWmsSimulator();
  const portal = createSupplierPortalSimulator({
    settings: { ackDelayMs: 300, shipDelayMs: 300, invoiceDelayMs: 300, ...portalSettings },
  });
  const h = await startHubHarness('p2r', [netsuite, wms, portal]);
  const { suffix, call, db } = h;
  try {
    const secret = `whsec-${suffix}`;
    const options = { legalEntityId: PURCHASING_ENTITY, secret };
    const erp = await registerSimulated(h, 'netsuite-erp', netsuite, { ...options, webhooks: false });
    const wmsId = await registerSimulated(h, 'shiphero-wms', wms, { ...options, webhooks: true });
    const portalId = await registerSimulated(h, 'supplier-portal-rest', portal, {
      ...options,
      webhooks: true,
    });
    const folders = await sftpFolders();
    const edi = await registerConnector(call, 'edi-x12-sftp', { ...folders.config });
    const partner = await call<{ id: string }>('POST', '/v1/trading-partners', {
      ...supplierPartnerInput(SUPPLIER_IDS, {
        name: 'Bolt Supply Co.',
        legalEntityId: PURCHASING_ENTITY,
        partyId: SUPPLIERS.edi,
      }),
      connectorId: edi,
    });
    if (partner.status !== 201) throw new Error(`partner: ${partner.status} ${JSON.stringify(partner.body)}`);

    const xrefs = createCrossReferenceStore(db);
    await xrefs.ensureIndexes();
    await xrefs.link({ connectorId: erp, objectType: 'supplier', externalId: '201' }, SUPPLIERS.edi);
    await xrefs.link({ connectorId: erp, objectType: 'supplier', externalId: '202' }, SUPPLIERS.portal);
    await xrefs.link({ connectorId: erp, objectType: 'location', externalId: '1' }, WAREHOUSE);
    await xrefs.link({ connectorId: erp, objectType: 'location', externalId: '2' }, 'loc_dc_secondary');

    const connectors = { erp, wms: wmsId, portal: portalId, edi };
    // PO numbers are the PO workflows' ids: a prefix of this run keeps them apart from the POs of earlier runs on
    // the same Temporal server.
    const poNumberPrefix = `P${suffix.slice(0, 6)}-`;
    const policy = await call(
      'PUT',
      '/v1/purchasing-policy',
      purchasingPolicyBody(connectors, partner.body.id, { poNumberPrefix }),
    );
    if (policy.status !== 200) throw new Error(`policy: ${policy.status} ${JSON.stringify(policy.body)}`);
    // Receipts are made by the tests (partial, over, damaged), not by the warehouse on its own.
    await simControl(wms.url, '/_sim/settings', { autoReceivePurchaseOrders: false });
    // Accounts payable pays each vendor bill as it is posted; the PO workflow sees it paid and completes.
    await simControl(netsuite.url, '/_sim/settings', { autoPayBills: true });

    const hub: PurchaseHub = {
      get api() {
        return h.api;
      },
      get worker() {
        return h.worker;
      },
      call,
      db,
      sims: { netsuite, wms, portal },
      connectors,
      partnerId: partner.body.id,
      poNumberPrefix,
      async purchaseOrder(poNumber) {
        const res = await call<{ items: PurchaseOrderView[] }>(
          'GET',
          `/v1/purchase-orders?poNumber=${encodeURIComponent(poNumber)}&legalEntityId=${PURCHASING_ENTITY}`,
        );
        return res.status === 200 ? res.body.items[0] : undefined;
      },
      wmsControl: (path, body) => simControl(wms.url, path, body),
      restartWorker: (signal?: NodeJS.Signals) => h.restartWorker(signal),
      stop: () => h.stop(),
    };
    return hub;
  } catch (err) {
    await h.stop();
    throw err;
  }
}
