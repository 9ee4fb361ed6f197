/**
 * What the procure-to-receive activity tests run against: the real MongoDB-wire server (FerretDB) for the ledger,
 * cross-references and EDI stores, the NetSuite and supplier-portal simulators in process behind the real
 * connectors, and an EDI connector whose SFTP uploads are recorded (and can be made to fail).
 */
import type { Db, MongoClient } from 'mongodb';
import { createCrossReferenceStore } from '../../canonical-model/cross-reference';
import type { CrossReferenceStore } from '../../canonical-model/cross-reference';
import type { GoodsReceipt, PurchaseOrder } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { getConnectorType, listConnectorTypes } from '../../connectors/registry';
import type { ConnectorKind, ConnectorManifest } from '../../connectors/sdk/types';
import { createLogger } from '../../monitoring/logger';
import { createMetrics } from '../../monitoring/metrics';
import { createConnectorRuntime } from '../../platform/connector-runtime';
import type { ConnectorStore, ConnectorTypeLookup } from '../../platform/connector-store-types';
import type { EdiDeps } from '../../platform/edi/deps';
import { createEdiStores, ensureEdiIndexes } from '../../platform/edi/deps';
import { HubError, isHubError } from '../../platform/errors';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import type { StockLedger } from '../../platform/orders/stock-types';
import type { SupplierSource } from '../../platform/purchasing/policy';
import { SIMULATED_CONNECTORS } from '../../simulators/connector-configs';
import { createNetSuiteSimulator } from '../../simulators/netsuite';
import { createSupplierPortalSimulator } from '../../simulators/supplier-portal';
import { openTestDatabase } from '../../test/support/database';
import { partnerInput } from '../../test/support/edi';
import type { PurchaseActivityDeps } from './deps';

/** Connector ids of the world. */
export const IDS = {
  erp: 'con_p2r_netsuite',
  portal: 'con_p2r_portal',
  edi: 'con_p2r_edi',
  /** Canonical suppliers: one bought from by EDI (NetSuite vendor 201), one through the portal. */
  ediSupplier: 'sup_bolt_supply',
  portalSupplier: 'sup_northwind',
  /** The portal's own id of the Northwind supplier (seeded). */
  portalSupplierAccount: 'sup_k3v8p1zt6n',
  location: 'loc_dc_primary',
} as const;

/** The running world. */
export interface PurchaseWorld {
  db: Db;
  deps: PurchaseActivityDeps;
  ledger: StockLedger;
  edi: EdiDeps;
  crossReferences: CrossReferenceStore;
  partnerId: string;
  /** Files the EDI connector uploaded. */
  uploads: { name: string; bytes: Buffer }[];
  /** Makes the next `n` uploads fail as transient. */
  failUploads(n: number): void;
  /** Records the NetSuite simulator holds of a record type. */
  netsuite<T = Record<string, unknown>>(type: string): T[];
  /** Purchase orders the portal simulator holds. */
  portalPurchaseOrders(): { id: string; po_number: string; buyer_reference?: string }[];
  ediSupplier: SupplierSource;
  portalSupplier: SupplierSource;
  stop(): Promise<void>;
}

const CONNECTOR_TYPES: Record<string, { type: string; kind: ConnectorKind }> = {
  [IDS.erp]: { type: 'netsuite-erp', kind: 'erp' },
  [IDS.portal]: { type: 'supplier-portal-rest', kind: 'supplier-portal' },
  [IDS.edi]: { type: 'fake-edi-sftp', kind: 'edi' },
};

const supplier = (supplierId: string, channel: SupplierSource['channel']): SupplierSource => ({
  supplierId,
  channel,
  unitPrice: '2.50',
  currency: 'USD',
  uom: 'EA',
  minOrderQuantity: '1',
  packMultiple: '1',
  leadTimeDays: 7,
});

