/**
 * The postErpInventoryAdjustment activity: an approved count's difference as an ERP inventory adjustment, through
 * the connector runtime with the idempotency key of its movement (inventory/erp-posting/post-adjustment.ts), so a
 * retried or replayed attempt posts it once.
 */
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { InventoryAdjustment } from '../../connectors/sdk/ports/erp';
import { postAdjustment } from '../../inventory/erp-posting/post-adjustment';
import { ArgumentCheck } from '../procure-to-receive/arguments';
import type { InventoryCountActivityDeps } from './count-deps';

/** Posts the adjustment to the ERP connector (once per adjustment id). */
export function postErpInventoryAdjustment(deps: InventoryCountActivityDeps) {
  return async (args: { erpConnectorId: string; adjustment: InventoryAdjustment }): Promise<WriteResult> => {
    new ArgumentCheck('postErpInventoryAdjustment')
      .text(args.erpConnectorId, '/erpConnectorId')
      .text(args.adjustment?.id, '/adjustment/id')
      .text(args.adjustment?.sku, '/adjustment/sku')
      .text(args.adjustment?.locationId, '/adjustment/locationId')
      .text(args.adjustment?.quantityDelta, '/adjustment/quantityDelta')
      .throwIfAny();
    const result = await postAdjustment(deps.runtime, args.erpConnectorId, args.adjustment);
    deps.logger.info(
      { movementId: args.adjustment.id, externalId: result.externalId, created: result.created },
      'approved count posted to the ERP',
    );
    return result;
  };
}
