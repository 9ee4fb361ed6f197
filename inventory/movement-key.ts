/**
 * How the hub names a stock position in the movement stream: the SKU the ledger keys by (the item's SKU, else its
 * vendor part number) and the Kafka key `<sku>@<locationId>` that keeps one item × location in one partition.
 */
import type { InventoryMovement } from '../canonical-model/generated/index';

/** Identifier qualifiers that name the hub's SKU, best first (as order-to-cash reads an order line's SKU). */
const SKU_QUALIFIERS = ['SKU', 'VENDOR_PART'] as const;

/** The SKU a movement is about, if its item names one. */
export function movementSku(movement: Pick<InventoryMovement, 'item'>): string | undefined {
  for (const qualifier of SKU_QUALIFIERS) {
    const found = movement.item.identifiers.find((i) => i.qualifier === qualifier);
    if (found) return found.value;
  }
  return undefined;
}

/** The Kafka key of a stock position: `<sku>@<locationId>` (a canonical location id never holds "@"). */
export function movementKey(position: { sku: string; locationId: string }): string {
  return `${position.sku}@${position.locationId}`;
}

/** The stock ledger opId of a movement, in a namespace of its own so it never meets a reservation's id. */
export function movementOpId(movementId: string): string {
  return `movement/${movementId}`;
}
