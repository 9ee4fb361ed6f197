import { beforeAll, describe, expect, it } from 'vitest';
import type { AdvanceShipNotice } from './generated/index';
import { loadFixture } from './fixtures/load-fixture';
import { createCanonicalValidator } from './validate';
import type { CanonicalValidator } from './validate';

let validator: CanonicalValidator;
beforeAll(() => {
  validator = createCanonicalValidator();
});

/** The fixture ASN whose only order ships its items loose (X12 S/O/I pick-pack) instead of in packs. */
function looseAsn(): AdvanceShipNotice {
  const asn = loadFixture('advance-ship-notice');
  const order = asn.orders[0]!;
  const items = order.packs!.flatMap((pack) => pack.items);
  delete order.packs;
  order.items = items;
  return asn;
}

const errorsOf = (doc: unknown) => {
  const result = validator.validate('advance-ship-notice', doc);
  if (result.valid) throw new Error('expected the ASN to be rejected');
  return result.errors;
};

describe('AdvanceShipNotice orders: labelled packs, loose items, or both', () => {
  it('accepts an order whose items ship loose, without packs', () => {
    const asn = looseAsn();
    expect(validator.validate('advance-ship-notice', asn)).toEqual({ valid: true, value: asn });
  });

  it('accepts an order with packs and loose items, with attributes on the order and a loose item', () => {
    const asn = loadFixture('advance-ship-notice');
    const order = asn.orders[0]!;
    order.items = [{ ...order.packs![1]!.items[0]!, attributes: { invalidSscc: '006141411234567907' } }];
    order.attributes = { dock: '4' };
    expect(validator.validate('advance-ship-notice', asn).valid).toBe(true);
  });

  it('refuses an order with neither packs nor items, naming both fields', () => {
    const asn = looseAsn();
    delete asn.orders[0]!.items;
    const errors = errorsOf(asn);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('/orders/0');
    expect(errors[0]!.message).toMatch(/needs packs .* or items/);
  });

  it('refuses an empty list of loose items at its own path', () => {
    const asn = looseAsn();
    asn.orders[0]!.items = [];
    expect(errorsOf(asn).map((e) => e.path)).toContain('/orders/0/items');
  });

  it('judges a loose item like a packed one: a GTIN check digit, a dotted attribute key', () => {
    const asn = looseAsn();
    const item = asn.orders[0]!.items![0]!;
    item.item.identifiers[1]!.value = '10012345678901';
    item.attributes = { 'invalid.upc': '1' };
    const errors = errorsOf(asn);
    expect(errors.map((e) => e.path).sort()).toEqual(
      ['/orders/0/items/0/attributes/invalid.upc', '/orders/0/items/0/item/identifiers/1/value'].sort(),
    );
    expect(errors.find((e) => e.path.endsWith('/value'))?.message).toMatch(/expected 2 as the last digit/);
  });
});
