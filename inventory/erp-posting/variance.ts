/**
 * Judging a count's difference against the legal entity's count policy. Above either threshold — units, or value
 * (units × unit cost) — it waits for a person. A value the hub cannot compute (no unit cost anywhere, or a cost in
 * another currency than the policy's) cannot be shown to be within the value threshold, so that count waits too:
 * an unknown value never adjusts the ERP by itself. Pure.
 */
import { compareDecimal, multiplyDecimal, roundDecimal } from '../../canonical-model/decimal';
import type { CountPolicy } from '../../platform/inventory/count-policy';
import type { UnitCostSource } from '../../platform/inventory/count-review-types';

/** A unit cost and where it was found. */
export interface UnitCost {
  amount: string;
  currency: string;
  source: UnitCostSource;
}

/** What the policy says of a difference. */
export interface VarianceJudgement {
  /** Signed value of the difference (rounded to 6 decimals), when a unit cost in the policy's currency is known. */
  varianceValue?: string;
  /** Why it needs a person; empty when it may be posted at once. */
  reviewReasons: string[];
}

const abs = (decimal: string) => decimal.replace(/^-/, '');
const VALUE_PLACES = 6;

/** Compares the signed difference `varianceUnits` (and its value at `unitCost`) with the policy's thresholds. */
export function judgeVariance(
  varianceUnits: string,
  unitCost: UnitCost | undefined,
  policy: Pick<CountPolicy, 'approvalThresholdUnits' | 'approvalThresholdValue' | 'currency'>,
  uom: string,
): VarianceJudgement {
  const reasons: string[] = [];
  if (compareDecimal(abs(varianceUnits), policy.approvalThresholdUnits) > 0) {
    reasons.push(
      `the count differs by ${abs(varianceUnits)} ${uom}, above the ${policy.approvalThresholdUnits} ${uom} threshold`,
    );
  }
  let varianceValue: string | undefined;
  if (!unitCost) {
    reasons.push('no unit cost is known (ERP valuation or item master), so the value cannot be checked');
  } else if (unitCost.currency !== policy.currency) {
    reasons.push(
      `the unit cost is in ${unitCost.currency}, the policy's value threshold in ${policy.currency}`,
    );
  } else {
    varianceValue = roundDecimal(multiplyDecimal(varianceUnits, unitCost.amount), VALUE_PLACES);
    if (compareDecimal(abs(varianceValue), policy.approvalThresholdValue) > 0) {
      reasons.push(
        `the difference is worth ${abs(varianceValue)} ${policy.currency}, above the ${policy.approvalThresholdValue} ${policy.currency} threshold`,
      );
    }
  }
  return { ...(varianceValue === undefined ? {} : { varianceValue }), reviewReasons: reasons };
}
