/**
 * 856 Ship Notice to a customer from an outbound canonical AdvanceShipNotice: BSN, then the HL tree — shipment
 * (TD1, TD5, TD3, REF BM/CN/2I, DTM 011/017, FOB, N1 SF/ST), each order (PRF, REF IV), the pallets of its cartons
 * (T, MAN*GM), each carton (P, MAN*GM, MAN*CP, PO4 weight) and each item (I, LIN, SN1, PID, REF LT/SE, DTM 036) —
 * and CTT with the number of HL segments. An order's loose items (pick-pack) are HL I directly under its HL O;
 * BSN05 is 0001 (S/O/P/I) when any order has packs, else 0004 (S/O/I). HL01 counts from 1 in order, HL02 names
 * the parent, HL04 says whether children follow. See README.md for what is carried.
 */
import type {
  AdvanceShipNotice,
  AdvanceShipNoticeItem,
  AdvanceShipNoticePack,
} from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import { creationStamp } from '../writer/creation-stamp';
import { carrierSegment, freightSegment } from './commercial-segments';
import type { SetGenerator } from './context';
import { partySegments } from './party-segments';
import { productIdPairs } from './product-ids';
import { dateX12, invalid, rDecimal, sumDecimals, unitX12 } from './x12-values';

/** BSN01 transaction set purpose of each ASN purpose. */
export const ASN_PURPOSE_CODES: Record<AdvanceShipNotice['purpose'], string> = {
  original: '00',
  replace: '05',
  cancel: '01',
};

/** An HL level being built: its segments follow its HL, and HL04 is set once its children are known. */
interface Level {
  hl: OutSegment;
  children: number;
}

class HlWriter {
  readonly segments: OutSegment[] = [];
  private count = 0;
  private readonly levels: Level[] = [];

  /** Opens a level under `parent` (an HL01 from an earlier call) and returns its HL01. */
  open(code: string, parent: string | undefined, segments: OutSegment[]): string {
    this.count += 1;
    const id = String(this.count);
    const hl: OutSegment = { id: 'HL', elements: [id, parent, code, '0'] };
    if (parent) this.levels[Number(parent) - 1]!.children += 1;
    this.levels.push({ hl, children: 0 });
    this.segments.push(hl, ...segments);
    return id;
  }

  /** Sets every HL04: 1 when the level has children, 0 when it is a leaf. */
  finish(): number {
    for (const level of this.levels) level.hl.elements[3] = level.children ? '1' : '0';
    return this.count;
  }
}

function itemSegments(
  entry: AdvanceShipNoticeItem,
  preference: readonly string[],
  path: string,
): OutSegment[] {
  const ordered = entry.quantityOrdered;
  const segments: OutSegment[] = [
    {
      id: 'LIN',
      elements: [String(entry.lineNumber), ...productIdPairs(entry.item, preference, 15, `${path}/item`)],
    },
    {
      id: 'SN1',
      elements: [
        String(entry.lineNumber),
        rDecimal(entry.quantity.value, `${path}/quantity/value`),
        unitX12(entry.quantity.uom),
        '',
        ordered && rDecimal(ordered.value, `${path}/quantityOrdered/value`),
        ordered && unitX12(ordered.uom),
      ],
    },
  ];
  if (entry.item.description)
    segments.push({ id: 'PID', elements: ['F', '', '', '', entry.item.description] });
  if (entry.lot) {
    segments.push({ id: 'REF', elements: ['LT', entry.lot.lotNumber] });
    if (entry.lot.expirationDate) {
      segments.push({
        id: 'DTM',
        elements: ['036', dateX12(entry.lot.expirationDate, `${path}/lot/expirationDate`)],
      });
    }
  }
  for (const serial of entry.serialNumbers ?? []) segments.push({ id: 'REF', elements: ['SE', serial] });
  return segments;
}

function packSegments(pack: AdvanceShipNoticePack, path: string): OutSegment[] {
  const segments: OutSegment[] = [{ id: 'MAN', elements: ['GM', pack.sscc] }];
  if (pack.trackingNumber) segments.push({ id: 'MAN', elements: ['CP', pack.trackingNumber] });
  if (pack.weight) {
    const weight = rDecimal(pack.weight.value, `${path}/weight/value`);
    segments.push({ id: 'PO4', elements: ['', '', '', '', 'G', weight, unitX12(pack.weight.uom)] });
  }
  return segments;
}

