/**
 * A count movement as the audit record and the ERP adjustment it may become: previous and counted quantities (when
 * the movement says what was counted), the signed difference in the item's base unit, its value at the unit cost
 * found, and the policy's verdict. Pure.
 */
import { subtractDecimal } from '../../canonical-model/decimal';
import type { InventoryMovement } from '../../canonical-model/generated/index';
import type { CountPolicy } from '../../platform/inventory/count-policy';
import type { CountReviewInput } from '../../platform/inventory/count-review-types';
import { judgeVariance } from './variance';
import type { UnitCost } from './variance';

/** What the review is built from. */
export interface CountFacts {
  movement: InventoryMovement;
  sku: string;
  /** Signed counted − previous, in `uom`. */
  varianceUnits: string;
  uom: string;
  unitCost: UnitCost | undefined;
  policy: CountPolicy;
  erpConnectorId: string;
}

/** The audit record of a count (before any decision). */
export function countReviewOf(facts: CountFacts): CountReviewInput {
  const { movement, sku, varianceUnits, uom, unitCost, policy } = facts;
  const judged = judgeVariance(varianceUnits, unitCost, policy, uom);
  // Counted is in the movement's unit; previous is only derived when that is the base unit too.
  const counted =
    movement.countedQuantity && movement.countedQuantity.uom === uom
      ? movement.countedQuantity.value
      : undefined;
  return {
    id: movement.id,
    legalEntityId: movement.legalEntityId,
    sku,
    locationId: movement.locationId,
    itemId: movement.itemId,
    uom,
    ...(counted === undefined
      ? {}
      : { countedQuantity: counted, previousQuantity: subtractDecimal(counted, varianceUnits) }),
    varianceUnits,
    ...(judged.varianceValue === undefined ? {} : { varianceValue: judged.varianceValue }),
    ...(unitCost ? { unitCost } : {}),
    thresholds: {
      units: policy.approvalThresholdUnits,
      value: policy.approvalThresholdValue,
      currency: policy.currency,
    },
    reviewReasons: judged.reviewReasons,
    occurredAt: movement.occurredAt,
    ...(movement.reasonCode ? { reasonCode: movement.reasonCode } : {}),
    ...(movement.movementNumber ? { movementNumber: movement.movementNumber } : {}),
    sourceConnectorId: movement.source.connectorId,
    erp: { connectorId: facts.erpConnectorId },
  };
}
