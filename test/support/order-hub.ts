/**
 * A whole hub for order-to-cash end-to-end tests: API and worker processes on a database of their own, the ERP
 * (NetSuite), WMS (ShipHero) and web-store (Shopify) simulators in process, an EDI connector on the stack's SFTP
 * server with a customer trading partner, the order policy, the customer links and the warehouse stock.
 */
import type { Db } from 'mongodb';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import { defaultOrderPolicy } from '../../platform/orders/policy';
import { createNetSuiteSimulator } from '../../simulators/netsuite';
import { createShopifySimulator } from '../../simulators/shopify';
import { createWmsSimulator, WMS_SIM_WAREHOUSES } from '../../simulators/wms';
import type { Simulator } from '../../simulators/kit/simulator';
import type { apiCaller, HubProcess } from './processes';
import { registerConnector, registerSimulated, simControl, startHubHarness } from './hub-harness';
import { partnerBody, sftpFolders } from './edi';

/** The legal entity every test order belongs to. */
export const LEGAL_ENTITY = 'le_acme_us';
/** Canonical customers and the NetSuite customers they are linked to (101 BigBox, 102 on credit hold, 103). */
export const CUSTOMERS = {
  bigbox: 'cus_bigbox',
  corner: 'cus_corner',
  edi: 'cus_bigbox',
  web: 'cus_web_store',
} as const;
/** Warehouse stock the WMS starts with (primary / secondary), by SKU. */
export const STOCK: Record<string, [number, number]> = {
  'WID-1001': [5000, 0],
  'WID-1002': [5000, 0],
  'WID-1003': [40, 400],
  'WID-1004': [30, 0],
  'WID-1005': [5000, 0],
};
/** The SKU the warehouse always short-picks (ships half). */
export const SHORT_PICK_SKU = 'WID-1005';

