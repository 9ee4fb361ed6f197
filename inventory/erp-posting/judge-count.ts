/**
 * What the ERP intake does with a count: a count already decided is left alone and one already pending keeps its
 * verdict (its approval is made sure to run); a count that matched is audited `no-variance`; otherwise its
 * difference is valued (inventory/erp-posting/unit-cost.ts) and judged by the count policy — within both
 * thresholds it is posted and audited `auto-posted`, above either it is recorded `pending` before its approval
 * workflow is started, so a redelivery finds the verdict instead of judging again.
 */
import type { InventoryMovement, Item } from '../../canonical-model/generated/index';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { CountPolicy } from '../../platform/inventory/count-policy';
import type { CountReviewStore } from '../../platform/inventory/count-review-types';
import type { CountWorkflows } from '../../platform/inventory/count-workflows';
import { countApprovalWorkflowId } from '../../workflows/inventory-count/types';
import { countReviewOf } from './count-review';
import { adjustmentOf, defaultMemo, isZeroQuantity } from './plan';
import { postAdjustment } from './post-adjustment';
import { lookUpUnitCost } from './unit-cost';
import { orPark } from './unpostable';

/** What judging a count needs. */
export interface CountJudgeDeps {
  runtime: ConnectorRuntime;
  countReviews: Pick<CountReviewStore, 'get' | 'recordDecided' | 'recordPending'>;
  countWorkflows: Pick<CountWorkflows, 'start'>;
  logger: HubLogger;
}

/** One count movement to judge. */
export interface CountToJudge {
  movement: InventoryMovement;
  sku: string;
  correlationId: string;
  /** Signed counted − previous, in the item's base unit. */
  varianceUnits: string;
  erpConnectorId: string;
  policy: CountPolicy;
  masterItem: Item | undefined;
}

/** The count judge of the ERP intake. */
export function createCountJudge(deps: CountJudgeDeps) {
  return async (args: CountToJudge): Promise<void> => {
    const { movement, sku, correlationId, varianceUnits, erpConnectorId, policy, masterItem } = args;
    const keys = { movementId: movement.id, sku, locationId: movement.locationId };
    const existing = await deps.countReviews.get(movement.id);
    if (
      existing &&
      existing.status !== 'pending' &&
      (existing.status !== 'auto-posted' || existing.erp.externalId)
    ) {
      return deps.logger.debug({ ...keys, status: existing.status }, 'count already handled; skipped');
    }
    if (existing?.status === 'pending') {
      // Judged before (perhaps under another policy): the verdict stands; make sure its approval runs.
      const adjustment = adjustmentOf(movement, sku, existing.varianceUnits, defaultMemo(movement));
      const started = await deps.countWorkflows.start({
        review: existing,
        adjustment,
        erpConnectorId,
        correlationId,
      });
      return deps.logger.info({ ...keys, ...started }, 'count already waiting for approval');
    }
    const uom = movement.quantity.uom;
    const base = { movement, sku, varianceUnits, policy, erpConnectorId };
    if (isZeroQuantity(varianceUnits)) {
      const review = countReviewOf({ ...base, uom, unitCost: undefined });
      await deps.countReviews.recordDecided(
        { ...review, reviewReasons: [] },
        'no-variance',
        'the count matched; nothing to post',
      );
      return deps.logger.info(keys, 'count matched on hand; nothing posted');
    }
    const unitCost = await orPark('reading the unit cost', async () => {
      const erp = await deps.runtime.instance<ErpPort>(erpConnectorId, 'erp');
      const { references } = deps.runtime.writeContext(erpConnectorId, `count-valuation/${movement.id}`);
      return lookUpUnitCost(
        { erp, references, ...(masterItem ? { masterItem } : {}) },
        sku,
        movement.locationId,
      );
    });
    const review = countReviewOf({ ...base, uom, unitCost });
    const adjustment = adjustmentOf(movement, sku, varianceUnits, defaultMemo(movement));
    if (review.reviewReasons.length) {
      // Recorded before the start, so a redelivery finds the verdict instead of judging again.
      await deps.countReviews.recordPending({ ...review, workflowId: countApprovalWorkflowId(movement.id) });
      const started = await deps.countWorkflows.start({ review, adjustment, erpConnectorId, correlationId });
      return deps.logger.info(
        {
          ...keys,
          varianceUnits,
          varianceValue: review.varianceValue,
          reasons: review.reviewReasons,
          ...started,
        },
        'count above the count policy; waiting for approval',
      );
    }
    const memo = ['cycle count within the count policy; posted automatically', adjustment.memo]
      .filter(Boolean)
      .join('; ');
    const result = await orPark('the ERP refused the count adjustment', () =>
      postAdjustment(deps.runtime, erpConnectorId, { ...adjustment, memo }),
    );
    await deps.countReviews.recordDecided(
      {
        ...review,
        erp: {
          connectorId: erpConnectorId,
          externalId: result.externalId,
          ...(result.documentNumber ? { documentNumber: result.documentNumber } : {}),
          postedAt: new Date().toISOString(),
        },
      },
      'auto-posted',
    );
    deps.logger.info(
      { ...keys, varianceUnits, externalId: result.externalId },
      'count within the count policy; posted to the ERP',
    );
  };
}
