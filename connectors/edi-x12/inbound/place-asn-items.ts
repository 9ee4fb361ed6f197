/**
 * Where each 856 item level goes in the canonical ASN: into its order's pack with the SSCC of its P/T ancestor,
 * its P/T children (S/O/I/P) or its own MAN*GM (S/O/I, 0004); or onto the order's loose `items` when no pack
 * level holds it and it carries no label (S/O/I pick-pack). A lenient partner's item in a pack whose SSCC is bad
 * is listed loose too, the bad label kept in `attributes.invalidSscc`.
 */
import type {
  AdvanceShipNoticeItem,
  AdvanceShipNoticeOrder,
  AdvanceShipNoticePack,
} from '../../../canonical-model/generated/index';
import { ancestorAt } from './build-hl-tree';
import type { HlNode } from './build-hl-tree';
import type { IdentifierChecks } from './identifier-checks';
import { readSsccLabel, trackingOf, weightOf } from './read-asn-levels';
import type { ElementReader } from './read-elements';
import { firstOf } from './read-set';

/** A pack being built, with the level it came from. */
interface PackBuild {
  pack: AdvanceShipNoticePack;
  node: HlNode;
}

/** An order being built: its packs by SSCC, its loose items, and the ordinal of its next unnumbered line. */
export interface OrderBuild {
  order: AdvanceShipNoticeOrder;
  packs: Map<string, PackBuild>;
  loose: AdvanceShipNoticeItem[];
  next: number;
}

/** Where an item sits: the pack level above it, a pack level below it (S/O/I/P), or the item level itself. */
function placementsOf(
  reader: ElementReader,
  item: HlNode,
  shipped: string,
): { node: HlNode; quantity?: string }[] {
  const above = ancestorAt(item, ['P', 'T']);
  if (above) return [{ node: above }];
  const below = item.children.filter((child) => child.level === 'P' || child.level === 'T');
  if (below.length === 1) return [{ node: below[0]! }];
  if (below.length > 1) {
    return below.map((node) => {
      const sn1 = firstOf(node.segments, 'SN1');
      const quantity = sn1 ? reader.decimal(sn1, 2, { what: 'the quantity in this pack' }) : undefined;
      if (!sn1)
        reader.report(
          node.hl,
          3,
          `pack HL ${node.id} of item HL ${item.id} has no SN1 saying how many it holds`,
        );
      return { node, quantity: quantity ?? shipped };
    });
  }
  return [{ node: item }];
}

/** Places one item level of `entry`'s order (see the file comment); problems and warnings name the MAN/HL. */
export function placeItem(
  reader: ElementReader,
  checks: IdentifierChecks,
  entry: OrderBuild,
  node: HlNode,
  item: AdvanceShipNoticeItem,
  shipped: string,
): void {
  for (const placement of placementsOf(reader, node, shipped)) {
    const placed =
      placement.quantity !== undefined
        ? { ...item, quantity: { ...item.quantity, value: placement.quantity } }
        : item;
    const label = readSsccLabel(placement.node);
    if (label?.sscc) {
      addToPack(reader, checks, entry.packs, placement.node, label.sscc, placed);
    } else if (!label) {
      // An item level with no pack level and no label of its own is shipped loose: the S/O/I pick-pack ASN.
      if (placement.node === node) entry.loose.push(placed);
      else
        reader.report(
          placement.node.hl,
          3,
          `item level HL ${node.id} is in no pack labelled with an SSCC (an HL P or T with MAN*GM, or MAN*GM on the item)`,
        );
    } else if (!checks.lenient) {
      reader.report(label.man, 2, label.problem!);
    } else {
      checks.warn(
        label.man,
        2,
        `${label.problem}; the items of HL ${placement.node.id} are listed as loose items of PO ${entry.order.poNumber || '?'} with attributes.invalidSscc`,
      );
      entry.loose.push({ ...placed, attributes: { ...placed.attributes, invalidSscc: label.raw } });
    }
  }
}

/** The SSCC of the pallet a carton is on; a lenient partner's bad pallet label is left out with a warning. */
function palletSsccOf(reader: ElementReader, checks: IdentifierChecks, pallet: HlNode): string | undefined {
  const label = readSsccLabel(pallet);
  if (!label?.problem) return label?.sscc;
  if (checks.lenient)
    checks.warn(label.man, 2, `${label.problem}; the cartons on pallet HL ${pallet.id} carry no parentSscc`);
  else reader.report(label.man, 2, label.problem);
  return undefined;
}

/** Adds an item to the order's pack with `sscc`, creating the pack (with its pallet, weight, tracking) first. */
function addToPack(
  reader: ElementReader,
  checks: IdentifierChecks,
  packs: Map<string, PackBuild>,
  node: HlNode,
  sscc: string,
  item: AdvanceShipNoticeItem,
): void {
  let build = packs.get(sscc);
  if (!build) {
    const pallet = node.level === 'T' ? undefined : ancestorAt(node, ['T']);
    const parentSscc = pallet ? palletSsccOf(reader, checks, pallet) : undefined;
    const po4 = firstOf(node.segments, 'PO4');
    const weight = po4 ? weightOf(reader, po4, 6, 7) : undefined;
    const trackingNumber = trackingOf(node);
    build = {
      node,
      pack: {
        sscc,
        ...(parentSscc ? { parentSscc } : {}),
        packagingType: node.level === 'T' ? 'pallet' : 'carton',
        ...(trackingNumber ? { trackingNumber } : {}),
        ...(weight ? { weight } : {}),
        items: [],
      },
    };
    packs.set(sscc, build);
  }
  build.pack.items.push(item);
}
