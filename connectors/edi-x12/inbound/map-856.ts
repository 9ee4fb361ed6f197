/**
 * 856 Ship Notice/Manifest → canonical AdvanceShipNotice. The HL tree is built from parent links; S/O/P/I
 * (BSN05 0001), S/O/T/P/I, S/O/I with the carton SSCC on the item (0004) and S/O/I/P (0002) all resolve to
 * order → pack (SSCC) → item; S/O/I without labels (pick-pack) to order → loose items (place-asn-items.ts). From a
 * supplier (perspective 'hub') the ASN is inbound; our own 856 read back (perspective 'partner') is outbound to
 * the customer.
 */
import type { AdvanceShipNotice, AdvanceShipNoticeOrder } from '../../../canonical-model/generated/index';
import type { FieldError } from '../../../platform/errors';
import { MappingProblems } from '../../sdk/mapping';
import type { TransactionSet } from '../x12/types';
import { ancestorAt, buildHlTree } from './build-hl-tree';
import type { HlNode } from './build-hl-tree';
import { checkCtt } from './check-ctt';
import type { InboundContext, MappedSet } from './context';
import { documentHead, hubDocumentId, partnerDocumentId } from './document-source';
import { identifierChecksOf } from './identifier-checks';
import { placeItem } from './place-asn-items';
import type { OrderBuild } from './place-asn-items';
import { readAsnItem, weightOf } from './read-asn-levels';
import { carrierOf, fobCode, freightTermsOf } from './read-commercial';
import { ElementReader } from './read-elements';
import { readParties, requireParty } from './read-party';
import { bodyAndSummary, firstOf, optional, positioned, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { readShipTo } from './read-ship-to';
import { requireSegment } from './require-segment';

/** BSN01 transaction set purpose → ASN purpose (14 "advance notification" is an original notice). */
const PURPOSES: Record<string, AdvanceShipNotice['purpose']> = {
  '00': 'original',
  '06': 'original',
  '07': 'original',
  '14': 'original',
  '05': 'replace',
  '01': 'cancel',
  '03': 'cancel',
};

function shipmentDates(reader: ElementReader, items: At[], bsn: At | undefined) {
  let shipDate: string | undefined;
  let shippedAt: string | undefined;
  let estimatedDeliveryDate: string | undefined;
  for (const dtm of segmentsOf(items, 'DTM')) {
    const qualifier = value(dtm, 1);
    if (qualifier !== '011' && qualifier !== '017' && qualifier !== '067') continue;
    const date = reader.date(dtm, 2, `the date for DTM qualifier ${qualifier}`);
    if (qualifier === '011') {
      shipDate = date;
      shippedAt = reader.instant(date, dtm, 3);
    } else estimatedDeliveryDate = date;
  }
  // Without DTM 011 the notice's own date (BSN03) is the best ship date the set offers.
  shipDate ??= bsn ? reader.date(bsn, 3, 'the date of the ship notice') : undefined;
  return { shipDate, shippedAt, estimatedDeliveryDate };
}

/** Maps an 856 to one AdvanceShipNotice. */
export function map856(set: TransactionSet, context: InboundContext): MappedSet {
  const problems = new MappingProblems('X12');
  const reader = new ElementReader(problems, context.partner.timeZone);
  const warnings: FieldError[] = [];
  const checks = identifierChecksOf(context, warnings);
  const outbound = context.perspective === 'partner';
  const all = positioned(set);
  const { body, summary } = bodyAndSummary(all, 'HL', ['CTT']);
  const bsn = requireSegment(reader, all, 'BSN', 'the ship notice header');
  const asnNumber = bsn ? reader.required(bsn, 2, 'the shipment identification') : '';
  const tree = buildHlTree(reader, body);
  const shipment = tree.nodes.find((node) => node.level === 'S');
  if (!shipment)
    problems.add(`/${(bsn ?? all[0]!).position}/HL`, 'the ship notice has no shipment level (HL03 S)');
  const shipmentSegments = [...tree.header, ...(shipment?.segments ?? [])];
  const dates = shipmentDates(reader, shipmentSegments, bsn);
  // Inbound, the ship-to is one of our locations, and so is the buyer when it stands in for a missing ship-to.
  const ours = outbound ? ['SF', 'SH'] : ['ST', 'BY', 'OB'];
  const parties = readParties(reader, context, shipment?.segments ?? [], ours);
  const shipFrom = requireParty(
    reader,
    parties,
    parties.has('SF') ? ['SF'] : ['SF', 'SH'],
    shipment?.hl ?? all[0]!,
    'ship-from',
  );
  const shipTo = readShipTo(reader, parties, shipment?.hl ?? all[0]!, warnings);

  const orders = new Map<HlNode, OrderBuild>();
  for (const node of tree.nodes.filter((n) => n.level === 'O')) {
    const prf = firstOf(node.segments, 'PRF');
    if (!prf) reader.report(node.hl, 3, `order level HL ${node.id} has no PRF (the purchase order number)`);
    const poNumber = prf ? reader.required(prf, 1, 'the purchase order number') : '';
    const poDate = prf ? reader.date(prf, 4) : undefined;
    const invoice = segmentsOf(node.segments, 'REF').find((at) => value(at, 1) === 'IV');
    const order: AdvanceShipNoticeOrder = {
      poNumber,
      ...(outbound
        ? { salesOrderId: partnerDocumentId(context, 'sales-order', poNumber) }
        : { purchaseOrderId: hubDocumentId(context, 'purchase-order', poNumber) }),
      ...(poDate ? { purchaseOrderDate: poDate } : {}),
      ...(invoice && value(invoice, 2) ? { invoiceNumber: value(invoice, 2) } : {}),
    };
    orders.set(node, { order, packs: new Map(), loose: [], next: 1 });
  }

  const shippedQuantities: string[] = [];
  for (const node of tree.nodes.filter((n) => n.level === 'I')) {
    const orderNode = ancestorAt(node, ['O']);
    const entry = orderNode && orders.get(orderNode);
    const { item, shipped } = readAsnItem(reader, context, node, entry?.next ?? 1, checks);
    shippedQuantities.push(shipped);
    if (!entry) {
      reader.report(
        node.hl,
        2,
        `item level HL ${node.id} has no order level (HL03 O) above it, so no PO it ships against`,
      );
      continue;
    }
    entry.next += 1;
    placeItem(reader, checks, entry, node, item, shipped);
  }
  for (const [node, entry] of orders) {
    const packs = [...entry.packs.values()].map((p) => p.pack);
    if (packs.length) entry.order.packs = packs;
    if (entry.loose.length) entry.order.items = entry.loose;
    if (entry.next === 1) {
      reader.report(
        node.hl,
        3,
        `order level HL ${node.id} (PO ${entry.order.poNumber || '?'}) has no items (HL I)`,
      );
    }
  }
  if (shipment && !orders.size) reader.report(shipment.hl, 3, 'the ship notice has no order level (HL03 O)');
  checkCtt(reader, firstOf(summary, 'CTT'), tree.nodes.length, 'hierarchical levels (HL)', [
    shippedQuantities,
  ]);

  const segs = shipment?.segments ?? [];
  const td1 = firstOf(segs, 'TD1');
  const packageCount = td1 ? reader.integer(td1, 2) : undefined;
  const grossWeight = td1 && value(td1, 6) !== 'N' ? weightOf(reader, td1, 7, 8) : undefined;
  const td3 = firstOf(segs, 'TD3');
  const purposeCode = bsn ? value(bsn, 1) : '';
  const purpose = PURPOSES[purposeCode];
  if (bsn && !purpose)
    reader.report(
      bsn,
      1,
      `${JSON.stringify(purposeCode)} is not a purpose the hub reads (00 original, 05 replace, 01 cancel, 14 advance notice)`,
    );
  problems.throwIfAny(`856 set ${set.controlNumber}${asnNumber ? ` (ASN ${asnNumber})` : ''}`);

  const ref = (qualifier: string) => {
    const at = segmentsOf(segs, 'REF').find((r) => value(r, 1) === qualifier);
    return at ? optional(at, 2) : undefined;
  };
  const carrier = carrierOf(firstOf(segs, 'TD5'));
  const freightTerms = freightTermsOf(fobCode(segs));
  const billOfLading = ref('BM');
  const proNumber = ref('CN');
  const trackingNumber = ref('2I');
  const trailerNumber = td3 ? optional(td3, 3) : undefined;
  const sealNumber = (td3 && optional(td3, 9)) ?? ref('SN');
  const attributes: Record<string, string> = { x12Purpose: purposeCode };
  if (bsn && value(bsn, 5)) attributes.hierarchicalStructure = value(bsn, 5);
  const asn: AdvanceShipNotice = {
    ...documentHead(
      set,
      context,
      'advance-ship-notice',
      outbound
        ? hubDocumentId(context, 'advance-ship-notice', asnNumber)
        : partnerDocumentId(context, 'advance-ship-notice', asnNumber),
      asnNumber,
    ),
    asnNumber,
    direction: outbound ? 'outbound' : 'inbound',
    purpose: purpose!,
    ...(outbound ? { customerId: context.partner.partyId } : { supplierId: context.partner.partyId }),
    shipDate: dates.shipDate!,
    ...(dates.shippedAt ? { shippedAt: dates.shippedAt } : {}),
    ...(dates.estimatedDeliveryDate ? { estimatedDeliveryDate: dates.estimatedDeliveryDate } : {}),
    shipFrom: shipFrom!,
    shipTo: shipTo!,
    ...(carrier ? { carrier } : {}),
    ...(trackingNumber ? { trackingNumber } : {}),
    ...(billOfLading ? { billOfLading } : {}),
    ...(proNumber ? { proNumber } : {}),
    ...(trailerNumber ? { trailerNumber } : {}),
    ...(sealNumber ? { sealNumber } : {}),
    ...(freightTerms ? { freightTerms } : {}),
    ...(grossWeight ? { grossWeight } : {}),
    ...(packageCount !== undefined ? { packageCount } : {}),
    orders: [...orders.values()].map((e) => e.order),
    attributes,
  };
  const poNumbers = asn.orders.map((o) => o.poNumber);
  return {
    documents: [asn],
    businessKeys: { asnNumber, ...(poNumbers.length === 1 ? { poNumber: poNumbers[0] } : {}) },
    ...(warnings.length ? { warnings } : {}),
  };
}
