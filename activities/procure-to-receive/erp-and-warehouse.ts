/**
 * Purchasing activities that write to the ERP and the WMS: the PO of record (created once by the PO's id and
 * linked in the cross-reference store, so receipts and bills find it), the expected receipt of an ASN, receipts
 * posted against the PO, and the vendor bill of a matched supplier invoice. Each write carries an idempotency key
 * of its document's id, and the connectors find an earlier write by it, so a retry posts nothing twice.
 */
import { compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type {
  AdvanceShipNotice,
  GoodsReceipt,
  Invoice,
  PurchaseOrder,
} from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import { ArgumentCheck } from './arguments';
import type { BillPayment } from './types';
import type { PurchaseActivityDeps } from './deps';

/** The createErpPurchaseOrder activity: the ERP's PO, once per PO id, linked as 'purchase-order'. */
export function createErpPurchaseOrder(deps: PurchaseActivityDeps) {
  return async (args: { erpConnectorId: string; order: PurchaseOrder }): Promise<WriteResult> => {
    new ArgumentCheck('createErpPurchaseOrder')
      .text(args.erpConnectorId, '/erpConnectorId')
      .text(args.order?.id, '/order/id')
      .text(args.order?.poNumber, '/order/poNumber')
      .throwIfAny();
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const result = await erp.createPurchaseOrder(
      args.order,
      deps.runtime.writeContext(args.erpConnectorId, `po/${args.order.id}`),
    );
    await deps.runtime.link(args.erpConnectorId, 'purchase-order', result.externalId, args.order.id);
    return result;
  };
}

/** The createExpectedReceipt activity: the WMS expects the ASN's goods (idempotent by the ASN id). */
export function createExpectedReceipt(deps: PurchaseActivityDeps) {
  return async (args: { wmsConnectorId: string; asn: AdvanceShipNotice }): Promise<WriteResult> => {
    new ArgumentCheck('createExpectedReceipt')
      .text(args.wmsConnectorId, '/wmsConnectorId')
      .text(args.asn?.id, '/asn/id')
      .throwIfAny();
    const wms = await deps.runtime.instance<WmsPort>(args.wmsConnectorId, 'wms');
    return wms.createExpectedReceipt(
      args.asn,
      deps.runtime.writeContext(args.wmsConnectorId, `asn/${args.asn.id}`),
    );
  };
}

/** Units of a receipt line that go into stock: received less rejected. */
function acceptedOf(line: GoodsReceipt['lines'][number]): string {
  const rejected = line.quantityRejected?.value ?? '0';
  return subtractDecimal(line.quantityReceived.value, rejected);
}

/**
 * The postErpReceipt activity: the receipt against its PO in the ERP, once per receipt id (linked as
 * 'goods-receipt'). A receipt whose every unit was rejected has nothing to receive: nothing is posted and the
 * answer is `{ externalId: '', created: false }`.
 */
export function postErpReceipt(deps: PurchaseActivityDeps) {
  return async (args: { erpConnectorId: string; receipt: GoodsReceipt }): Promise<WriteResult> => {
    new ArgumentCheck('postErpReceipt')
      .text(args.erpConnectorId, '/erpConnectorId')
      .text(args.receipt?.id, '/receipt/id')
      .text(args.receipt?.purchaseOrderId, '/receipt/purchaseOrderId')
      .throwIfAny();
    const { receipt } = args;
    if (receipt.lines.every((l) => compareDecimal(acceptedOf(l), '0') <= 0)) {
      deps.logger.info(
        { receiptId: receipt.id, purchaseOrderId: receipt.purchaseOrderId },
        'receipt has no accepted units; nothing posted to the ERP',
      );
      return { externalId: '', created: false };
    }
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const result = await erp.postGoodsReceipt(
      receipt,
      deps.runtime.writeContext(args.erpConnectorId, `receipt/${receipt.id}`),
    );
    await deps.runtime.link(args.erpConnectorId, 'goods-receipt', result.externalId, receipt.id);
    return result;
  };
}

/**
 * The postVendorBill activity: the supplier invoice as an AP vendor bill against its PO, once per invoice id
 * (linked as 'vendor-bill'). The invoice must name its PO (`purchaseOrderId`) and be an invoice, not a memo.
 */
export function postVendorBill(deps: PurchaseActivityDeps) {
  return async (args: { erpConnectorId: string; invoice: Invoice }): Promise<WriteResult> => {
    const check = new ArgumentCheck('postVendorBill')
      .text(args.erpConnectorId, '/erpConnectorId')
      .text(args.invoice?.id, '/invoice/id')
      .text(args.invoice?.purchaseOrderId, '/invoice/purchaseOrderId');
    if (args.invoice && args.invoice.type !== 'invoice')
      check.add('/invoice/type', `a vendor bill is posted from an invoice, not a ${args.invoice.type}`);
    check.throwIfAny();
    const bill: Invoice = { ...args.invoice, direction: 'AP' };
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const result = await erp.postInvoice(
      bill,
      deps.runtime.writeContext(args.erpConnectorId, `bill/${bill.id}`),
    );
    await deps.runtime.link(args.erpConnectorId, 'vendor-bill', result.externalId, bill.id);
    return result;
  };
}

/** The readBillPayment activity: what the ERP says of a posted vendor bill's payment (a read, safe to repeat). */
export function readBillPayment(deps: PurchaseActivityDeps) {
  return async (args: {
    erpConnectorId: string;
    invoiceId: string;
    invoiceNumber?: string;
    billExternalId?: string;
  }): Promise<BillPayment | undefined> => {
    new ArgumentCheck('readBillPayment')
      .text(args.erpConnectorId, '/erpConnectorId')
      .text(args.invoiceId, '/invoiceId')
      .throwIfAny();
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const status = await erp.getInvoicePayment(
      {
        invoiceId: args.invoiceId,
        ...(args.invoiceNumber ? { invoiceNumber: args.invoiceNumber } : {}),
        ...(args.billExternalId ? { externalId: args.billExternalId } : {}),
      },
      'AP',
    );
    if (!status) return undefined;
    return {
      status: status.status,
      amountPaid: status.amountPaid.amount,
      amountDue: status.amountDue.amount,
      ...(status.paidAt ? { paidAt: status.paidAt } : {}),
    };
  };
}

/** The updateErpPurchaseOrder activity: the ERP's PO gets the lines' quantities, prices and dates (idempotent). */
export function updateErpPurchaseOrder(deps: PurchaseActivityDeps) {
  return async (args: { erpConnectorId: string; order: PurchaseOrder }): Promise<WriteResult> => {
    new ArgumentCheck('updateErpPurchaseOrder')
      .text(args.erpConnectorId, '/erpConnectorId')
      .text(args.order?.id, '/order/id')
      .throwIfAny();
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    return erp.updatePurchaseOrder(
      args.order,
      deps.runtime.writeContext(args.erpConnectorId, `po-update/${args.order.id}`),
    );
  };
}
