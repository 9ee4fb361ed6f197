/** The procure-to-receive activities, bound to their ports (the worker registers them beside the order activities). */
import { claimSignals, escalatePurchaseOrder, nextPoNumber, savePurchaseOrderView } from './bookkeeping';
import type { PurchaseActivityDeps } from './deps';
import {
  createErpPurchaseOrder,
  createExpectedReceipt,
  postErpReceipt,
  postVendorBill,
  readBillPayment,
  updateErpPurchaseOrder,
} from './erp-and-warehouse';
import { notifyStockArrived } from './notify-stock';
import { sendPurchaseOrder } from './send-purchase-order';
import { readStockPosition, receiveStock, recordInboundSupply, settleInboundSupply } from './stock';
import type { PurchaseActivities } from './types';

export type { PurchaseActivityDeps } from './deps';

/** Builds every procure-to-receive activity. */
export function createPurchaseActivities(deps: PurchaseActivityDeps): PurchaseActivities {
  return {
    nextPoNumber: nextPoNumber(deps),
    claimSignals: claimSignals(deps),
    readStockPosition: readStockPosition(deps),
    createErpPurchaseOrder: createErpPurchaseOrder(deps),
    sendPurchaseOrder: sendPurchaseOrder(deps),
    recordInboundSupply: recordInboundSupply(deps),
    settleInboundSupply: settleInboundSupply(deps),
    createExpectedReceipt: createExpectedReceipt(deps),
    postErpReceipt: postErpReceipt(deps),
    receiveStock: receiveStock(deps),
    notifyStockArrived: notifyStockArrived(deps),
    postVendorBill: postVendorBill(deps),
    readBillPayment: readBillPayment(deps),
    updateErpPurchaseOrder: updateErpPurchaseOrder(deps),
    savePurchaseOrderView: savePurchaseOrderView(deps),
    escalatePurchaseOrder: escalatePurchaseOrder(deps),
  };
}
