/**
 * 947 Warehouse Inventory Adjustment Advice from a 3PL → one canonical InventoryMovement per W19 line. W15 gives
 * the day (W1501) and the 3PL's adjustment number (W1502); each W19 has a reason code (W1901, see
 * adjustment-reasons.ts), the quantity adjusted (W1902, the difference: a reason that fixes the direction wins,
 * otherwise − removes and + adds), its unit (W1903) and the item's ids (W1904 UPC case code, W1905/06, W1907/08,
 * W1917/18 pairs; W1909 the lot). The location is the warehouse the 3PL runs for us (the partner's partyId); a
 * partner that is not a 3PL gets the header N1*WH, else N1*SF, else itself as a whole. A hold is always "in" and a
 * release always "out" (into and out of on-hold, as the schema has it); the quantity is the magnitude. Movement ids
 * come from the partner, W1502 and the line's ordinal, so the same adjustment re-sent in another file moves once.
 */
import type { InventoryMovement } from '../../../canonical-model/generated/index';
import { compareDecimal } from '../../sdk/decimal';
import { provisionalId } from '../../sdk/mapping';
import type { TransactionSet } from '../x12/types';
import { movementTypeOf, reasonDirectionOf, reasonNameOf } from './adjustment-reasons';
import type { InboundContext, MappedSet } from './context';
import { documentHead } from './document-source';
import { itemKeyOf } from './item-key';
import { localInstant } from './local-time';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { readParties } from './read-party';
import { readIdPairs } from './read-product-ids';
import type { ProductIds } from './read-product-ids';
import { optional, value } from './read-set';
import type { At } from './read-set';
import { requireSegment } from './require-segment';

interface LineRead {
  reason: string;
  quantity: string;
  uom: InventoryMovement['quantity']['uom'];
  ids: ProductIds;
  lotNumber?: string;
}

function readW19(reader: ElementReader, context: InboundContext, w19: At): LineRead | undefined {
  const reason = reader.required(w19, 1, 'the adjustment reason code');
  const quantity = reader.decimal(w19, 2, { what: 'the adjusted quantity (signed)' });
  if (quantity !== undefined && compareDecimal(quantity, '0') === 0)
    reader.report(w19, 2, 'must not be zero (the signed quantity the adjustment changes stock by)');
  if (quantity?.startsWith('-') && reasonDirectionOf(reason) === 'in')
    reader.report(
      w19,
      2,
      `${quantity} is negative, but reason ${reason} (${reasonNameOf(reason) ?? reason}) only adds stock`,
    );
  const uom = reader.unit(w19, 3);
  // W1904 is the item's UPC case code (no check digit); further ids are the W1905/06, W1907/08 and W1917/18 pairs.
  const pairs = [
    { qualifier: value(w19, 4) ? 'UA' : '', idElement: 4 },
    { qualifier: value(w19, 5).toUpperCase(), idElement: 6 },
    { qualifier: value(w19, 7).toUpperCase(), idElement: 8 },
    { qualifier: value(w19, 17).toUpperCase(), idElement: 18 },
  ];
  const ids = readIdPairs(reader, w19, pairs, context.partner.productIdQualifiers, true, 5);
  const lotNumber = optional(w19, 9);
  if (quantity === undefined || !ids.identifiers.length) return undefined;
  return { reason, quantity, uom, ids, ...(lotNumber ? { lotNumber } : {}) };
}

/** Maps a 947 to one InventoryMovement per W19 line. */
export function map947(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops } = openSet(set, context, 'W19', []);
  const w15 = requireSegment(reader, all, 'W15', 'the inventory adjustment header');
  const date = w15 ? reader.date(w15, 1, 'the date of the adjustment') : undefined;
  const adjustmentNumber = w15 ? reader.required(w15, 2, 'the adjustment number') : '';
  const parties = readParties(reader, context, header, ['WH', 'SF']);
  const at = parties.get('WH') ?? parties.get('SF');
  const warehouseCode = at?.party?.code ?? at?.party?.gln;
  const locationId =
    context.partner.role === '3pl'
      ? context.partner.partyId
      : (at?.party?.locationId ?? provisionalId(context.connectorId, 'location', context.partner.id));
  if (!loops.length)
    problems.add(`/${(w15 ?? all[0]!).position}/W19`, 'the adjustment advice has no lines (W19)');
  const lines = loops.map((loop) => readW19(reader, context, loop[0]!));
  problems.throwIfAny(
    `947 set ${set.controlNumber}${adjustmentNumber ? ` (adjustment ${adjustmentNumber})` : ''}`,
  );

  // W15 has no time: the movement happened that day, at its start where the 3PL is, and says so.
  const occurredAt = localInstant(date!, '000000', context.partner.timeZone);
  const documents = lines.map((line, i): InventoryMovement => {
    const { reason, quantity, uom, ids, lotNumber } = line!;
    const ordinal = i + 1;
    const type = movementTypeOf(reason);
    const negative = quantity.startsWith('-');
    const direction =
      type === 'hold'
        ? 'in'
        : type === 'release'
          ? 'out'
          : (reasonDirectionOf(reason) ?? (negative ? 'out' : 'in'));
    const key = `${context.partner.id}:${adjustmentNumber}:${ordinal}`;
    const name = reasonNameOf(reason);
    const attributes = {
      ...ids.attributes,
      occurredAtPrecision: 'date',
      x12Quantity: quantity,
      ...(warehouseCode ? { x12WarehouseCode: warehouseCode } : {}),
    };
    return {
      ...documentHead(
        set,
        context,
        'inventory-movement',
        provisionalId(context.connectorId, 'inventory-movement', key),
        `${adjustmentNumber}:${ordinal}`,
      ),
      movementNumber: `${adjustmentNumber}-${ordinal}`,
      type,
      direction,
      itemId: provisionalId(context.connectorId, 'item', itemKeyOf(context, ids.identifiers[0]!)),
      item: { identifiers: ids.identifiers },
      locationId,
      quantity: { value: negative ? quantity.slice(1) : quantity, uom },
      occurredAt,
      reasonCode: reason,
      ...(name ? { reason: name } : {}),
      ...(lotNumber ? { lot: { lotNumber } } : {}),
      attributes,
    };
  });
  return { documents, businessKeys: { adjustmentNumber } };
}
