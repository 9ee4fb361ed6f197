/**
 * The order intake hands shipments and receipts of the hub's transfers to the transfer intake, before the order and
 * purchase cases: a shipment of a transfer release reaches the transfer's workflow (not an order's), a receipt
 * against a transfer's expected receipt reaches it with the accepted units (not the purchase intake); documents of
 * anything else pass on as before.
 */
import type { Message } from 'node-rdkafka';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import type { GoodsReceipt, Shipment } from '../canonical-model/generated/index';
import { createLogger } from '../monitoring/logger';
import type { OrderWorkflows } from '../platform/orders/order-workflows';
import { defaultOrderPolicy } from '../platform/orders/policy';
import type {
  TransferReceiptSignal,
  TransferShipmentSignal,
  TransferView,
} from '../workflows/transfer-order/types';
import { transferAsnId } from '../workflows/transfer-order/types';
import { handleOrderEvents } from './order-intake';
import type { PurchaseDocumentEvent } from './purchase-intake';
import { handleTransferDocuments } from './transfer-intake';

const logger = createLogger('test', 'silent');
const TRANSFER = 'trf_abcdefgh23456712';
let offset = 0;

const message = (value: object): Message => {
  const bytes = Buffer.from(JSON.stringify(value));
  offset += 1;
  return {
    topic: 'hub.inbound-events.v1',
    partition: 0,
    offset,
    key: null,
    value: bytes,
    size: bytes.length,
    timestamp: 0,
  };
};

function world() {
  const shipped: [string, TransferShipmentSignal][] = [];
  const received: [string, TransferReceiptSignal][] = [];
  const purchaseEvents: PurchaseDocumentEvent[] = [];
  const confirmed: string[] = [];
  const transfers = {
    get: (id: string) =>
      Promise.resolve(id === TRANSFER ? ({ transferId: TRANSFER } as TransferView) : undefined),
  };
  const handle = handleOrderEvents({
    orders: {
      confirmShipment: (workflowId: string) => {
        confirmed.push(workflowId);
        return Promise.resolve();
      },
    } as unknown as OrderWorkflows,
    policies: { get: (id) => Promise.resolve(defaultOrderPolicy(id)) },
    orderStore: { get: () => Promise.resolve(undefined) },
    knowsConnector: () => Promise.resolve(true),
    purchaseDocuments: (event) => {
      purchaseEvents.push(event);
      return Promise.resolve(true);
    },
    transferDocuments: handleTransferDocuments({
      transfers,
      transferWorkflows: {
        shipped: (id, s) => Promise.resolve(void shipped.push([id, s])),
        received: (id, r) => Promise.resolve(void received.push([id, r])),
      },
      logger,
    }),
    logger,
  });
  return { handle, shipped, received, purchaseEvents, confirmed };
}

const shipment = (salesOrderId: string): Shipment => ({
  ...loadFixture('shipment'),
  salesOrderId,
});
const receipt = (asnId: string): GoodsReceipt => ({
  ...loadFixture('goods-receipt'),
  type: 'purchase-order',
  advanceShipNoticeId: asnId,
});

describe('transfer intake', () => {
  it('signals a transfer release shipment to the transfer, with units per SKU', async () => {
    const w = world();
    const doc = shipment(TRANSFER);
    await w.handle(message({ event: 'shipment.confirmed', connectorId: 'wms-1', document: doc }));
    expect(w.shipped).toHaveLength(1);
    expect(w.shipped[0]![0]).toBe(TRANSFER);
    expect(w.shipped[0]![1].shipmentId).toBe(doc.id);
    expect(w.shipped[0]![1].lines.length).toBeGreaterThan(0);
    expect(w.confirmed).toEqual([]);
  });

  it('signals a receipt against the transfer ASN to the transfer, not to the purchase intake', async () => {
    const w = world();
    const doc = receipt(transferAsnId(TRANSFER));
    await w.handle(message({ event: 'goods-receipt.completed', connectorId: 'wms-1', document: doc }));
    expect(w.received.map(([id, r]) => [id, r.receiptId])).toEqual([[TRANSFER, doc.id]]);
    expect(w.purchaseEvents).toEqual([]);
  });

  it('passes on documents that are not a transfer of this hub', async () => {
    const w = world();
    await w.handle(
      message({
        event: 'goods-receipt.completed',
        connectorId: 'wms-1',
        document: receipt('asn_01HV6F3G4H'),
      }),
    );
    await w.handle(
      message({
        event: 'goods-receipt.completed',
        connectorId: 'wms-1',
        document: receipt(transferAsnId('trf_otherhub2345')),
      }),
    );
    expect(w.received).toEqual([]);
    expect(w.purchaseEvents).toHaveLength(2);
  });
});
