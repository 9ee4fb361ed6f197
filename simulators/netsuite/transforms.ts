/**
 * `POST /record/v1/{type}/{id}/!transform/{target}`: a receipt or bill from a purchase order, a fulfilment or an
 * invoice from a sales order. The source lines' quantityReceived / quantityFulfilled / quantityBilled move, stock at
 * the location moves with receipts and fulfilments, and more than the ordered quantity is refused with a 400.
 */
import type { Simulator } from '../kit/simulator';
import { add, compare, multiply, num } from './decimal';
import { NetSuiteSimError } from './errors';
import { decimalField, findRecord, mintId, nowStamp, refName } from './records';
import type { NsLine, NsRecord } from './records';
import { openForPayment } from './payments';

interface TransformSpec {
  progress: 'quantityReceived' | 'quantityFulfilled' | 'quantityBilled';
  verb: string;
  prefix: string;
  /** +1 puts goods into stock, −1 takes them out, 0 leaves stock alone. */
  stock: 1 | -1 | 0;
}

const TRANSFORMS: Record<string, Record<string, TransformSpec>> = {
  purchaseOrder: {
    itemReceipt: { progress: 'quantityReceived', verb: 'receive', prefix: 'IR', stock: 1 },
    vendorBill: { progress: 'quantityBilled', verb: 'bill', prefix: 'BILL', stock: 0 },
  },
  salesOrder: {
    itemFulfillment: { progress: 'quantityFulfilled', verb: 'fulfill', prefix: 'IF', stock: -1 },
    invoice: { progress: 'quantityBilled', verb: 'bill', prefix: 'INV', stock: 0 },
  },
};

/** Moves on hand of an item at a location by a signed quantity (a row for the location is added when missing). */
export function moveStock(sim: Simulator, itemId: string, locationId: string, quantity: string): void {
  const item = findRecord(sim, 'inventoryItem', itemId);
  if (!item) return;
  const sublist = (item.locations as { items: Record<string, unknown>[] } | undefined) ?? { items: [] };
  let row = sublist.items.find((l) => (l.location as { id: string }).id === locationId);
  if (!row) {
    const location = findRecord(sim, 'location', locationId);
    row = {
      location: { id: locationId, refName: location ? refName(location) : locationId },
      quantityOnHand: num('0'),
      averageCostMli: item.cost ?? num('0'),
    };
    sublist.items.push(row);
  }
  row.quantityOnHand = num(add(row.quantityOnHand, quantity));
  item.locations = sublist;
  item.lastModifiedDate = nowStamp();
}

/** Runs one transform and returns the new record; nothing changes when any line is refused. */
export function transformRecord(
  sim: Simulator,
  sourceType: string,
  sourceId: string,
  target: string,
  body: Record<string, unknown>,
): NsRecord {
  const spec = TRANSFORMS[sourceType]?.[target];
  if (!spec) throw new NetSuiteSimError(400, `You cannot transform a ${sourceType} into a ${target}.`);
  const source = findRecord(sim, sourceType, sourceId);
  if (!source) {
    throw new NetSuiteSimError(
      404,
      'The record instance does not exist. Provide a valid record instance ID.',
    );
  }
  const targets = sim.store.collection<NsRecord>(target);
  if (typeof body.externalId === 'string' && targets.find((r) => r.externalId === body.externalId)) {
    throw new NetSuiteSimError(
      400,
      `A ${target} record with external ID ${body.externalId} already exists.`,
      'DUP_RCRD',
    );
  }
  const sourceLines = (source.item as { items: NsLine[] }).items;
  const wanted = (body.item as { items?: Record<string, unknown>[] } | undefined)?.items;
  const asked: Record<string, unknown>[] = wanted ?? sourceLines.map((l) => ({ orderLine: l.line }));
  const requests = asked.map((raw, index) => {
    const line = sourceLines.find((l) => String(l.line) === String(raw.orderLine as number));
    if (!line)
      throw new NetSuiteSimError(400, `Invalid orderLine ${String(raw.orderLine)} on line ${index + 1}.`);
    const open = add(line.quantity, `-${String(line[spec.progress])}`);
    const quantity =
      raw.quantity === undefined ? open : decimalField(raw.quantity, `item[${index}].quantity`, true);
    if (compare(quantity, open) > 0) {
      throw new NetSuiteSimError(
        400,
        `You cannot ${spec.verb} more than the open quantity of ${line.item.id} on line ${line.line}: ` +
          `ordered ${String(line.quantity)}, already ${spec.verb === 'bill' ? 'billed' : `${spec.verb}d`} ` +
          `${String(line[spec.progress])}, asked ${quantity}.`,
        'USER_ERROR',
      );
    }
    const rate = raw.rate === undefined ? String(line.rate) : decimalField(raw.rate, `item[${index}].rate`);
    const location =
      (raw.location as { id?: string } | undefined)?.id ??
      (body.location as { id?: string } | undefined)?.id ??
      (source.location as { id?: string } | undefined)?.id ??
      '1';
    return { raw, line, quantity, rate, location };
  });

  let total = '0';
  const items = requests.map(({ raw, line, quantity, rate, location }, index) => {
    line[spec.progress] = num(add(line[spec.progress], quantity));
    if (spec.stock !== 0) moveStock(sim, line.item.id, location, spec.stock > 0 ? quantity : `-${quantity}`);
    const amount = multiply(quantity, rate);
    total = add(total, amount);
    return {
      ...raw,
      line: index + 1,
      orderLine: line.line,
      item: line.item,
      quantity: num(quantity),
      rate: num(rate),
      amount: num(amount),
      location: { id: location },
    };
  });
  const done = sourceLines.every((l) => compare(l[spec.progress], l.quantity) >= 0);
  if (spec.stock !== 0) {
    source.status = done
      ? { id: 'done', refName: sourceType === 'salesOrder' ? 'Pending Billing' : 'Pending Bill' }
      : {
          id: 'partial',
          refName: sourceType === 'salesOrder' ? 'Partially Fulfilled' : 'Partially Received',
        };
  }
  source.lastModifiedDate = nowStamp();

  const id = mintId(sim, target);
  const stamp = nowStamp();
  const tranId =
    typeof body.tranId === 'string' && body.tranId
      ? body.tranId
      : `${spec.prefix}${sim.store.next(`tranId:${target}`, 1001)}`;
  const record: NsRecord = {
    tranDate: stamp.slice(0, 10),
    ...body,
    id,
    tranId,
    createdFrom: { id: source.id, refName: refName(source) },
    entity: source.entity,
    currency: source.currency,
    subsidiary: source.subsidiary,
    item: { items },
    total: num(total),
    createdDate: stamp,
    lastModifiedDate: stamp,
  };
  return targets.put(id, target === 'vendorBill' || target === 'invoice' ? openForPayment(record) : record);
}
