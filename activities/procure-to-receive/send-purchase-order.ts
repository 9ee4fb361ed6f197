/**
 * The sendPurchaseOrder activity: the PO goes to the supplier by the channel in its sourcing — an X12 850 to its
 * trading partner (once per PO number; a retry answers the 850 sent, with its control numbers), or a publish to
 * the supplier portal (idempotent by the PO id). The portal resolves the supplier through the cross-reference
 * store: the canonical supplier id must be linked, under the portal connector, to the portal's supplier id — the
 * activity makes that link from the channel's `portalSupplierId` when the policy names it.
 */
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import type { SupplierPortalPort } from '../../connectors/sdk/ports/supplier-portal';
import type { SupplierSource } from '../../platform/purchasing/policy';
import { ArgumentCheck } from './arguments';
import type { PurchaseActivityDeps } from './deps';
import { send850Once } from './send-850';
import type { SentPurchaseOrder } from './types';

/** Checks the PO and the supplier's channel before anything is sent. */
function checkArgs(args: { order: PurchaseOrder; supplier: SupplierSource }): void {
  const check = new ArgumentCheck('sendPurchaseOrder')
    .text(args.order?.id, '/order/id')
    .text(args.order?.poNumber, '/order/poNumber');
  const channel = args.supplier?.channel;
  if (args.supplier && args.order && args.supplier.supplierId !== args.order.supplierId)
    check.add('/supplier/supplierId', `is not the PO's supplier ${args.order.supplierId}`);
  if (channel?.kind === 'edi') {
    check.text(channel.ediConnectorId, '/supplier/channel/ediConnectorId');
    check.text(channel.partnerId, '/supplier/channel/partnerId');
  } else if (channel?.kind === 'portal') {
    check.text(channel.connectorId, '/supplier/channel/connectorId');
  } else {
    check.add('/supplier/channel/kind', 'must be edi or portal');
  }
  check.throwIfAny();
}

/** The sendPurchaseOrder activity. */
export function sendPurchaseOrder(deps: PurchaseActivityDeps) {
  return async (args: { order: PurchaseOrder; supplier: SupplierSource }): Promise<SentPurchaseOrder> => {
    checkArgs(args);
    const { order } = args;
    const channel = args.supplier.channel;
    if (channel.kind === 'edi') {
      const sent = await send850Once(deps.edi, {
        connectorId: channel.ediConnectorId,
        partnerId: channel.partnerId,
        order,
      });
      deps.logger.info(
        { purchaseOrderId: order.id, partnerId: channel.partnerId, interchangeId: sent.interchangeId },
        sent.earlier ? 'PO 850 was already sent; not sent again' : 'PO sent to the supplier as an 850',
      );
      return {
        connectorId: channel.ediConnectorId,
        document: {
          direction: 'outbound',
          documentType: '850',
          documentId: order.id,
          number: order.poNumber,
          connectorId: channel.ediConnectorId,
          externalId: sent.interchangeId,
          control: { interchange: sent.interchange, group: sent.group, set: sent.set },
          at: sent.at,
        },
      };
    }
    const portal = await deps.runtime.instance<SupplierPortalPort>(channel.connectorId, 'supplier-portal');
    // The policy names the supplier's portal account: the portal connector finds it through this link.
    if (channel.portalSupplierId)
      await deps.runtime.link(channel.connectorId, 'supplier', channel.portalSupplierId, order.supplierId);
    const result = await portal.publishPurchaseOrder(
      order,
      deps.runtime.writeContext(channel.connectorId, `po/${order.id}`),
    );
    await deps.runtime.link(channel.connectorId, 'purchase-order', result.externalId, order.id);
    return {
      connectorId: channel.connectorId,
      externalId: result.externalId,
      document: {
        direction: 'outbound',
        documentType: 'portal-purchase-order',
        documentId: order.id,
        number: result.documentNumber ?? order.poNumber,
        connectorId: channel.connectorId,
        externalId: result.externalId,
        at: new Date().toISOString(),
      },
    };
  };
}
