/**
 * Return receipts, as the order intake (order-intake.ts) meets them on `hub.inbound-events.v1`: a WMS goods receipt
 * of type `return` (its `returnId` is the hub's Return id) is signalled to that return's workflow. Receipts of
 * returns this hub does not hold are skipped (hubs may share a broker); a redelivery is harmless (the workflow takes
 * the first completed receipt only).
 */
import type { GoodsReceipt } from '../canonical-model/generated/index';
import type { HubLogger } from '../monitoring/logger';
import { isHubError } from '../platform/errors';
import type { ReturnView } from '../workflows/order-return/types';

/** What the return receipts need. */
export interface ReturnIntakeDeps {
  returns: { receive(returnId: string, receipt: GoodsReceipt): Promise<void> };
  returnStore: { get(returnId: string): Promise<ReturnView | undefined> };
  logger: HubLogger;
}

/** Signals a completed goods receipt to its return's workflow; receipts that are not returns are ignored. */
export function receiveReturnReceipts(deps: ReturnIntakeDeps) {
  return async (doc: GoodsReceipt): Promise<void> => {
    if (doc.type !== 'return' || !doc.returnId) return;
    const stored = await deps.returnStore.get(doc.returnId);
    if (!stored) {
      deps.logger.info(
        { returnId: doc.returnId, receiptId: doc.id },
        'receipt of a return this hub does not hold; skipped',
      );
      return;
    }
    try {
      await deps.returns.receive(doc.returnId, doc);
      deps.logger.info(
        { returnId: doc.returnId, receiptId: doc.id, status: doc.status },
        'return receipt signalled',
      );
    } catch (err) {
      if (!isHubError(err) || err.kind !== 'data') throw err;
      deps.logger.warn(
        { err, returnId: doc.returnId },
        'return receipt not applied: the return no longer runs',
      );
    }
  };
}
