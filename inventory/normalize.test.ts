import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { createCanonicalValidator } from '../canonical-model/validate';
import type { WmsConfig } from '../connectors/wms/config-schema';
import { createShipHeroWms } from '../connectors/wms/index';
import { createLogger } from '../monitoring/logger';
import { isInventoryMovementEvent, normalizeInventoryEvent } from './normalize';
import type { InboundEvent } from './normalize';

const config: WmsConfig = {
  baseUrl: 'http://127.0.0.1:9',
  refreshToken: 'refresh-token-123',
  webhookSecret: 'webhook-secret-123',
  legalEntityId: 'le_acme_us',
  warehouses: [
    { warehouseId: 'V2FyZWhvdXNlOjExNzkw', locationId: 'loc_dc_chicago', timeZone: 'America/Chicago' },
  ],
  timeZone: 'America/New_York',
  timeoutMs: 5_000,
  pageSize: 50,
};
const wms = createShipHeroWms(config, {
  logger: createLogger('test', 'silent'),
  connectorId: 'shiphero-chi',
});
const validator = createCanonicalValidator();

/** A ShipHero fixture as the webhook ingress publishes it on hub.inbound-events.v1. */
function inbound(
  name: string,
  inboundEventId: string,
  edit?: (body: Record<string, unknown>) => void,
): InboundEvent {
  const body = JSON.parse(
    readFileSync(new URL(`../connectors/wms/fixtures/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  edit?.(body);
  const [event] = wms.mapWebhook({
    deliveryId: String(body.webhook_id),
    topic: String(body.webhook_type),
    payload: body,
  });
  if (!event) throw new Error(`${name} mapped to nothing`);
  // Through JSON, as a consumer reads it.
  return JSON.parse(
    JSON.stringify({
      inboundEventId,
      event: event.event,
      connectorId: 'shiphero-chi',
      document: event.document,
    }),
  ) as InboundEvent;
}

function normalized(event: InboundEvent) {
  const result = normalizeInventoryEvent(event, validator);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('normalize inventory events', () => {
  it('turns a WMS Inventory Change into a valid movement keyed by <sku>@<locationId>', () => {
    const { movement, sku, key } = normalized(inbound('inventory-change', 'evt_1'));
    expect(validator.validate('inventory-movement', movement)).toMatchObject({ valid: true });
    expect(sku).toBe('WID-1001');
    expect(key).toBe('WID-1001@loc_dc_chicago');
    expect(movement).toMatchObject({
      documentType: 'inventory-movement',
      type: 'adjustment',
      direction: 'out',
      quantity: { value: '24', uom: 'EA' },
      locationId: 'loc_dc_chicago',
      source: { connectorId: 'shiphero-chi', externalId: 'SW52ZW50b3J5Q2hhbmdlOjc3MTIz' },
    });
  });

  it('gives the same id and the same bytes when the same change arrives twice (resent or replayed)', () => {
    const first = normalized(inbound('inventory-change', 'evt_1'));
    // ShipHero resends with a new webhook id; support replays the kept delivery under another inbound event.
    const resent = normalized(
      inbound('inventory-change', 'evt_2', (b) => (b.webhook_id = 'another-delivery')),
    );
    expect(resent.movement.id).toBe(first.movement.id);
    expect(JSON.stringify(resent.movement)).toBe(JSON.stringify(first.movement));
    const other = normalized(
      inbound('inventory-change', 'evt_3', (b) => (b.inventory_change_id = 'other-change')),
    );
    expect(other.movement.id).not.toBe(first.movement.id);
  });

  it('takes a WMS Cycle Count as a count movement of the difference', () => {
    const { movement, key } = normalized(inbound('cycle-count', 'evt_c'));
    expect(movement).toMatchObject({
      type: 'count',
      direction: 'out',
      quantity: { value: '6' },
      countedQuantity: { value: '2370' },
    });
    expect(key).toBe('WID-1001@loc_dc_chicago');
  });

  it('takes any event whose document is an InventoryMovement or a stock snapshot, and no other', () => {
    const fromErp: InboundEvent = {
      event: 'inventory-movement.received',
      document: loadFixture('inventory-movement'),
    };
    expect(isInventoryMovementEvent(fromErp)).toBe(true);
    expect(normalized(fromErp).key).toBe('WID-1001@loc_dc_chicago');
    expect(isInventoryMovementEvent({ event: 'shipment.confirmed', document: loadFixture('shipment') })).toBe(
      false,
    );
    // An 846 advice travels the movement stream too: the ledger takes it as a count (inventory/snapshot.ts).
    expect(
      isInventoryMovementEvent({
        event: 'inventory-position.received',
        document: loadFixture('inventory-position'),
      }),
    ).toBe(true);
    expect(isInventoryMovementEvent({ event: 'order.received', document: loadFixture('sales-order') })).toBe(
      false,
    );
    expect(
      normalizeInventoryEvent({ event: 'shipment.confirmed', document: loadFixture('shipment') }, validator),
    ).toEqual({
      ok: false,
      errors: [{ path: '/document/documentType', message: 'must be "inventory-movement"' }],
    });
  });

  it('returns the field errors, as JSON pointers into the event, of a movement that does not validate', () => {
    const doc: Record<string, unknown> = {
      ...loadFixture('inventory-movement'),
      quantity: { value: -3, uom: 'EA' },
    };
    delete doc.occurredAt;
    const result = normalizeInventoryEvent({ event: 'inventory.changed', document: doc }, validator);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toContain('/document/quantity/value');
    expect(paths.some((p) => p === '/document' || p === '/document/occurredAt')).toBe(true);
  });

  it('refuses a movement whose item names no SKU, since the ledger keys by SKU', () => {
    const doc = loadFixture('inventory-movement');
    doc.item = { identifiers: [{ qualifier: 'MPN', value: 'X-1' }] };
    expect(normalizeInventoryEvent({ event: 'inventory.changed', document: doc }, validator)).toEqual({
      ok: false,
      errors: [
        {
          path: '/document/item/identifiers',
          message: 'names no SKU (or VENDOR_PART) identifier (the item is MPN X-1)',
        },
      ],
    });
    doc.item = { identifiers: [{ qualifier: 'VENDOR_PART', value: 'VP-9' }] };
    expect(normalized({ event: 'inventory.changed', document: doc }).sku).toBe('VP-9');
  });

  it('does not share objects with the event it was given', () => {
    const event: InboundEvent = { event: 'inventory.changed', document: loadFixture('inventory-movement') };
    const { movement } = normalized(event);
    (event.document as { quantity: { value: string } }).quantity.value = '999';
    expect(movement.quantity.value).toBe('24');
  });
});