/** Starts the simulators and opens a database of the world's own. */
export async function startPurchaseWorld(): Promise<PurchaseWorld> {
  let client: MongoClient | undefined;
  const netsuite = createNetSuiteSimulator();
  // The supplier never answers by itself during a test.
  const portal = createSupplierPortalSimulator({ settings: { ackDelayMs: 3_600_000 } });
  try {
    const opened = await openTestDatabase('hub_p2r_activities');
    client = opened.client;
    const { db } = opened;
    const [netsuiteUrl, portalUrl] = await Promise.all([netsuite.start(0), portal.start(0)]);
    const configs: Record<string, Record<string, unknown>> = {
      [IDS.erp]: configOf('netsuite-erp')(netsuiteUrl, 'whsec-p2r', 'le_acme_us'),
      [IDS.portal]: configOf('supplier-portal-rest')(portalUrl, 'whsec-p2r', 'le_acme_us'),
      [IDS.edi]: {},
    };
    const uploads: PurchaseWorld['uploads'] = [];
    let failing = 0;
    const sftp = {
      claim: () => Promise.resolve(undefined),
      settle: () => Promise.resolve(undefined),
      upload: (name: string, bytes: Buffer) => {
        if (failing > 0) {
          failing -= 1;
          return Promise.reject(new HubError('transient', 'SFTP server went away'));
        }
        uploads.push({ name, bytes });
        return Promise.resolve({ path: `outbound/${name}`, bytes: bytes.length, status: 'uploaded' });
      },
    };
    const connectors = {
      getDecryptedConfig: (id: string) => {
        const known = CONNECTOR_TYPES[id];
        if (!known) return Promise.reject(new Error(`no connector ${id}`));
        return Promise.resolve({
          id,
          name: id,
          ...known,
          status: 'active',
          revision: 1,
          config: configs[id],
        });
      },
    } as unknown as ConnectorStore;
    const registry: ConnectorTypeLookup = {
      getConnectorType: (type) =>
        type === 'fake-edi-sftp'
          ? ({ create: () => sftp } as unknown as ConnectorManifest)
          : getConnectorType(type),
      listConnectorTypes,
    };
    const logger = createLogger('test', 'silent');
    const crossReferences = createCrossReferenceStore(db);
    const ledger = createStockLedger(db);
    const stores = createEdiStores(db);
    await crossReferences.ensureIndexes();
    await ledger.ensureIndexes();
    await ensureEdiIndexes(stores);
    const edi: EdiDeps = {
      ...stores,
      connectors,
      registry,
      producer: { send: () => Promise.resolve() },
      validator: createCanonicalValidator(),
      logger,
      metrics: createMetrics('worker'),
    };
    const partner = await stores.partners.create(
      partnerInput({
        connectorId: IDS.edi,
        name: 'Bolt Supply Co.',
        legalEntityId: 'le_acme_us',
        role: 'supplier',
        partyId: IDS.ediSupplier,
        partner: { isa: { qualifier: 'ZZ', id: 'BOLTSUPPLY' }, gsId: 'BOLTSUPPLY' },
        productIdQualifiers: ['SK', 'VN'],
        sets: [
          { set: '850', direction: 'outbound' },
          { set: '855', direction: 'inbound' },
          { set: '856', direction: 'inbound' },
          { set: '810', direction: 'inbound' },
        ],
      }),
    );
    await crossReferences.link(
      { connectorId: IDS.erp, objectType: 'supplier', externalId: '201' },
      IDS.ediSupplier,
    );
    await crossReferences.link(
      { connectorId: IDS.erp, objectType: 'location', externalId: '1' },
      IDS.location,
    );
    await crossReferences.link(
      { connectorId: IDS.portal, objectType: 'supplier', externalId: IDS.portalSupplierAccount },
      IDS.portalSupplier,
    );
    const deps: PurchaseActivityDeps = {
      runtime: createConnectorRuntime({ connectors, registry, crossReferences, logger }),
      ledger,
      edi,
      poNumbers: { next: () => Promise.reject(new Error('not used here')) },
      signalClaims: { claim: () => Promise.reject(new Error('not used here')) },
      purchaseOrders: { save: () => Promise.resolve(), openQuantity: () => Promise.resolve('0') },
      orders: { get: () => Promise.resolve(undefined) },
      orderWorkflows: { retryAllocation: () => Promise.resolve() },
      logger,
    };
    const opened2 = client;
    return {
      db,
      deps,
      ledger,
      edi,
      crossReferences,
      partnerId: partner.id,
      uploads,
      failUploads: (n) => {
        failing = n;
      },
      netsuite: <T>(type: string) => netsuite.store.collection<T & { id: string }>(type).all() as T[],
      portalPurchaseOrders: () =>
        portal.store
          .collection<{ id: string; po_number: string; buyer_reference?: string }>('purchase-orders')
          .all(),
      ediSupplier: supplier(IDS.ediSupplier, { kind: 'edi', ediConnectorId: IDS.edi, partnerId: partner.id }),
      portalSupplier: supplier(IDS.portalSupplier, { kind: 'portal', connectorId: IDS.portal }),
      async stop() {
        await Promise.allSettled([netsuite.stop(), portal.stop()]);
        await db.dropDatabase().catch(() => undefined);
        await opened2.close();
      },
    };
  } catch (err) {
    await Promise.allSettled([netsuite.stop(), portal.stop()]);
    await client?.close();
    throw err;
  }
}

