/**
 * WMS documents about the hub's transfer orders, as the order intake (order-intake.ts) meets them on
 * `hub.inbound-events.v1`: a confirmed shipment whose order id (the WMS's partner order id) is a transfer's, and a
 * completed receipt whose ASN id is a transfer's (`<transfer id>.asn`, the expected receipt the transfer created
 * at the destination). Each is signalled to the transfer's workflow; the workflow ignores a redelivery (same
 * shipment or receipt id). Anything else — or a transfer this hub does not hold — is declined, so the order and
 * purchase intakes see it as before.
 */
import type { GoodsReceipt, Shipment } from '../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../canonical-model/decimal';
import type { HubLogger } from '../monitoring/logger';
import type { TransferWorkflows } from '../platform/transfers/transfer-workflows';
import { transferIdOfAsn } from '../workflows/transfer-order/types';
import type { TransferView } from '../workflows/transfer-order/types';

/** The inbound event names the transfer intake may take. */
export const TRANSFER_DOCUMENT_EVENTS: ReadonlySet<string> = new Set([
  'shipment.confirmed',
  'goods-receipt.completed',
]);

/** One inbound event as the order intake hands it on. */
export interface TransferDocumentEvent {
  event: string;
  connectorId?: string;
  document: object;
}

/** What the transfer intake needs. */
export interface TransferIntakeDeps {
  transfers: { get(transferId: string): Promise<TransferView | undefined> };
  transferWorkflows: Pick<TransferWorkflows, 'shipped' | 'received'>;
  now?: () => Date;
  logger: HubLogger;
}

const skuOf = (item: { identifiers: { qualifier: string; value: string }[] }) =>
  item.identifiers.find((i) => i.qualifier === 'SKU')?.value ??
  item.identifiers.find((i) => i.qualifier === 'VENDOR_PART')?.value;

/** Quantities per SKU, summed over lines. */
function bySku(lines: { sku: string | undefined; quantity: string }[]): { sku: string; quantity: string }[] {
  const totals = new Map<string, string>();
  for (const l of lines) {
    if (l.sku !== undefined) totals.set(l.sku, addDecimal(totals.get(l.sku) ?? '0', l.quantity));
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/** The transfer intake: true when the event was about one of our transfers and it was signalled. */
export function handleTransferDocuments(deps: TransferIntakeDeps) {
  const now = deps.now ?? (() => new Date());
  const ours = async (transferId: string | undefined) =>
    transferId?.startsWith('trf_') ? deps.transfers.get(transferId) : undefined;
  return async (event: TransferDocumentEvent): Promise<boolean> => {
    if (!TRANSFER_DOCUMENT_EVENTS.has(event.event)) return false;
    const doc = event.document as { documentType?: string };
    if (event.event === 'shipment.confirmed' && doc.documentType === 'shipment') {
      const shipment = doc as Shipment;
      const transfer = await ours(shipment.salesOrderId);
      if (!transfer) return false;
      await deps.transferWorkflows.shipped(transfer.transferId, {
        shipmentId: shipment.id,
        shippedAt: shipment.shippedAt ?? now().toISOString(),
        lines: bySku(shipment.lines.map((l) => ({ sku: skuOf(l.item), quantity: l.quantityShipped.value }))),
      });
      deps.logger.info(
        { transferId: transfer.transferId, shipmentId: shipment.id },
        'transfer shipment signalled',
      );
      return true;
    }
    if (event.event === 'goods-receipt.completed' && doc.documentType === 'goods-receipt') {
      const receipt = doc as GoodsReceipt;
      const asnId = receipt.advanceShipNoticeId;
      const transfer = await ours(asnId === undefined ? undefined : transferIdOfAsn(asnId));
      if (!transfer) return false;
      const accepted = receipt.lines.map((l) => {
        const rejected = l.quantityRejected?.value ?? '0';
        const ok = subtractDecimal(l.quantityReceived.value, rejected);
        return { sku: skuOf(l.item), quantity: compareDecimal(ok, '0') > 0 ? ok : '0' };
      });
      await deps.transferWorkflows.received(transfer.transferId, {
        receiptId: receipt.id,
        receivedAt: receipt.receivedAt ?? now().toISOString(),
        lines: bySku(accepted),
      });
      deps.logger.info(
        { transferId: transfer.transferId, receiptId: receipt.id },
        'transfer receipt signalled',
      );
      return true;
    }
    return false;
  };
}