/** The running hub. */
export interface OrderHub {
  api: HubProcess & { url: string };
  worker: HubProcess & { metricsUrl: string };
  call: ReturnType<typeof apiCaller>;
  db: Db;
  sims: {
    netsuite: Simulator<object>;
    wms: Simulator<object>;
    shopify: ReturnType<typeof createShopifySimulator>;
  };
  connectors: { erp: string; wms: string; shop: string; edi: string };
  partnerId: string;
  env: Record<string, string>;
  /** Stops the worker (SIGKILL: no graceful shutdown) and starts a new one. */
  restartWorker(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** Starts everything and sets it up. */
export async function startOrderHub(): Promise<OrderHub> {
  const netsuite = createNetSuiteSimulator();
  const wms = createWmsSimulator();
  const shopify = createShopifySimulator();
  const h = await startHubHarness('o2c', [netsuite, wms, shopify]);
  const { suffix, call, db } = h;
  try {
    const secret = `whsec-${suffix}`;
    const options = { legalEntityId: LEGAL_ENTITY, secret };
    const erp = await registerSimulated(h, 'netsuite-erp', netsuite, { ...options, webhooks: false });
    const wmsId = await registerSimulated(h, 'shiphero-wms', wms, { ...options, webhooks: true });
    const shop = await registerSimulated(h, 'shopify-commerce', shopify, { ...options, webhooks: true });
    const folders = await sftpFolders();
    const edi = await registerConnector(call, 'edi-x12-sftp', { ...folders.config });
    const partner = await call<{ id: string }>(
      'POST',
      '/v1/trading-partners',
      partnerBody(edi, {
        legalEntityId: LEGAL_ENTITY,
        partyId: CUSTOMERS.edi,
        productIdQualifiers: ['VN', 'UP'],
        sets: ['850', '860', '997']
          .map((set) => ({ set, direction: 'inbound' }))
          .concat(['855', '856', '810'].map((set) => ({ set, direction: 'outbound' }))),
      }),
    );
    if (partner.status !== 201) throw new Error(`partner: ${partner.status} ${JSON.stringify(partner.body)}`);

    const xrefs = createCrossReferenceStore(db);
    await xrefs.ensureIndexes();
    for (const [canonical, external] of [
      [CUSTOMERS.bigbox, '101'],
      [CUSTOMERS.corner, '102'],
      [CUSTOMERS.web, '103'],
    ] as const)
      await xrefs.link({ connectorId: erp, objectType: 'customer', externalId: external }, canonical);
    // The WMS's warehouses are the ERP's locations (NetSuite 1 Chicago DC, 2 Reno DC).
    await xrefs.link({ connectorId: erp, objectType: 'location', externalId: '1' }, 'loc_dc_primary');
    await xrefs.link({ connectorId: erp, objectType: 'location', externalId: '2' }, 'loc_dc_secondary');

    // The defaults, with this hub's connectors and warehouses; time-outs long enough never to fire in a test.
    const policy = await call('PUT', `/v1/order-policy/${LEGAL_ENTITY}`, {
      ...defaultOrderPolicy(LEGAL_ENTITY),
      legalEntityId: undefined,
      erpConnectorId: erp,
      wmsConnectorId: wmsId,
      webStoreCustomerId: CUSTOMERS.web,
      warehouses: [{ locationId: 'loc_dc_primary', regions: ['US'] }, { locationId: 'loc_dc_secondary' }],
      priceTolerancePercent: '5',
      shipmentTimeoutMinutes: 24 * 60,
      backorderRecheckMinutes: 24 * 60,
    });
    if (policy.status !== 200) throw new Error(`policy: ${policy.status} ${JSON.stringify(policy.body)}`);

    const wmsControl = (path: string, body: unknown) => simControl(wms.url, path, body);
    await wmsControl('/_sim/settings', { shipDelayMs: 300, shortPickSkus: [SHORT_PICK_SKU] });
    for (const [sku, [primary, secondary]] of Object.entries(STOCK)) {
      await wmsControl('/__sim/cycle-count', {
        sku,
        warehouse_id: WMS_SIM_WAREHOUSES.primary,
        counted_quantity: primary,
      });
      await wmsControl('/__sim/cycle-count', {
        sku,
        warehouse_id: WMS_SIM_WAREHOUSES.secondary,
        counted_quantity: secondary,
      });
    }
    const hub: OrderHub = {
      get api() {
        return h.api;
      },
      get worker() {
        return h.worker;
      },
      call,
      db,
      sims: { netsuite, wms, shopify },
      connectors: { erp, wms: wmsId, shop, edi },
      partnerId: partner.body.id,
      env: h.env,
      restartWorker: (signal?: NodeJS.Signals) => h.restartWorker(signal),
      stop: () => h.stop(),
    };
    return hub;
  } catch (err) {
    await h.stop();
    throw err;
  }
}

/** An 850 interchange from the test partner (HUBTEST → DISTRIB) for one PO; lines are [vendor part, quantity, price]. */
export function interchange850(control: number, poNumber: string, lines: [string, number, string][]): Buffer {
  const isa13 = String(control).padStart(9, '0');
  const segments = [
    'ST*850*0001',
    `BEG*00*SA*${poNumber}**20261201`,
    'DTM*002*20261215',
    'N1*ST*MAIN STORE*92*0042',
    'N3*12 MARKET ST',
    'N4*SPRINGFIELD*IL*62701*US',
    ...lines.map(([sku, qty, price], i) => `PO1*${i + 1}*${qty}*EA*${price}*PE*VN*${sku}`),
    `CTT*${lines.length}*${lines.reduce((t, l) => t + l[1], 0)}`,
  ];
  const body = [
    `ISA*00*          *00*          *ZZ*HUBTEST        *ZZ*DISTRIB        *261201*0930*U*00401*${isa13}*0*P*>`,
    `GS*PO*HUBTEST*DISTRIB*20261201*0930*${control}*X*004010`,
    ...segments,
    `SE*${segments.length + 1}*0001`,
    `GE*1*${control}`,
    `IEA*1*${isa13}`,
  ];
  return Buffer.from(`${body.join('~\n')}~\n`);
}
