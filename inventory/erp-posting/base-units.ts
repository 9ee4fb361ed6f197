/**
 * A movement's quantity in the item's base unit, which the ERP adjustment is in. The item master says the base
 * unit and how many base units each other unit holds; without a master record the movement's own unit is taken as
 * the base (the WMS counts eaches). A unit the item has no conversion for is a data problem at `/quantity/uom`.
 */
import { multiplyDecimal } from '../../canonical-model/decimal';
import type { InventoryMovement, Item } from '../../canonical-model/generated/index';
import type { FieldError } from '../../platform/errors';

/** The unsigned quantity and its unit, or what is wrong. */
export type BaseQuantity = { quantity: string; uom: string } | { error: FieldError };

/** Converts the movement's quantity to the item's base unit. */
export function toBaseUnits(
  quantity: InventoryMovement['quantity'],
  item: Pick<Item, 'baseUom' | 'uomConversions'> | undefined,
): BaseQuantity {
  if (!item || quantity.uom === item.baseUom) return { quantity: quantity.value, uom: quantity.uom };
  const conversion = item.uomConversions?.find((c) => c.uom === quantity.uom);
  if (!conversion) {
    return {
      error: {
        path: '/quantity/uom',
        message: `is ${quantity.uom}; the item is stocked in ${item.baseUom} and has no conversion from ${quantity.uom}`,
      },
    };
  }
  return { quantity: multiplyDecimal(quantity.value, conversion.baseUnits), uom: item.baseUom };
}
