/**
 * Which movements the ERP must hear about, and as what. The hub's flows already post some movements to the ERP
 * through their own documents — a pick through the fulfilment (order-to-cash), a receipt through the item receipt
 * (procure-to-receive), a return through the return flow's receipt and credit memo — so posting them here would
 * count the units twice. A hold or release moves units between free and held stock, which on hand (what the ERP
 * keeps) does not see. What is left is posted as an inventory adjustment at the movement's location:
 *
 * - `adjustment`: + for direction `in`, − for `out`.
 * - `transfer`: each leg is its own movement at its own location (the WMS sends the out at the source and the in
 *   at the destination), so a transfer out is a negative adjustment at the source and a transfer in a positive one
 *   at the destination; the counterpart location goes into the memo. Units between the legs are in no location's
 *   ERP on hand (the hub's ledger shows them in transit).
 * - `count`: the difference (counted − previous), after the count policy has allowed it (auto-post or approval).
 */
import { subtractDecimal } from '../../canonical-model/decimal';
import type { InventoryMovement } from '../../canonical-model/generated/index';
import type { InventoryAdjustment } from '../../connectors/sdk/ports/erp';

/** Movement types whose ERP posting is another flow's document. */
export const POSTED_BY_HUB_FLOWS: ReadonlySet<InventoryMovement['type']> = new Set([
  'pick',
  'receipt',
  'return',
]);

/** Movement types that only move units into or out of held stock. */
export const HELD_ONLY: ReadonlySet<InventoryMovement['type']> = new Set(['hold', 'release']);

/** What the ERP intake does with one movement. */
export type PostingPlan =
  | { action: 'skip'; reason: string }
  | { action: 'post'; quantityDelta: string }
  | { action: 'count'; varianceUnits: string };

/** The signed change of on hand a movement stands for (direction gives the sign). */
export function signedQuantity(movement: Pick<InventoryMovement, 'direction'>, quantity: string): string {
  return movement.direction === 'out' ? subtractDecimal('0', quantity) : quantity;
}

const isZero = (quantity: string) => /^0+(\.0+)?$/.test(quantity);

/** The plan for a movement whose quantity (in the item's base unit, unsigned) is `quantity`. */
export function planPosting(
  movement: Pick<InventoryMovement, 'type' | 'direction'>,
  quantity: string,
): PostingPlan {
  if (POSTED_BY_HUB_FLOWS.has(movement.type))
    return { action: 'skip', reason: `a ${movement.type} reaches the ERP through its own flow's document` };
  if (HELD_ONLY.has(movement.type))
    return { action: 'skip', reason: `a ${movement.type} does not change on hand in the ERP` };
  if (movement.type === 'count')
    return { action: 'count', varianceUnits: signedQuantity(movement, quantity) };
  if (isZero(quantity)) return { action: 'skip', reason: 'the movement moves no units' };
  return { action: 'post', quantityDelta: signedQuantity(movement, quantity) };
}

/** True when a signed decimal is zero. */
export function isZeroQuantity(quantity: string): boolean {
  return isZero(quantity.replace(/^-/, ''));
}

/** Why, as the port wants it: `<type>` or `<type>:<reason code>`. */
function reasonCodeOf(movement: Pick<InventoryMovement, 'type' | 'reasonCode'>): string {
  return movement.reasonCode ? `${movement.type}:${movement.reasonCode}` : movement.type;
}

/** The memo of an adjustment posted without a person: the transfer's other location, the WMS's reason. */
export function defaultMemo(
  movement: Pick<
    InventoryMovement,
    'type' | 'direction' | 'counterpartLocationId' | 'reason' | 'movementNumber'
  >,
): string | undefined {
  const parts: string[] = [];
  if (movement.type === 'transfer' && movement.counterpartLocationId) {
    parts.push(
      movement.direction === 'out'
        ? `transfer out to ${movement.counterpartLocationId}`
        : `transfer in from ${movement.counterpartLocationId}`,
    );
  }
  if (movement.movementNumber) parts.push(`movement ${movement.movementNumber}`);
  if (movement.reason) parts.push(movement.reason);
  return parts.length ? parts.join('; ').slice(0, 900) : undefined;
}

/** The ERP adjustment of a movement (its id is the movement's id, so the ERP posts it once). */
export function adjustmentOf(
  movement: Pick<
    InventoryMovement,
    'id' | 'legalEntityId' | 'locationId' | 'occurredAt' | 'type' | 'reasonCode'
  >,
  sku: string,
  quantityDelta: string,
  memo?: string,
): InventoryAdjustment {
  return {
    id: movement.id,
    legalEntityId: movement.legalEntityId,
    sku,
    locationId: movement.locationId,
    quantityDelta,
    occurredAt: movement.occurredAt,
    reasonCode: reasonCodeOf(movement),
    ...(memo ? { memo } : {}),
  };
}
