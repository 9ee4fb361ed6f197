/**
 * 846 Inventory Inquiry/Advice → one canonical InventoryPosition per item (LIN) and location. The location is
 * the header N1 (WH, then SF, SU, ST, else the first), a line-level N1, or each SDQ location; without any, the
 * partner as a whole (its stock at large). asOf is BIA04/BIA05 in the partner's time zone (midnight when no time).
 * See read-stock-figures.ts for how QTY qualifiers become the five figures.
 */
import type { InventoryPosition } from '../../../canonical-model/generated/index';
import { provisionalId } from '../../sdk/mapping';
import type { TransactionSet } from '../x12/types';
import { checkCtt } from './check-ctt';
import type { InboundContext, MappedSet } from './context';
import { sourceOf } from './document-source';
import { itemKeyOf } from './item-key';
import { localInstant } from './local-time';
import type { ElementReader } from './read-elements';
import { openSet } from './open-set';
import { locationIdOf, locationKeyOf, readParties } from './read-party';
import { descriptionOf } from './read-po1';
import { readProductIds } from './read-product-ids';
import { firstOf, value } from './read-set';
import type { At } from './read-set';
import { addQty, addSchedule, addSdqQuantity, newFigures, settleFigures } from './read-stock-figures';
import type { StockFigures } from './read-stock-figures';
import { requireSegment } from './require-segment';

/** A location a figure set belongs to: its key in ids and its canonical location id. */
interface StockLocation {
  key: string;
  locationId: string;
}

function partnerLocation(context: InboundContext): StockLocation {
  return {
    key: context.partner.id,
    locationId: provisionalId(context.connectorId, 'location', context.partner.id),
  };
}

function locationOf(context: InboundContext, qualifier: string, id: string): StockLocation {
  return { key: locationKeyOf(context, qualifier, id), locationId: locationIdOf(context, qualifier, id) };
}

function readLinLoop(
  reader: ElementReader,
  context: InboundContext,
  set: TransactionSet,
  loop: At[],
  base: StockLocation,
) {
  const lin = loop[0]!;
  const ids = readProductIds(reader, lin, 2, context.partner.productIdQualifiers);
  const groups: { location: StockLocation; figures: StockFigures }[] = [
    { location: base, figures: newFigures(lin) },
  ];
  for (const at of loop.slice(1)) {
    const id = at.segment.id;
    if (id === 'N1') {
      const qualifier = value(at, 3);
      const code = value(at, 4);
      if (!qualifier || !code)
        reader.report(at, 4, 'is missing (the id of the location these quantities are at)');
      groups.push({ location: locationOf(context, qualifier, code), figures: newFigures(at) });
    } else if (id === 'QTY') {
      addQty(reader, groups[groups.length - 1]!.figures, at, set.delimiters.component);
    } else if (id === 'SCH') {
      addSchedule(reader, groups[groups.length - 1]!.figures, at);
    } else if (id === 'SDQ') {
      const qualifier = value(at, 2);
      for (let n = 3; n + 1 <= at.segment.elements.length; n += 2) {
        if (!value(at, n)) continue;
        const figures = newFigures(at);
        addSdqQuantity(reader, figures, at, n + 1);
        groups.push({ location: locationOf(context, qualifier, value(at, n)), figures });
      }
    }
  }
  // The LIN-level figures stand for the header location only when the line sent some of its own.
  const used = groups.filter((g, i) => i > 0 || Object.keys(g.figures.sent).length || groups.length === 1);
  return { ids, used, description: descriptionOf(loop) };
}

/** Maps an 846 to one InventoryPosition per item and location. */
export function map846(set: TransactionSet, context: InboundContext): MappedSet {
  const { problems, reader, all, header, loops, summary } = openSet(set, context, 'LIN', ['CTT']);
  const bia = requireSegment(reader, all, 'BIA', 'the inventory advice header');
  const date = bia ? reader.date(bia, 4, 'the date of the figures') : undefined;
  const asOf =
    bia && date
      ? (reader.instant(date, bia, 5) ?? localInstant(date, '000000', context.partner.timeZone))
      : '';
  const parties = readParties(reader, context, header);
  const headerParty =
    ['WH', 'SF', 'SU', 'ST'].map((e) => parties.get(e)).find(Boolean) ?? [...parties.values()][0];
  const hq = headerParty ? value(headerParty.n1, 3) : '';
  const hid = headerParty ? value(headerParty.n1, 4) : '';
  const base = hq && hid ? locationOf(context, hq, hid) : partnerLocation(context);
  if (!loops.length)
    problems.add(`/${(bia ?? all[0]!).position}/LIN`, 'the inventory advice has no items (LIN)');
  const lines = loops.map((loop) => readLinLoop(reader, context, set, loop, base));
  checkCtt(reader, firstOf(summary, 'CTT'), loops.length, 'items (LIN)');
  const settled = lines.map((line) =>
    line.used.map((g) => ({ ...g, figures: settleFigures(reader, g.figures), extra: g.figures.attributes })),
  );
  problems.throwIfAny(`846 set ${set.controlNumber}`);

  const documents: InventoryPosition[] = [];
  lines.forEach((line, i) => {
    const first = line.ids.identifiers[0]!;
    const key = itemKeyOf(context, first);
    for (const group of settled[i]!) {
      const positionKey = `${key}::${group.location.key}`;
      const attributes = { ...line.ids.attributes, ...group.extra };
      documents.push({
        schemaVersion: '1',
        documentType: 'inventory-position',
        id: provisionalId(context.connectorId, 'inventory-position', positionKey),
        legalEntityId: context.legalEntityId,
        source: sourceOf(set, context, positionKey),
        itemId: provisionalId(context.connectorId, 'item', key),
        item: {
          identifiers: line.ids.identifiers,
          ...(line.description ? { description: line.description } : {}),
        },
        locationId: group.location.locationId,
        asOf,
        ...group.figures!,
        ...(Object.keys(attributes).length ? { attributes } : {}),
      });
    }
  });
  return { documents, businessKeys: {} };
}
