import type { Message } from 'node-rdkafka';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import { createCanonicalValidator } from '../canonical-model/validate';
import { createLogger } from '../monitoring/logger';
import type { RecordDeadLetterInput } from '../platform/dead-letters';
import { TOPICS } from '../platform/kafka-topics';
import { publishInventoryEvent } from './inbound-bridge';
import type { InventoryBridgeDeps } from './inbound-bridge';

const validator = createCanonicalValidator();

type Sent = { topic: string; key: string; value: string; headers: Record<string, string> | undefined };

function bridge(known: string[] = ['shiphero-chi'], failSend = false) {
  const sent: Sent[] = [];
  const parked: RecordDeadLetterInput[] = [];
  const deps: InventoryBridgeDeps = {
    producer: {
      send: (topic, key, value, headers) => {
        if (failSend) return Promise.reject(new Error('Kafka delivery: broker down'));
        sent.push({ topic, key, value: value.toString('utf8'), headers });
        return Promise.resolve();
      },
    },
    validator,
    deadLetters: {
      record: (input) => {
        parked.push(input);
        return Promise.resolve({ _id: `dlq_${parked.length}` } as Awaited<
          ReturnType<InventoryBridgeDeps['deadLetters']['record']>
        >);
      },
    },
    knowsConnector: (id) => Promise.resolve(known.includes(id)),
    logger: createLogger('test', 'silent'),
  };
  return { deps, sent, parked };
}

let offset = 0;
function message(body: unknown, correlationId?: string): Message {
  offset += 1;
  const value = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    topic: TOPICS.inboundEvents.name,
    partition: 2,
    offset,
    key: 'doc',
    value,
    size: value.length,
    timestamp: 1_750_000_000_000,
    ...(correlationId ? { headers: [{ 'correlation-id': Buffer.from(correlationId) }] } : {}),
  };
}

const changed = (document: unknown = loadFixture('inventory-movement')) => ({
  inboundEventId: 'evt_1',
  event: 'inventory.changed',
  connectorId: 'shiphero-chi',
  deliveryId: 'd-1',
  document,
});

describe('inbound inventory bridge', () => {
  it('publishes the movement to the movement stream with its key, id and the correlation id', async () => {
    const { deps, sent } = bridge();
    expect(await publishInventoryEvent(deps, message(changed(), 'corr-42'))).toBe('published');
    expect(sent).toEqual([
      {
        topic: 'hub.inventory-movements.v1',
        key: 'WID-1001@loc_dc_chicago',
        value: JSON.stringify(loadFixture('inventory-movement')),
        headers: { 'event-id': 'mv_01HVC4D5E6', schema: 'inventory-movement/1', 'correlation-id': 'corr-42' },
      },
    ]);
  });

  it('publishes an 846 inventory advice as a stock snapshot under the key of its item and location', async () => {
    const { deps, sent } = bridge();
    const position = loadFixture('inventory-position');
    const advice = { event: 'inventory-position.received', connectorId: 'shiphero-chi', document: position };
    expect(await publishInventoryEvent(deps, message(advice, 'corr-846'))).toBe('published');
    expect(sent).toEqual([
      {
        topic: 'hub.inventory-movements.v1',
        key: 'WID-1001@loc_dc_chicago',
        value: JSON.stringify(position),
        headers: {
          'event-id': 'position/ip_itm_01HV3K9Q7A2B_loc_dc_chicago@2025-04-28T16:00:00Z',
          schema: 'inventory-position/1',
          'correlation-id': 'corr-846',
        },
      },
    ]);
  });

  it('leaves other events alone and skips the events of connectors this hub does not have', async () => {
    const { deps, sent, parked } = bridge();
    const order = {
      event: 'sales-order.created',
      connectorId: 'shiphero-chi',
      document: loadFixture('sales-order'),
    };
    expect(await publishInventoryEvent(deps, message(order))).toBe('not-inventory');
    expect(await publishInventoryEvent(deps, message('not json'))).toBe('not-inventory');
    expect(await publishInventoryEvent(deps, message({ ...changed(), connectorId: 'elsewhere' }))).toBe(
      'skipped',
    );
    expect([sent, parked]).toEqual([[], []]);
  });

  it('parks an event that does not normalise, with its bytes and the field errors, and publishes nothing', async () => {
    const { deps, sent, parked } = bridge();
    const bad = message(
      changed({ ...loadFixture('inventory-movement'), quantity: { value: 'lots', uom: 'EA' } }),
      'c-9',
    );
    expect(await publishInventoryEvent(deps, bad)).toBe('parked');
    expect(sent).toEqual([]);
    expect(parked).toHaveLength(1);
    const [record] = parked;
    expect(record).toMatchObject({
      flow: 'inventory-sync',
      step: 'movement-normalize',
      correlationId: 'c-9',
      businessKeys: { movementId: 'mv_01HVC4D5E6' },
      failureId: `hub.inbound-events.v1/2/${bad.offset}`,
      error: { kind: 'data' },
    });
    expect(record?.error.fieldErrors?.map((e) => e.path)).toContain('/document/quantity/value');
    const payload = record?.payload as { valueBase64: string; valueText: string };
    expect(Buffer.from(payload.valueBase64, 'base64').equals(bad.value!)).toBe(true);
    expect(payload.valueText).toBe(bad.value!.toString('utf8'));
  });

  it('throws when the broker does not take the movement, so the event is retried', async () => {
    const { deps, parked } = bridge(['shiphero-chi'], true);
    await expect(publishInventoryEvent(deps, message(changed()))).rejects.toThrow(/broker down/);
    expect(parked).toEqual([]);
  });
});
