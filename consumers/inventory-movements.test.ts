import type { Message } from 'node-rdkafka';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../canonical-model/fixtures/load-fixture';
import type { InventoryMovement } from '../canonical-model/generated/index';
import { createCanonicalValidator } from '../canonical-model/validate';
import { createLogger } from '../monitoring/logger';
import type { RecordDeadLetterInput } from '../platform/dead-letters';
import { HubError } from '../platform/errors';
import type { MovementInput, MovementResult, StockLedger } from '../platform/orders/stock-types';
import { republishParked } from '../inventory/replay-parked';
import { handleInventoryMovements } from './inventory-movements';
import type { InventoryMovementDeps } from './inventory-movements';

const validator = createCanonicalValidator();
type Sent = { topic: string; key: string; value: Buffer; headers: Record<string, string> | undefined };

function intake(
  options: { applyFails?: Error; known?: string[]; bookedElsewhere?: InventoryMovement['type'][] } = {},
) {
  const applied: MovementInput[] = [];
  const sent: Sent[] = [];
  const parked: RecordDeadLetterInput[] = [];
  const snapshots: Parameters<StockLedger['setStock']>[0][] = [];
  const deps: InventoryMovementDeps = {
    ledger: {
      setStock: (input) => {
        snapshots.push(input);
        return Promise.resolve({
          ...input,
          reserved: '0',
          inTransit: '0',
          seq: 1,
          stockAsOf: input.asOf,
          updatedAt: '',
        });
      },
      applyMovement: (input) => {
        if (options.applyFails) return Promise.reject(options.applyFails);
        applied.push(input);
        return Promise.resolve({
          ...input,
          held: '0',
          onHand: '0',
          reserved: '0',
          seq: 1,
        } as unknown as MovementResult);
      },
    },
    validator,
    deadLetters: {
      record: (input) => {
        parked.push(input);
        return Promise.resolve({ _id: `dlq_${parked.length}` } as Awaited<
          ReturnType<InventoryMovementDeps['deadLetters']['record']>
        >);
      },
    },
    producer: {
      send: (topic, key, value, headers) => {
        sent.push({ topic, key, value, headers });
        return Promise.resolve();
      },
    },
    ...(options.known
      ? { knowsConnector: (id: string) => Promise.resolve(options.known!.includes(id)) }
      : {}),
    ...(options.bookedElsewhere ? { bookedElsewhere: new Set(options.bookedElsewhere) } : {}),
    logger: createLogger('test', 'silent'),
  };
  return { handle: handleInventoryMovements(deps), applied, sent, parked, snapshots };
}

let offset = 100;
function message(value: Buffer | string | object, key: string | null = 'WID-1001@loc_dc_chicago'): Message {
  offset += 1;
  const bytes = Buffer.isBuffer(value)
    ? value
    : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return {
    topic: 'hub.inventory-movements.v1',
    partition: 4,
    offset,
    key,
    value: bytes,
    size: bytes.length,
    timestamp: 1_750_000_000_000,
    headers: [{ 'correlation-id': Buffer.from('corr-7') }, { 'event-id': Buffer.from('x') }],
  };
}

const movement = (edit: Partial<InventoryMovement> = {}): InventoryMovement => ({
  ...loadFixture('inventory-movement'),
  ...edit,
});

