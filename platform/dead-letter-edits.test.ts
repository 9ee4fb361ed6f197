import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { createCanonicalValidator } from '../canonical-model/validate';
import { checkPayloadEdit, editableStep } from './dead-letter-edits';

const validator = createCanonicalValidator();
const order = loadFixture('sales-order');
const record = { flow: 'order-to-cash', step: 'erp-order', payload: { order } };
const withItem = (itemId: string | undefined) => {
  const edited = structuredClone(order);
  const item = edited.lines[0]!.item;
  if (itemId === undefined) delete item.itemId;
  else item.itemId = itemId;
  return edited;
};

describe('edit-and-replay: which steps take an edited payload and what an edit must keep', () => {
  it('accepts a corrected item reference and describes it as a change', () => {
    const check = checkPayloadEdit(record, { order: withItem(undefined) }, validator);
    expect(check).toEqual({
      ok: true,
      diff: {
        changes: [{ op: 'remove', path: '/order/lines/0/item/itemId', from: order.lines[0]!.item.itemId }],
        omitted: 0,
      },
    });
  });

  it('takes the ERP writes of orders (also their later versions) and POs, and nothing else', () => {
    expect(editableStep('order-to-cash', 'erp-order-v7')).toBeDefined();
    expect(editableStep('procure-to-receive', 'erp-purchase-order')).toBeDefined();
    const check = checkPayloadEdit(
      { flow: 'order-to-cash', step: 'invoice-shp_1', payload: { shipmentId: 'shp_1' } },
      { shipmentId: 'shp_2' },
      validator,
    );
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors[0]?.path).toBe('/payload');
      expect(check.errors[0]?.message).toMatch(/rebuilds its input from the workflow's state/);
    }
  });

  it('names each field of an edit that is not a valid sales order', () => {
    const edited = structuredClone(order);
    (edited.lines[0] as { quantity: unknown }).quantity = { value: 'twelve', uom: 'EA' };
    const check = checkPayloadEdit(record, { order: edited }, validator);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors.map((e) => e.path)).toContain('/payload/order/lines/0/quantity/value');
  });

  it('refuses a changed document id, missing or extra keys, and an edit that changes nothing', () => {
    const renamed = { ...structuredClone(order), id: 'so_other' };
    const paths = (payload: unknown) => {
      const check = checkPayloadEdit(record, payload, validator);
      return check.ok ? [] : check.errors.map((e) => e.path);
    };
    expect(paths({ order: renamed })).toEqual(['/payload/order/id']);
    expect(paths({ salesOrder: order })).toEqual(['/payload/order', '/payload/salesOrder']);
    expect(paths([order])).toEqual(['/payload']);
    expect(paths({ order: structuredClone(order) })).toEqual(['/payload']);
  });
});
