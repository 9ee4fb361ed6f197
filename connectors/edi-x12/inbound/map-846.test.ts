import { describe, expect, it } from 'vitest';
import type { InventoryPosition } from '../../../canonical-model/generated/index';
import { map846 } from './map-846';
import { dataErrorsOf, expectValidDocuments, partnerContext } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const tpl = partnerContext({
  partner: {
    ...partnerContext().partner,
    id: 'tp-3pl',
    role: '3pl',
    partyId: 'loc-3pl',
    timeZone: 'America/New_York',
  },
});

const positionsOf = async (body: string) => {
  const mapped = map846((await setsFromText(envelope('IB', `ST*846*0001~${body}~SE*99*0001`)))[0]!, tpl);
  expectValidDocuments(mapped);
  return mapped.documents as InventoryPosition[];
};

describe('846 → InventoryPosition', () => {
  it('gives one position per item at the header warehouse, figures from the QTY qualifiers', async () => {
    const positions = await positionsOf(
      'BIA*00*DD*INV1*20240305*0815~N1*WH*ACME DC*92*DC7~' +
        'LIN*1*UP*036000291452*VN*W-1~PID*F****WIDGET~QTY*17*120*EA~QTY*XU*20*EA~QTY*QH*5*EA~QTY*IQ*7*EA~' +
        'LIN*2*VN*W-2~QTY*33*40*CA~QTY*29*55*CA~CTT*2',
    );
    expect(positions).toHaveLength(2);
    const [first, second] = positions as [InventoryPosition, InventoryPosition];
    expect(first).toMatchObject({
      itemId: 'edi-main:item:gtin:00036000291452',
      locationId: 'edi-main:location:tp-3pl:92:DC7',
      asOf: '2024-03-05T08:15:00-05:00',
      onHand: { value: '120', uom: 'EA' },
      reserved: { value: '20', uom: 'EA' },
      onHold: { value: '5', uom: 'EA' },
      inTransit: { value: '7', uom: 'EA' },
      // Not sent, so derived: 120 − 20 − 5.
      available: { value: '95', uom: 'EA' },
    });
    expect(first.item.description).toBe('WIDGET');
    // Only availability sent: on hand is at least that; projected availability (29) is kept as an attribute.
    expect(second).toMatchObject({
      onHand: { value: '40', uom: 'CS' },
      available: { value: '40', uom: 'CS' },
      attributes: { 'qty:29': '55' },
    });
  });

  it('splits a line by SDQ location and by line-level N1', async () => {
    const positions = await positionsOf(
      'BIA*00*DD*INV2*20240305~LIN*1*VN*W-3~SDQ*EA*92*S1*10*S2*0~LIN*2*VN*W-4~N1*WH**92*E1~QTY*17*3*EA',
    );
    expect(positions.map((p) => [p.item.identifiers[0]!.value, p.locationId, p.available.value])).toEqual([
      ['W-3', 'edi-main:location:tp-3pl:92:S1', '10'],
      ['W-3', 'edi-main:location:tp-3pl:92:S2', '0'],
      ['W-4', 'edi-main:location:tp-3pl:92:E1', '3'],
    ]);
    // No time in BIA05: the figures are as of the start of the day where the 3PL is.
    expect(positions[0]!.asOf).toBe('2024-03-05T00:00:00-05:00');
    // Positions of one item at one location keep their id from snapshot to snapshot.
    expect(new Set(positions.map((p) => p.id)).size).toBe(3);
  });

  it('names a line with no stock figure, mixed units and a bad report date', async () => {
    const text = envelope(
      'IB',
      'ST*846*0001~BIA*00*DD*INV3*20240230~LIN*1*VN*A~QTY*29*4*EA~LIN*2*VN*B~QTY*17*4*EA~QTY*XU*1*CA~SE*8*0001',
    );
    const set = (await setsFromText(text))[0]!;
    expect(dataErrorsOf(() => map846(set, tpl)).map((e) => e.path)).toEqual([
      '/2/BIA04',
      '/7/QTY03',
      '/3/LIN01',
    ]);
  });

  it('maps the inventory fixture: two items at the east DC, with a future receipt from SCH', async () => {
    const mapped = map846((await setsFromText(readFixture('v13_846_inventory.edi')))[0]!, partnerContext());
    expectValidDocuments(mapped);
    const [blue, red] = mapped.documents as [InventoryPosition, InventoryPosition];
    expect(mapped.documents).toHaveLength(2);
    expect(blue).toMatchObject({
      locationId: 'edi-main:location:tp-acme:92:WH01',
      // BIA 0600 in Chicago: daylight time had started on 10 March.
      asOf: '2024-03-15T06:00:00-05:00',
      onHand: { value: '150', uom: 'EA' },
      available: { value: '120', uom: 'EA' },
    });
    expect(blue.item.identifiers[0]).toEqual({ qualifier: 'UPC', value: '012345678905' });
    expect(red).toMatchObject({
      onHand: { value: '0', uom: 'EA' },
      available: { value: '0', uom: 'EA' },
      inbound: [{ quantity: { value: '40', uom: 'EA' }, dueDate: '2024-04-01' }],
    });
  });
});