function shipmentSegments(asn: AdvanceShipNotice, shipTime: string | undefined): OutSegment[] {
  const segments: OutSegment[] = [];
  if (asn.packageCount !== undefined || asn.grossWeight) {
    const weight = asn.grossWeight;
    segments.push({
      id: 'TD1',
      elements: [
        asn.packageCount !== undefined ? 'CTN25' : '',
        asn.packageCount?.toString(),
        '',
        '',
        '',
        weight ? 'G' : '',
        weight && rDecimal(weight.value, '/grossWeight/value'),
        weight && unitX12(weight.uom),
      ],
    });
  }
  if (asn.carrier) segments.push(carrierSegment(asn.carrier));
  if (asn.trailerNumber || asn.sealNumber) {
    segments.push({ id: 'TD3', elements: ['TL', '', asn.trailerNumber, '', '', '', '', '', asn.sealNumber] });
  }
  const refs: [string, string | undefined][] = [
    ['BM', asn.billOfLading],
    ['CN', asn.proNumber],
    ['2I', asn.trackingNumber],
  ];
  for (const [qualifier, value] of refs)
    if (value) segments.push({ id: 'REF', elements: [qualifier, value] });
  segments.push({ id: 'DTM', elements: ['011', dateX12(asn.shipDate, '/shipDate'), shipTime] });
  if (asn.estimatedDeliveryDate) {
    segments.push({
      id: 'DTM',
      elements: ['017', dateX12(asn.estimatedDeliveryDate, '/estimatedDeliveryDate')],
    });
  }
  if (asn.freightTerms) segments.push(freightSegment(asn.freightTerms));
  segments.push(
    ...partySegments('SF', asn.shipFrom, '/shipFrom'),
    ...partySegments('ST', asn.shipTo, '/shipTo'),
  );
  return segments;
}

/** Builds the 856 body for an outbound `asn`. */
export const generate856: SetGenerator<AdvanceShipNotice> = (asn, context) => {
  if (asn.direction !== 'outbound')
    invalid('/direction', 'must be outbound: the hub sends 856s only to customers');
  const preference = context.profile.productIdQualifiers;
  // The shipped time travels in DTM03 as partner-local time, and only when it falls on the ship date there.
  const local = asn.shippedAt ? creationStamp(new Date(asn.shippedAt), context.profile.timeZone) : undefined;
  const shipTime = local && local.date === dateX12(asn.shipDate, '/shipDate') ? local.time : undefined;
  const tree = new HlWriter();
  const shipment = tree.open('S', undefined, shipmentSegments(asn, shipTime));
  const shipped: string[] = [];
  asn.orders.forEach((order, o) => {
    const orderSegments: OutSegment[] = [
      {
        id: 'PRF',
        elements: [
          order.poNumber,
          '',
          '',
          order.purchaseOrderDate && dateX12(order.purchaseOrderDate, `/orders/${o}/purchaseOrderDate`),
        ],
      },
    ];
    if (order.invoiceNumber) orderSegments.push({ id: 'REF', elements: ['IV', order.invoiceNumber] });
    const orderId = tree.open('O', shipment, orderSegments);
    const pallets = new Map<string, string>();
    (order.packs ?? []).forEach((pack, p) => {
      const path = `/orders/${o}/packs/${p}`;
      let parent = orderId;
      const isPallet = pack.packagingType === 'pallet';
      if (pack.parentSscc && !isPallet) {
        let pallet = pallets.get(pack.parentSscc);
        if (!pallet) {
          pallet = tree.open('T', orderId, [{ id: 'MAN', elements: ['GM', pack.parentSscc] }]);
          pallets.set(pack.parentSscc, pallet);
        }
        parent = pallet;
      }
      const packId = tree.open(isPallet ? 'T' : 'P', parent, packSegments(pack, path));
      pack.items.forEach((entry, i) => {
        shipped.push(entry.quantity.value);
        tree.open('I', packId, itemSegments(entry, preference, `${path}/items/${i}`));
      });
    });
    (order.items ?? []).forEach((entry, i) => {
      shipped.push(entry.quantity.value);
      tree.open('I', orderId, itemSegments(entry, preference, `/orders/${o}/items/${i}`));
    });
  });
  // 0004 (S/O/I) tells the partner no pack level follows; a mixed notice keeps 0001, its packs being the rule.
  const structure = asn.orders.some((order) => order.packs?.length) ? '0001' : '0004';
  const levels = tree.finish();
  return [
    {
      id: 'BSN',
      elements: [
        ASN_PURPOSE_CODES[asn.purpose],
        asn.asnNumber,
        dateX12(asn.shipDate, '/shipDate'),
        shipTime ?? '0000',
        structure,
      ],
    },
    ...tree.segments,
    { id: 'CTT', elements: [String(levels), rDecimal(sumDecimals(shipped), '/orders')] },
  ];
};