describe('inventory movement intake', () => {
  it('applies a movement to its SKU and location with the movement id as opId and the signed deltas', async () => {
    const { handle, applied, parked } = intake();
    await handle(message(movement()));
    await handle(
      message(
        movement({ id: 'mv_hold', type: 'hold', direction: 'in', quantity: { value: '2', uom: 'EA' } }),
      ),
    );
    expect(applied).toEqual([
      {
        sku: 'WID-1001',
        locationId: 'loc_dc_chicago',
        opId: 'movement/mv_01HVC4D5E6',
        onHandDelta: '-24',
        heldDelta: '0',
        legalEntityId: 'le_acme_us',
        at: '2025-04-28T11:02:19-05:00',
      },
      expect.objectContaining({ opId: 'movement/mv_hold', onHandDelta: '0', heldDelta: '2' }),
    ]);
    expect(parked).toEqual([]);
  });

  it('parks poison — not JSON, not a valid movement, an unknown type — in the store and the DLQ topic, bytes intact', async () => {
    const { handle, applied, parked, sent } = intake();
    const poison = [
      message(Buffer.from([0xff, 0xfe, 0x00, 0x7b]), 'poison-1'),
      message({ ...movement(), quantity: { value: 24, uom: 'EA' } }, 'poison-2'),
      message({ ...movement(), type: 'teleport' }, null),
    ];
    for (const m of poison) await handle(m);
    expect(applied).toEqual([]);
    expect(parked.map((p) => [p.flow, p.step, p.error.kind, p.failureId])).toEqual(
      poison.map((m) => [
        'inventory-sync',
        'movement-intake',
        'data',
        `hub.inventory-movements.v1/4/${m.offset}`,
      ]),
    );
    expect(parked[0]?.error.fieldErrors).toEqual([{ path: '', message: 'is not JSON' }]);
    expect(parked[1]?.error.fieldErrors?.map((e) => e.path)).toContain('/quantity/value');
    expect(parked[2]?.error.fieldErrors?.map((e) => e.path)).toContain('/type');
    // Found again by the movement's id, SKU and location when they read.
    expect(parked[1]?.businessKeys).toEqual({
      movementId: 'mv_01HVC4D5E6',
      sku: 'WID-1001',
      locationId: 'loc_dc_chicago',
    });
    expect(parked[1]?.workflowId).toBe(`kafka:hub.inventory-movements.v1/4/${poison[1]!.offset}`);
    expect(parked[0]?.workflowId).toBe(`kafka:hub.inventory-movements.v1/4/${poison[0]!.offset}`);
    for (const [i, m] of poison.entries()) {
      const payload = parked[i]?.payload as {
        valueBase64: string;
        headers: { name: string; value: string }[];
      };
      expect(Buffer.from(payload.valueBase64, 'base64').equals(m.value!)).toBe(true);
      expect(payload.headers).toContainEqual({ name: 'correlation-id', value: 'corr-7' });
      expect(parked[i]?.correlationId).toBe('corr-7');
    }
    expect(sent.map((s) => [s.topic, s.key])).toEqual([
      ['hub.inventory-movements.dlq.v1', 'poison-1'],
      ['hub.inventory-movements.dlq.v1', 'poison-2'],
      // No key: the delivery stands in.
      ['hub.inventory-movements.dlq.v1', `hub.inventory-movements.v1/4/${poison[2]!.offset}`],
    ]);
    for (const [i, s] of sent.entries()) {
      expect(s.value.equals(poison[i]!.value!)).toBe(true);
      expect(s.headers).toMatchObject({
        'correlation-id': 'corr-7',
        'event-id': 'x',
        'dlq-error-kind': 'data',
        'dlq-flow': 'inventory-sync',
        'dlq-step': 'movement-intake',
        'dlq-source': `hub.inventory-movements.v1/4/${poison[i]!.offset}`,
        'dlq-dead-letter-id': `dlq_${i + 1}`,
      });
      expect(s.headers?.['dlq-reason']).toEqual(parked[i]?.error.message);
      expect(JSON.parse(s.headers?.['dlq-field-errors'] ?? '[]')).toEqual(parked[i]?.error.fieldErrors ?? []);
    }
  });

  it('parks a movement the ledger refuses (its id already moved other quantities)', async () => {
    const refused = new HubError(
      'data',
      'opId movement/mv_01HVC4D5E6 was already applied with other quantities',
      {
        fieldErrors: [{ path: '/opId', message: 'already applied with other deltas' }],
      },
    );
    const { handle, parked, sent } = intake({ applyFails: refused });
    await handle(message(movement()));
    expect(parked).toHaveLength(1);
    expect(parked[0]?.error).toMatchObject({ kind: 'data', fieldErrors: [{ path: '/opId' }] });
    expect(sent).toHaveLength(1);
  });

  it('a parked movement replayed from its dead letter goes back on its topic byte for byte and applies once', async () => {
    // Parked because this hub did not know its connector's movement type yet (any refusal will do).
    const refused = new HubError('data', 'refused for the test', {
      fieldErrors: [{ path: '/opId', message: 'x' }],
    });
    const first = intake({ applyFails: refused });
    const original = message(movement());
    await first.handle(original);
    const record = first.parked[0]!;
    const republished: Sent[] = [];
    const done = await republishParked(
      {
        send: (topic, key, value, headers) => {
          republished.push({ topic, key, value, headers });
          return Promise.resolve();
        },
      },
      { _id: 'dl_77', workflowId: record.workflowId, payload: record.payload },
    );
    expect(done).toBe(true);
    expect(republished).toHaveLength(1);
    const again = republished[0]!;
    expect([again.topic, again.key, again.value.equals(original.value!)]).toEqual([
      'hub.inventory-movements.v1',
      'WID-1001@loc_dc_chicago',
      true,
    ]);
    expect(again.headers).toEqual({ 'correlation-id': 'corr-7', 'event-id': 'x', 'replay-of': 'dl_77' });

    const fixed = intake();
    const replayed = message(again.value);
    replayed.headers = Object.entries(again.headers ?? {}).map(([name, value]) => ({
      [name]: Buffer.from(value),
    }));
    await fixed.handle(replayed);
    expect(fixed.applied.map((a) => a.opId)).toEqual(['movement/mv_01HVC4D5E6']);
    expect(fixed.parked).toEqual([]);
    // A workflow's dead letter is not a parked message: it is replayed by signalling its workflow instead.
    expect(
      await republishParked(
        { send: () => Promise.reject(new Error('no')) },
        { _id: 'dl_1', workflowId: 'order-1', payload: {} },
      ),
    ).toBe(false);
  });

  it('throws what a retry can fix (the database is down) and parks nothing', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27117'), {
      name: 'MongoServerSelectionError',
    });
    const { handle, parked, sent } = intake({ applyFails: down });
    await expect(handle(message(movement()))).rejects.toBe(down);
    expect([parked, sent]).toEqual([[], []]);
  });

  it('skips movements of connectors this hub does not have and types its flows book themselves', async () => {
    const { handle, applied, parked } = intake({ known: ['shiphero-chi'], bookedElsewhere: ['pick'] });
    await handle(
      message(movement({ source: { connectorId: 'other-hub', system: 'shiphero', externalId: 'e' } })),
    );
    await handle(message(movement({ id: 'mv_pick', type: 'pick', direction: 'out' })));
    await handle(message(movement({ id: 'mv_adj' })));
    expect(applied.map((a) => a.opId)).toEqual(['movement/mv_adj']);
    expect(parked).toEqual([]);
  });

  it('takes a stock snapshot (an 846 advice) as a count of its key, and parks one that does not validate', async () => {
    const { handle, applied, snapshots, parked } = intake();
    const position = loadFixture('inventory-position');
    const withHeader = message(position);
    withHeader.headers = [{ schema: Buffer.from('inventory-position/1') }];
    await handle(withHeader);
    // Without the header the body tells: an older producer, or a replay from the dead-letter store.
    await handle(
      message({ ...position, asOf: '2025-04-29T16:00:00Z', onHand: { value: '2300', uom: 'EA' } }),
    );
    expect(applied).toEqual([]);
    expect(snapshots).toEqual([
      {
        sku: 'WID-1001',
        locationId: 'loc_dc_chicago',
        opId: 'position/ip_itm_01HV3K9Q7A2B_loc_dc_chicago@2025-04-28T16:00:00Z',
        onHand: '2376',
        held: '24',
        asOf: '2025-04-28T16:00:00Z',
      },
      expect.objectContaining({ onHand: '2300', asOf: '2025-04-29T16:00:00Z' }),
    ]);
    await handle(message({ ...position, onHand: { value: 'lots', uom: 'EA' } }));
    expect(snapshots).toHaveLength(2);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.error.fieldErrors?.map((e) => e.path)).toContain('/onHand/value');
  });
});
