/**
 * The transfer's documents at the two warehouses: the shipping order at the source (idempotent by the transfer
 * id, the WMS's partner order id), the expected receipt at the destination (idempotent by the transfer's ASN id)
 * and the cancellation of the shipping order while it has not shipped.
 */
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import type { TransferOrderInput } from '../../workflows/transfer-order/types';
import type { TransferActivityDeps } from './deps';
import { transferAdvanceShipNotice, transferSalesOrder } from './documents';

/** The releaseTransferToSource activity: the shipping order to the source WMS. */
export function releaseTransferToSource(deps: TransferActivityDeps) {
  return async (args: { input: TransferOrderInput }): Promise<WriteResult> => {
    const { input } = args;
    const wms = await deps.runtime.instance<WmsPort>(input.from.wmsConnectorId, 'wms');
    return wms.releaseShippingOrder(
      transferSalesOrder(input),
      deps.runtime.writeContext(input.from.wmsConnectorId, `transfer/${input.transferId}/release`),
    );
  };
}

/** The expectTransferAtDestination activity: the expected receipt at the destination WMS. */
export function expectTransferAtDestination(deps: TransferActivityDeps) {
  return async (args: { input: TransferOrderInput; shipDate: string }): Promise<WriteResult> => {
    const { input } = args;
    const wms = await deps.runtime.instance<WmsPort>(input.to.wmsConnectorId, 'wms');
    return wms.createExpectedReceipt(
      transferAdvanceShipNotice(input, args.shipDate),
      deps.runtime.writeContext(input.to.wmsConnectorId, `transfer/${input.transferId}/receipt`),
    );
  };
}

/** The cancelTransferAtSource activity: the WMS says whether it could still stop the shipping order. */
export function cancelTransferAtSource(deps: TransferActivityDeps) {
  return async (args: {
    wmsConnectorId: string;
    transferId: string;
    externalId: string;
    reason: string;
  }): Promise<{ cancelled: boolean; reason?: string }> => {
    const wms = await deps.runtime.instance<WmsPort>(args.wmsConnectorId, 'wms');
    return wms.cancelShippingOrder(
      args.externalId,
      args.reason,
      deps.runtime.writeContext(args.wmsConnectorId, `transfer/${args.transferId}/cancel`),
    );
  };
}
