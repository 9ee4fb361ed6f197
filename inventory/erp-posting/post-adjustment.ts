/**
 * Posting one inventory adjustment through the connector runtime, as the flows' activities call the ERP: the
 * connector instance of the ERP connector, a write context whose references resolve in that ERP, and the
 * idempotency key `inventory-adjustment/<movement id>` (the adjustment's id is the movement's id too, so the ERP
 * answers a repeat with the first posting). The posted record is linked to the movement as `inventory-adjustment`.
 * Errors are the connector's HubErrors, for the caller to retry (transient) or park (data, config).
 */
import type { InventoryAdjustment } from '../../connectors/sdk/ports/erp';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { ConnectorRuntime } from '../../platform/connector-runtime';

/** The cross-reference object type of a posted adjustment. */
export const ADJUSTMENT_OBJECT_TYPE = 'inventory-adjustment';

/** The idempotency key of a movement's adjustment. */
export function adjustmentIdempotencyKey(movementId: string): string {
  return `inventory-adjustment/${movementId}`;
}

/** Posts the adjustment to the ERP connector `erpConnectorId` (once per adjustment id) and links the record. */
export async function postAdjustment(
  runtime: ConnectorRuntime,
  erpConnectorId: string,
  adjustment: InventoryAdjustment,
): Promise<WriteResult> {
  const erp = await runtime.instance<ErpPort>(erpConnectorId, 'erp');
  const result = await erp.postInventoryAdjustment(
    adjustment,
    runtime.writeContext(erpConnectorId, adjustmentIdempotencyKey(adjustment.id)),
  );
  await runtime.link(erpConnectorId, ADJUSTMENT_OBJECT_TYPE, result.externalId, adjustment.id);
  return result;
}
