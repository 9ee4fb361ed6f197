/**
 * Inventory adjustments of the simulated NetSuite: `POST /record/v1/inventoryAdjustment` with an account, an
 * adjustment location (`adjLocation`) and `inventory.items[]` of `{ item, location, adjustQtyBy }`. Each line moves
 * the item's quantity on hand at its location by the signed quantity, so the item's `locations` sublist (what the
 * valuation reads) shows the result. A second record with the same externalId is refused (DUP_RCRD), as NetSuite does.
 */
import type { Simulator } from '../kit/simulator';
import { add, compare, multiply, num, textOf } from './decimal';
import { NetSuiteSimError } from './errors';
import { decimalField, findRecord, mintId, nowStamp, refName, resolveRef } from './records';
import type { NsRecord } from './records';
import { moveStock } from './transforms';

type Body = Record<string, unknown>;

const ref = (record: NsRecord) => ({ id: record.id, refName: refName(record) });

/** Creates the adjustment and moves stock; nothing changes when any line is refused. */
export function createInventoryAdjustment(sim: Simulator, body: Body): NsRecord {
  const adjustments = sim.store.collection<NsRecord>('inventoryAdjustment');
  if (typeof body.externalId === 'string' && adjustments.find((r) => r.externalId === body.externalId)) {
    throw new NetSuiteSimError(
      400,
      `A inventoryAdjustment record with external ID ${body.externalId} already exists.`,
      'DUP_RCRD',
    );
  }
  if (body.account === undefined)
    throw new NetSuiteSimError(400, 'Please enter value(s) for: Adjustment Account', 'USER_ERROR');
  const account = resolveRef(sim, 'account', body.account, 'account');
  const subsidiary =
    body.subsidiary === undefined
      ? findRecord(sim, 'subsidiary', '1')!
      : resolveRef(sim, 'subsidiary', body.subsidiary, 'subsidiary');
  const adjLocation =
    body.adjLocation === undefined ? undefined : resolveRef(sim, 'location', body.adjLocation, 'adjLocation');
  const raw = (body.inventory as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(raw) || raw.length === 0)
    throw new NetSuiteSimError(400, 'You must enter at least one line item for this transaction.');
  const lines = (raw as Body[]).map((line, index) => {
    const item = resolveRef(sim, 'inventoryItem', line.item, 'item');
    const location =
      line.location === undefined
        ? adjLocation
        : resolveRef(sim, 'location', line.location, `inventory[${index}].location`);
    if (!location)
      throw new NetSuiteSimError(
        400,
        `Please enter value(s) for: Location (line ${index + 1})`,
        'USER_ERROR',
      );
    const quantity = decimalField(line.adjustQtyBy, `inventory[${index}].adjustQtyBy`);
    if (compare(quantity, '0') === 0)
      throw new NetSuiteSimError(400, `Adjust Qty. By must not be 0 (line ${index + 1}).`, 'USER_ERROR');
    return { line, item, location, quantity };
  });

  let total = '0';
  const items = lines.map(({ line, item, location, quantity }, index) => {
    const row = (item.locations as { items?: Body[] } | undefined)?.items?.find(
      (l) => (l.location as { id?: string } | undefined)?.id === location.id,
    );
    const unitCost = textOf(row?.averageCostMli ?? item.cost ?? '0');
    moveStock(sim, item.id, location.id, quantity);
    total = add(total, multiply(quantity, unitCost));
    return {
      ...line,
      line: index + 1,
      item: ref(item),
      location: ref(location),
      adjustQtyBy: num(quantity),
      unitCost: num(unitCost),
    };
  });
  const id = mintId(sim, 'inventoryAdjustment');
  const stamp = nowStamp();
  return adjustments.put(id, {
    tranDate: stamp.slice(0, 10),
    ...body,
    id,
    tranId: `ADJ${sim.store.next('tranId:inventoryAdjustment', 1001)}`,
    account: ref(account),
    subsidiary: ref(subsidiary),
    ...(adjLocation ? { adjLocation: ref(adjLocation) } : {}),
    inventory: { items },
    estimatedTotalValue: num(total),
    createdDate: stamp,
    lastModifiedDate: stamp,
  });
}
