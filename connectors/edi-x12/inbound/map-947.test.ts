import { describe, expect, it } from 'vitest';
import type { InventoryMovement } from '../../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { map947 } from './map-947';
import { dataErrorsOf, partnerContext } from './test-support/inbound-context';
import { envelope, readFixture, setsFromText } from './test-support/sets-from-text';

const tpl = partnerContext({
  partner: {
    ...partnerContext().partner,
    id: 'tp-3pl',
    role: '3pl',
    partyId: 'loc-3pl',
    timeZone: 'America/Denver',
  },
});
const validator = createCanonicalValidator();

const advice = (w15 = 'W15*20240304*ADJ-77~', n1 = 'N1*SF*3PL WEST*92*SF1~N1*WH*3PL WEST DC*92*W1~') => {
  const body =
    `${w15}${n1}W19*AV*-4*EA**UP*036000291452~W19*56*6*CA**VN*W-2*BP*B-2*LOT-1~` +
    'W19*05*-2*EA**VN*W-2~W19*55*2*EA**VN*W-2~W19*AA*-1*EA**VN*W-3~';
  const count = body.split('~').length + 1;
  return envelope('AW', `ST*947*0001~${body}SE*${count}*0001`);
};

const movementsOf = async (text: string) => {
  const mapped = map947((await setsFromText(text))[0]!, tpl);
  return { mapped, movements: mapped.documents as InventoryMovement[] };
};

describe('947 → InventoryMovement', () => {
  it('maps each W19 to a movement: signed quantity as direction, reason as type, WH location, item ids', async () => {
    const { mapped, movements } = await movementsOf(advice());
    expect(mapped.businessKeys).toEqual({ adjustmentNumber: 'ADJ-77' });
    expect(
      movements.map((m) => [m.type, m.direction, m.quantity.value, m.quantity.uom, m.reasonCode]),
    ).toEqual([
      ['adjustment', 'out', '4', 'EA', 'AV'],
      ['adjustment', 'in', '6', 'CS', '56'],
      ['hold', 'in', '2', 'EA', '05'],
      ['release', 'out', '2', 'EA', '55'],
      ['count', 'out', '1', 'EA', 'AA'],
    ]);
    expect(movements.map((m) => m.id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `edi-main:inventory-movement:tp-3pl:ADJ-77:${n}`),
    );
    // The 3PL's warehouse is the hub location its profile names; the N1*WH code is kept for people.
    expect(new Set(movements.map((m) => m.locationId))).toEqual(new Set(['loc-3pl']));
    expect(movements[0]!.attributes).toMatchObject({ x12WarehouseCode: 'W1', x12Quantity: '-4' });
    expect(movements[0]).toMatchObject({
      itemId: 'edi-main:item:gtin:00036000291452',
      item: { identifiers: [{ qualifier: 'UPC', value: '036000291452' }] },
      occurredAt: '2024-03-04T00:00:00-07:00',
      reason: 'Damaged in transit',
      source: { connectorId: 'edi-main', system: 'x12', externalId: 'ADJ-77:1', version: '000000042-7-0001' },
    });
    expect(movements[1]).toMatchObject({
      itemId: 'edi-main:item:tp-3pl:VENDOR_PART:W-2',
      item: {
        identifiers: [
          { qualifier: 'VENDOR_PART', value: 'W-2' },
          { qualifier: 'BUYER_PART', value: 'B-2' },
        ],
      },
      lot: { lotNumber: 'LOT-1' },
    });
  });

  it('gives documents the canonical validator accepts as inventory-movement', async () => {
    const { movements } = await movementsOf(advice());
    const results = movements.map((m) => validator.validate('inventory-movement', m));
    expect(results.flatMap((r) => (r.valid ? [] : r.errors))).toEqual([]);
  });

  it('for a partner that is not a 3PL: N1*WH, else the ship-from, else the partner as a whole', async () => {
    const other = partnerContext({ partner: { ...tpl.partner, role: 'supplier' } });
    const locationOf = async (n1: string) =>
      (map947((await setsFromText(advice(undefined, n1)))[0]!, other).documents[0] as InventoryMovement)
        .locationId;
    expect(await locationOf('N1*SF*3PL WEST*92*SF1~N1*WH*3PL WEST DC*92*W1~')).toBe(
      'edi-main:location:tp-3pl:92:W1',
    );
    expect(await locationOf('N1*SF*3PL WEST*92*SF1~')).toBe('edi-main:location:tp-3pl:92:SF1');
    expect(await locationOf('')).toBe('edi-main:location:tp-3pl');
  });

  it('lets a reason that fixes the direction win over an unsigned quantity (04 removes, 56 adds)', async () => {
    const text = advice().replace('W19*AV*-4*EA', 'W19*04*4*EA');
    const { movements } = await movementsOf(text);
    expect(movements.slice(0, 2).map((m) => [m.reasonCode, m.direction, m.quantity.value])).toEqual([
      ['04', 'out', '4'],
      ['56', 'in', '6'],
    ]);
  });

  it('refuses a negative quantity with a reason that only adds stock, at its W1902', async () => {
    const text = advice().replace('W19*56*6*CA', 'W19*56*-6*CA');
    const set = (await setsFromText(text))[0]!;
    const errors = dataErrorsOf(() => map947(set, tpl));
    expect(errors.map((e) => e.path)).toEqual(['/6/W1902']);
    expect(errors[0]!.message).toContain('reason 56 (Book adjustment increase) only adds stock');
  });

  it('refuses a set without W15, naming the segment', async () => {
    const set = (await setsFromText(advice('')))[0]!;
    const errors = dataErrorsOf(() => map947(set, tpl));
    expect(errors.map((e) => e.path)).toEqual(['/2/W15']);
    expect(errors[0]!.message).toContain('no W15 segment');
  });

  it('refuses a zero quantity at its W1902', async () => {
    const text = advice().replace('W19*56*6*CA', 'W19*56*0*CA');
    const set = (await setsFromText(text))[0]!;
    const errors = dataErrorsOf(() => map947(set, tpl));
    expect(errors.map((e) => e.path)).toEqual(['/6/W1902']);
    expect(errors[0]!.message).toContain('must not be zero');
  });

  it('refuses a line whose only product id is one the hub cannot use, at its qualifier', async () => {
    const text = advice().replace('W19*AA*-1*EA**VN*W-3', 'W19*AA*-1*EA**ZZ*W-3');
    const set = (await setsFromText(text))[0]!;
    const errors = dataErrorsOf(() => map947(set, tpl));
    expect(errors.map((e) => e.path)).toEqual(['/9/W1905']);
    expect(errors[0]!.message).toContain('no product id the hub can use');
  });

  it('maps the inventory adjustment fixture as it is', async () => {
    const { mapped, movements } = await movementsOf(readFixture('v18_947_inventory_adjustment.edi'));
    expect(mapped.businessKeys).toEqual({ adjustmentNumber: 'ADJ1801' });
    expect(movements.map((m) => [m.type, m.direction, m.quantity.value, m.locationId])).toEqual([
      ['adjustment', 'out', '5', 'loc-3pl'],
      ['hold', 'in', '3', 'loc-3pl'],
      ['release', 'out', '3', 'loc-3pl'],
      ['count', 'in', '2', 'loc-3pl'],
    ]);
    expect(movements[3]!.lot).toEqual({ lotNumber: 'LOT-9' });
    expect(movements.every((m) => validator.validate('inventory-movement', m).valid)).toBe(true);
  });
});
