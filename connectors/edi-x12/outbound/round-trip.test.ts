import { describe, expect, it } from 'vitest';
import { map810, map855, map856 } from '../inbound/index';
import type { TradingPartnerProfile } from '../partner';
import { generate810 } from './generate-810';
import { generate850 } from './generate-850';
import { generate855 } from './generate-855';
import { generate856 } from './generate-856';
import { generate940 } from './generate-940';
import { readBack850 } from './read-back/map-850-purchase-order';
import { readBack940 } from './read-back/map-940-warehouse-shipping-order';
import { scrubValue } from '../writer/scrub-value';
import { writtenDelimiters } from '../writer/envelope';
import type { Delimiters } from '../x12/types';
import { parseWithNodeX12 } from './test-support/node-x12-sets';
import {
  arInvoice,
  outboundAck,
  outboundAsn,
  outboundPickPackAsn,
  purchaseOrder,
  shippingOrder,
} from './test-support/outbound-documents';
import { DELIMITER_SETS, partnerProfile } from './test-support/partner-profiles';
import {
  restrict810,
  restrict850,
  restrict855,
  restrict856,
  restrict940,
} from './test-support/restrict-documents';
import type { RoundTrip } from './test-support/round-trip';
import { roundTrip } from './test-support/round-trip';

/** The envelope facts an independent receiver checks, asserted on the raw text and on node-x12's reading. */
function expectSoundEnvelope(trip: RoundTrip, profile: TradingPartnerProfile): void {
  const { text } = trip.interchange;
  const d = profile.delimiters;
  expect(text.slice(105, 106)).toBe(d.segment);
  expect(text.slice(0, 106).split(d.element)).toHaveLength(17);
  expect(text.slice(0, 106).split(d.element)[13]).toBe('000031337');
  const parsed = parseWithNodeX12(text);
  const group = parsed.functionalGroups[0]!;
  const set = group.transactions[0]!;
  expect(set.trailer.elements[0]!.value).toBe(String(set.segments.length + 2));
  expect(group.trailer.elements[0]!.value).toBe('1');
  expect(parsed.trailer.elements[0]!.value).toBe('1');
  const segments = text.split(d.segment + d.suffix).filter(Boolean);
  expect(segments.at(-1)).toBe(['IEA', '1', '000031337'].join(d.element));
}

describe.each(DELIMITER_SETS)('round trip with $name', (delimiterSet) => {
  it('850: a purchase order reads back identical over what the 850 carries', () => {
    const profile = partnerProfile(
      { role: 'supplier', partyId: 'sup_acme_gmbh', productIdQualifiers: ['VN', 'SK'] },
      delimiterSet,
    );
    const original = purchaseOrder();
    const trip = roundTrip(original, '850', generate850, readBack850, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict850(read!, profile.productIdQualifiers)).toEqual(
      restrict850(original, profile.productIdQualifiers),
    );
  });

  it('940: a warehouse shipping order reads back identical over what the 940 carries', () => {
    const profile = partnerProfile(
      { role: '3pl', partyId: 'loc_3pl_ontario_ca', productIdQualifiers: ['VN', 'UP'] },
      delimiterSet,
    );
    const original = shippingOrder();
    const trip = roundTrip(original, '940', generate940, readBack940, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict940(read!, profile.productIdQualifiers)).toEqual(
      restrict940(original, profile.productIdQualifiers),
    );
  });

  it('855: an outbound acknowledgement reads back identical over what the 855 carries', () => {
    const profile = partnerProfile({ productIdQualifiers: ['VN', 'UP'] }, delimiterSet);
    const original = outboundAck();
    const trip = roundTrip(original, '855', generate855, map855, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict855(read!, profile.productIdQualifiers)).toEqual(
      restrict855(original, profile.productIdQualifiers),
    );
  });

  it('856: an outbound ship notice reads back identical over what the 856 carries', () => {
    const profile = partnerProfile({ productIdQualifiers: ['UK', 'VN'] }, delimiterSet);
    const original = outboundAsn();
    const trip = roundTrip(original, '856', generate856, map856, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict856(read!, profile.productIdQualifiers, true)).toEqual(
      restrict856(original, profile.productIdQualifiers, true),
    );
  });

  it('856: a pick-pack ship notice (loose items, S/O/I) reads back with the same loose items', () => {
    const profile = partnerProfile({ productIdQualifiers: ['UK', 'VN'] }, delimiterSet);
    const original = outboundPickPackAsn();
    original.orders.push({ ...outboundAsn().orders[0]!, poNumber: 'PO-88122' });
    const trip = roundTrip(original, '856', generate856, map856, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(read!.orders.map((o) => [o.poNumber, o.packs?.length ?? 0, o.items?.length ?? 0])).toEqual([
      ['PO-88121', 0, 2],
      ['PO-88122', 2, 0],
    ]);
    expect(restrict856(read!, profile.productIdQualifiers, true)).toEqual(
      restrict856(original, profile.productIdQualifiers, true),
    );
  });

  it('810: an AR invoice reads back identical over what the 810 carries', () => {
    const profile = partnerProfile({}, delimiterSet);
    const original = arInvoice();
    const trip = roundTrip(original, '810', generate810, map810, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict810(read!, profile.productIdQualifiers)).toEqual(
      restrict810(original, profile.productIdQualifiers),
    );
  });
});

/** `text` with every delimiter of `d` and CR/LF put inside it (never at the ends, which readers trim). */
function laced(text: string, d: Delimiters): string {
  return `${text.slice(0, 2)}${d.element}${d.component}x${d.segment}y${d.repetition ?? ''}\r\nz${text.slice(2)}`;
}

/** The document as the set can carry it: every string scrubbed the way the writer scrubs values. */
function scrubbed<T>(value: T, d: Delimiters): T {
  if (typeof value === 'string') return scrubValue(value, d) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubbed(v, d)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubbed(v, d)])) as T;
  }
  return value;
}

