/**
 * Canonical Return → ShipHero `return_create` input: the hub's return id is the return's `partner_id`, and each
 * line carries "{returnId}:{lineNumber}" as its partner_line_item_id, so the receipt webhook names both back.
 */
import type { Return } from '../../../canonical-model/generated/index';
import { MappingProblems } from '../../sdk/mapping';
import type { MapContext } from './context';
import { warehouseIdOf } from './context';
import { partnerLineItemId, skuOf } from './sales-order';

/** The `data` of return_create without `order_id` (the caller looks the ShipHero order up by `salesOrderId`). */
export function toReturnCreateInput(ret: Return, ctx: MapContext): Record<string, unknown> {
  const m = new MappingProblems('ShipHero expected return of Return');
  if (ret.type !== 'customer-return') {
    m.add('/type', `${ret.type} is not a customer return; ShipHero expects returns from customers`);
  }
  if (!ret.salesOrderId) {
    m.add(
      '/salesOrderId',
      'is missing: a ShipHero return is created against the order that shipped the goods',
    );
  }
  const warehouseId = warehouseIdOf(ctx, ret.returnLocationId);
  if (!warehouseId) {
    m.add('/returnLocationId', `${ret.returnLocationId} is not a configured ShipHero warehouse`);
  }
  if (!ret.lines?.length) m.add('/lines', 'has no lines: ShipHero needs at least one item to expect');
  const lineOfSku = new Map<string, number>();
  const lines = (ret.lines ?? []).map((line, i) => {
    const sku = skuOf(line.item.identifiers);
    if (!sku) m.add(`/lines/${i}/item/identifiers`, 'has no SKU or VENDOR_PART identifier');
    else if (lineOfSku.has(sku)) {
      m.add(
        `/lines/${i}/item/identifiers`,
        `${sku} is on line ${lineOfSku.get(sku)} too; ShipHero returns a SKU once`,
      );
    } else lineOfSku.set(sku, line.lineNumber);
    if (line.quantity.uom !== 'EA' && line.quantity.uom !== 'PC') {
      m.add(`/lines/${i}/quantity/uom`, `${line.quantity.uom} is not eaches; ShipHero returns units`);
    }
    if (!/^[1-9]\d*$/.test(line.quantity.value)) {
      m.add(`/lines/${i}/quantity/value`, `${line.quantity.value} is not a whole number of units`);
    }
    return {
      sku: sku ?? '',
      quantity: Number(line.quantity.value),
      return_reason: line.reasonText ?? line.reason,
      partner_line_item_id: partnerLineItemId(ret.id, line.lineNumber),
    };
  });
  m.throwIfAny(ret.id);
  const address = ret.shipFrom?.address;
  const [address1, address2] = address?.lines ?? [];
  return {
    partner_id: ret.id,
    warehouse_id: warehouseId,
    return_reason: [...new Set(lines.map((l) => l.return_reason))].join(', '),
    label_type: 'FREE',
    label_cost: '0.00',
    address: {
      name: address?.name ?? ret.shipFrom?.name ?? '',
      address1: address1 ?? '',
      ...(address2 ? { address2 } : {}),
      city: address?.city ?? '',
      state: address?.region ?? '',
      zip: address?.postalCode ?? '',
      country: address?.countryCode ?? '',
      ...(address?.phone ? { phone: address.phone } : {}),
      ...(address?.email ? { email: address.email } : {}),
    },
    dimensions: { weight: '0', height: '0', width: '0', length: '0' },
    shipping_carrier: ret.carrier?.scac ?? ret.carrier?.name ?? 'customer',
    shipping_method: ret.carrier?.service ?? 'customer',
    ...(ret.trackingNumber ? { tracking_number: ret.trackingNumber } : {}),
    line_items: lines,
  };
}
