/** Canonical inventory adjustment → the body of `POST /record/v1/inventoryAdjustment` (one line, signed quantity). */
import type { InventoryAdjustment } from '../../sdk/ports/erp';
import { jsonNumber } from '../../sdk/json';

/** NetSuite keeps at most 999 characters of a transaction's memo. */
const MEMO_MAX = 999;

/** The NetSuite internal ids an adjustment is written with. */
export interface AdjustmentTargets {
  itemId: string;
  locationId: string;
  accountId: string;
  /** Omitted outside OneWorld (no subsidiary on the location and none configured). */
  subsidiaryId?: string;
}

/** Why `quantityDelta` cannot be posted (not a plain decimal, or zero), or undefined when it can. */
export function quantityDeltaProblem(text: string): string | undefined {
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) return `${JSON.stringify(text)} is not a decimal number`;
  if (!/[1-9]/.test(text)) return 'is zero: an adjustment must change the quantity';
  return undefined;
}

/** The memo: the reason, then the free text, then the hub id (so a person can find the movement from NetSuite). */
function memoOf(adjustment: InventoryAdjustment): string {
  const parts = [adjustment.reasonCode, adjustment.memo, `hub ${adjustment.id}`].filter(Boolean);
  return parts.join(' · ').slice(0, MEMO_MAX);
}

/** The inventoryAdjustment body: externalId = the hub's id, so NetSuite itself refuses a second record. */
export function inventoryAdjustmentToNetSuite(adjustment: InventoryAdjustment, targets: AdjustmentTargets) {
  return {
    externalId: adjustment.id,
    tranDate: adjustment.occurredAt.slice(0, 10),
    ...(targets.subsidiaryId ? { subsidiary: { id: targets.subsidiaryId } } : {}),
    account: { id: targets.accountId },
    adjLocation: { id: targets.locationId },
    memo: memoOf(adjustment),
    inventory: {
      items: [
        {
          item: { id: targets.itemId },
          location: { id: targets.locationId },
          adjustQtyBy: jsonNumber(adjustment.quantityDelta),
        },
      ],
    },
  };
}