describe.each(DELIMITER_SETS)('data holding the delimiters of $name', (delimiterSet) => {
  const d = writtenDelimiters(delimiterSet.delimiters, delimiterSet.version);

  it('850: delimiters in the PO number, a name, a street line and a description are scrubbed, nothing else moves', () => {
    const profile = partnerProfile({ role: 'supplier', productIdQualifiers: ['VN'] }, delimiterSet);
    const original = purchaseOrder();
    original.poNumber = laced(original.poNumber, d);
    original.shipTo.address!.lines[0] = laced(original.shipTo.address!.lines[0]!, d);
    original.lines[1]!.item.description = laced(original.lines[1]!.item.description!, d);
    original.lines[0]!.item.identifiers[0]!.value = laced('ACM-88213', d);
    const trip = roundTrip(original, '850', generate850, readBack850, profile);
    expectSoundEnvelope(trip, profile);
    expect(trip.sets[0]!.segments).toHaveLength(18);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(read!.poNumber).not.toBe(original.poNumber);
    expect(restrict850(read!, ['VN'])).toEqual(restrict850(scrubbed(original, d), ['VN']));
  });

  it('940: delimiters in a note, the depositor name and a lot number are scrubbed', () => {
    const profile = partnerProfile({ role: '3pl', productIdQualifiers: ['UP', 'VN'] }, delimiterSet);
    const original = shippingOrder();
    original.notes![0]!.text = laced(original.notes![0]!.text, d);
    original.depositor!.name = laced(original.depositor!.name!, d);
    original.lines[2]!.lot!.lotNumber = laced(original.lines[2]!.lot!.lotNumber, d);
    const trip = roundTrip(original, '940', generate940, readBack940, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict940(read!, ['UP', 'VN'])).toEqual(restrict940(scrubbed(original, d), ['UP', 'VN']));
  });

  it('855: delimiters in the ack number and an item id are scrubbed', () => {
    const profile = partnerProfile({ productIdQualifiers: ['VN'] }, delimiterSet);
    const original = outboundAck();
    original.ackNumber = laced(original.ackNumber!, d);
    original.lines[1]!.item.identifiers[0]!.value = laced('ACM-88214', d);
    const trip = roundTrip(original, '855', generate855, map855, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict855(read!, ['VN'])).toEqual(restrict855(scrubbed(original, d), ['VN']));
  });

  it('856: delimiters in the bill of lading, a street line and a lot number are scrubbed', () => {
    const profile = partnerProfile({ productIdQualifiers: ['VN'] }, delimiterSet);
    const original = outboundAsn();
    original.billOfLading = laced(original.billOfLading!, d);
    original.shipFrom.address!.lines[0] = laced(original.shipFrom.address!.lines[0]!, d);
    original.orders[0]!.packs![1]!.items[0]!.lot!.lotNumber = laced('L2503-18', d);
    const trip = roundTrip(original, '856', generate856, map856, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict856(read!, ['VN'], true)).toEqual(restrict856(scrubbed(original, d), ['VN'], true));
  });

  it('810: delimiters in a line description, a charge description and the bill-to name are scrubbed', () => {
    const profile = partnerProfile({}, delimiterSet);
    const original = arInvoice();
    original.lines[0]!.description = laced(original.lines[0]!.description, d);
    original.charges![1]!.description = laced(original.charges![1]!.description!, d);
    original.billTo!.name = laced(original.billTo!.name!, d);
    const trip = roundTrip(original, '810', generate810, map810, profile);
    expectSoundEnvelope(trip, profile);
    const [read] = trip.mapped.documents as (typeof original)[];
    expect(restrict810(read!, profile.productIdQualifiers)).toEqual(
      restrict810(scrubbed(original, d), profile.productIdQualifiers),
    );
  });
});
