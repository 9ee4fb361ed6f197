/**
 * Order activities that answer the channel the order came from: a fulfilment with tracking in the web store, and
 * the customer's EDI documents (855 acknowledgement, 856 ASN, 810 invoice) built from the order and sent through
 * the partner's EDI connector.
 */
import type { Shipment } from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { CommercePort } from '../../connectors/sdk/ports/commerce';
import { sendEdi } from '../../platform/edi/send-edi';
import { buildOrderAck, buildShipmentAsn } from '../../platform/orders/documents';
import type { OrderActivityDeps } from './deps';
import type { CustomerEdiArgs, SentEdi } from './types';

/** The createCommerceFulfillment activity. */
export function createCommerceFulfillment(deps: OrderActivityDeps) {
  return async (args: {
    connectorId: string;
    shipment: Shipment;
    idempotencyKey: string;
    orderExternalId?: string;
  }): Promise<WriteResult> => {
    // The store knows the order by its own id: link it (idempotent) so the connector can resolve it.
    if (args.orderExternalId)
      await deps.runtime.link(
        args.connectorId,
        'sales-order',
        args.orderExternalId,
        args.shipment.salesOrderId,
      );
    const store = await deps.runtime.instance<CommercePort>(args.connectorId, 'commerce');
    return store.createFulfillment(
      args.shipment,
      deps.runtime.writeContext(args.connectorId, args.idempotencyKey),
    );
  };
}

/** The canonical document an EDI send carries. */
function documentOf(args: CustomerEdiArgs, now: string): { documentType: string; document: unknown } {
  const { order } = args;
  switch (args.kind) {
    case 'ack':
      return {
        documentType: 'purchase-order-ack',
        document: buildOrderAck({
          order,
          lines: args.lines,
          ackId: args.documentId,
          ackDate: args.date,
          now,
          connectorId: args.connectorId,
        }),
      };
    case 'asn':
      return {
        documentType: 'advance-ship-notice',
        document: buildShipmentAsn({
          order,
          shipment: { ...args.shipment, salesOrderId: order.id },
          asnId: args.documentId,
          now,
          connectorId: args.connectorId,
          shipFrom: { name: args.shipFromLocationId, code: args.shipFromLocationId },
        }),
      };
    case 'invoice':
      return { documentType: 'invoice', document: args.invoice };
  }
}

/** The sendCustomerEdi activity: one interchange with the one document. */
export function sendCustomerEdi(deps: OrderActivityDeps) {
  return async (args: CustomerEdiArgs): Promise<SentEdi> => {
    const { documentType, document } = documentOf(args, new Date().toISOString());
    const sent = await sendEdi(deps.edi, {
      connectorId: args.connectorId,
      partnerId: args.partnerId,
      documents: [document],
      correlationId: args.correlationId,
    });
    return { interchangeId: sent.interchangeId, controlNumber: sent.controlNumber, documentType };
  };
}
