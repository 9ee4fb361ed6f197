/** The price NetSuite would charge: the customer's price level, the highest quantity break reached. */
import { MappingProblems } from '../../sdk/mapping';
import type { PriceQuote } from '../../sdk/ports/erp';
import { compareDecimal } from '../../sdk/decimal';
import type { NsCustomer, NsInventoryItem } from '../types';
import { UOM_ALIASES, isoCurrency, money } from './common';

const BASE_PRICE_LEVEL = '1';

/** Picks the unit price for `quantity` from the item's price sublist (falling back to Base Price, then basePrice). */
export function priceFromNetSuite(
  item: NsInventoryItem,
  customer: NsCustomer,
  quantity: string,
  defaultCurrency: string,
): PriceQuote {
  const p = new MappingProblems('NetSuite');
  const sku = p.text(item.itemId, '/itemId');
  const uom = p.unit(item.stockUnit?.refName ?? 'Each', '/stockUnit/refName', UOM_ALIASES);
  const rows = (item.price?.items ?? []).map((row, i) => ({
    level: row.priceLevel,
    minimum: p.decimal(row.minimumQuantity ?? 0, `/price/items/${i}/minimumQuantity`),
    price: p.decimal(row.price, `/price/items/${i}/price`),
  }));
  const pick = (levelId: string | undefined) =>
    rows
      .filter((r) => r.level?.id === levelId && compareDecimal(r.minimum, quantity) <= 0)
      .sort((a, b) => compareDecimal(b.minimum, a.minimum))[0];
  const chosen = pick(customer.priceLevel?.id ?? BASE_PRICE_LEVEL) ?? pick(BASE_PRICE_LEVEL);
  const fallback = chosen ? undefined : p.decimal(item.basePrice, '/basePrice');
  p.throwIfAny(`price of inventoryItem ${item.id ?? '(no id)'}`);

  const currency = isoCurrency(customer.currency?.refName) ?? defaultCurrency;
  const priceList = chosen?.level?.refName;
  return {
    sku,
    unitPrice: money(chosen?.price ?? fallback ?? '0', currency),
    uom,
    ...(priceList ? { priceList } : {}),
  };
}
