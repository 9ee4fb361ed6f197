/**
 * Order activities that write to the ERP and the WMS: the order of record (an upsert by the hub's order id, linked
 * in the cross-reference store so later postings find it), releases and their cancellation (to a 3PL by EDI 940:
 * third-party.ts), and per shipment the ERP fulfilment and the invoice for exactly what shipped.
 */
import type { SalesOrder, Shipment } from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import { HubError } from '../../platform/errors';
import { buildShipmentInvoice } from '../../platform/orders/documents';
import type { ThirdPartyWarehouse } from '../../platform/orders/policy';
import type { OrderActivityDeps } from './deps';
import { refuseThirdPartyCancel, releaseToThirdParty } from './third-party';
import type { InvoiceShipmentArgs, InvoicedShipment, ReleaseArgs } from './types';

/** The recordErpOrder activity: creates or updates the ERP's order (idempotent upsert by the order id). */
export function recordErpOrder(deps: OrderActivityDeps) {
  return async (args: {
    erpConnectorId: string;
    order: SalesOrder;
    idempotencyKey: string;
  }): Promise<WriteResult> => {
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const result = await erp.upsertSalesOrder(
      args.order,
      deps.runtime.writeContext(args.erpConnectorId, args.idempotencyKey),
    );
    await deps.runtime.link(args.erpConnectorId, 'sales-order', result.externalId, args.order.id);
    return result;
  };
}

/**
 * The releaseToWarehouse activity: one WMS order per release id (a resend finds the first); for a warehouse a 3PL
 * runs, one EDI 940 per release to the partner instead (third-party.ts; a resend finds the 940 sent).
 */
export function releaseToWarehouse(deps: OrderActivityDeps) {
  return async (args: ReleaseArgs): Promise<WriteResult> => {
    if (args.thirdParty) return releaseToThirdParty(deps, { ...args, thirdParty: args.thirdParty });
    if (!args.wmsConnectorId)
      throw new HubError('config', `release ${args.releaseId}: the order policy names no WMS connector`);
    const wms = await deps.runtime.instance<WmsPort>(args.wmsConnectorId, 'wms');
    return wms.releaseShippingOrder(
      args.order,
      deps.runtime.writeContext(args.wmsConnectorId, `release/${args.releaseId}`),
    );
  };
}

/**
 * The cancelWarehouseRelease activity: the WMS says whether it could still stop the release. A release sent to a
 * 3PL as an EDI 940 cannot be recalled synchronously: the answer is `{ cancelled: false, reason }`, the reason
 * naming the partner (the workflow keeps the release as cancel-refused and waits for the 3PL's 945).
 */
export function cancelWarehouseRelease(deps: OrderActivityDeps) {
  return async (args: {
    wmsConnectorId: string;
    thirdParty?: ThirdPartyWarehouse;
    releaseId: string;
    externalId: string;
    reason: string;
    idempotencyKey: string;
  }): Promise<{ cancelled: boolean; reason?: string }> => {
    if (args.thirdParty) return refuseThirdPartyCancel(deps, { ...args, thirdParty: args.thirdParty });
    const wms = await deps.runtime.instance<WmsPort>(args.wmsConnectorId, 'wms');
    return wms.cancelShippingOrder(
      args.externalId,
      args.reason,
      deps.runtime.writeContext(args.wmsConnectorId, args.idempotencyKey),
    );
  };
}

/** The shipment as the order's documents see it: of the order itself, not of one of its releases. */
function ofOrder(order: SalesOrder, shipment: Shipment): Shipment {
  return {
    ...shipment,
    salesOrderId: order.id,
    orderNumber: order.orderNumber,
    ...(order.customerPoNumber ? { customerPoNumber: order.customerPoNumber } : {}),
  };
}

/** The invoiceShipment activity: ERP fulfilment, then the AR invoice of exactly what shipped. */
export function invoiceShipment(deps: OrderActivityDeps) {
  return async (args: InvoiceShipmentArgs): Promise<InvoicedShipment> => {
    const shipment = ofOrder(args.order, args.shipment);
    const invoice = buildShipmentInvoice({
      order: args.order,
      shipment,
      invoiceId: args.invoiceId,
      invoiceNumber: args.invoiceNumber,
      invoiceDate: args.invoiceDate,
      now: new Date().toISOString(),
      connectorId: args.erpConnectorId ?? 'hub',
    });
    const total = invoice.totals?.total.amount ?? '0';
    if (!args.erpConnectorId) return { invoice, total };
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const fulfillment = await erp.postFulfillment(
      shipment,
      deps.runtime.writeContext(args.erpConnectorId, `fulfil/${shipment.id}`),
    );
    const erpInvoice = await erp.postInvoice(
      invoice,
      deps.runtime.writeContext(args.erpConnectorId, `invoice/${invoice.id}`),
    );
    await deps.runtime.link(args.erpConnectorId, 'invoice', erpInvoice.externalId, invoice.id);
    return { invoice, total, fulfillment, erpInvoice };
  };
}