function configOf(type: string) {
  const found = SIMULATED_CONNECTORS.find((c) => c.type === type);
  if (!found) throw new Error(`no simulated connector ${type}`);
  return found.config;
}

let seq = 0;
/** A fresh issued PO of two lines (10 × WID-1001, 4 × WID-1002 at 2.50 USD) for the supplier, into the primary DC. */
export function purchaseOrderFor(supplierId: string): PurchaseOrder {
  seq += 1;
  const id = `po_p2r_${Date.now().toString(36)}_${seq}`;
  return {
    schemaVersion: '1',
    documentType: 'purchase-order',
    id,
    legalEntityId: 'le_acme_us',
    source: { connectorId: 'hub', system: 'hub', externalId: id },
    poNumber: `PO-${Date.now().toString(36).toUpperCase()}-${seq}`,
    supplierId,
    type: 'standard',
    status: 'issued',
    orderDate: '2026-01-05',
    requestedDeliveryDate: '2026-01-12',
    currency: 'USD',
    shipTo: { name: 'Acme Chicago DC', code: 'CHI-DC', locationId: IDS.location },
    shipToLocationId: IDS.location,
    lines: [
      ['WID-1001', '10'],
      ['WID-1002', '4'],
    ].map(([sku, quantity], i) => ({
      lineNumber: i + 1,
      item: { identifiers: [{ qualifier: 'SKU' as const, value: sku! }] },
      quantity: { value: quantity!, uom: 'EA' as const },
      unitPrice: { amount: '2.50', currency: 'USD' },
      status: 'open' as const,
    })),
  };
}

/** A completed WMS receipt of the PO: `[received, rejected]` per PO line. */
export function receiptOf(order: PurchaseOrder, quantities: [string, string][]): GoodsReceipt {
  seq += 1;
  const id = `gr_p2r_${Date.now().toString(36)}_${seq}`;
  return {
    schemaVersion: '1',
    documentType: 'goods-receipt',
    id,
    legalEntityId: order.legalEntityId,
    source: { connectorId: 'con_wms', system: 'wms', externalId: id },
    receiptNumber: `RCV-${seq}`,
    type: 'purchase-order',
    status: 'completed',
    locationId: IDS.location,
    receivedAt: '2026-01-12T15:00:00Z',
    supplierId: order.supplierId,
    purchaseOrderId: order.id,
    poNumber: order.poNumber,
    lines: quantities.map(([received, rejected], i) => ({
      lineNumber: i + 1,
      orderLineNumber: order.lines[i]!.lineNumber,
      item: order.lines[i]!.item,
      quantityReceived: { value: received, uom: 'EA' as const },
      ...(rejected !== '0'
        ? { quantityRejected: { value: rejected, uom: 'EA' as const }, condition: 'damaged' as const }
        : {}),
    })),
  };
}

/** The HubError a call failed with (the test fails when it succeeds or throws anything else). */
export async function failureOf(call: Promise<unknown>): Promise<HubError> {
  try {
    await call;
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a HubError, but the call succeeded');
}
