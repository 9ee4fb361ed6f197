import type { Message } from 'node-rdkafka';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../monitoring/logger';
import type { DeadLetter, RecordDeadLetterInput } from '../platform/dead-letters';
import { HubError } from '../platform/errors';
import type { PurchasingPolicy } from '../platform/purchasing/policy';
import { PURCHASING_POLICY_DEFAULTS } from '../platform/purchasing/policy';
import type { ReplenishmentSignal } from '../workflows/procure-to-receive/types';
import { handleReplenishmentSignals } from './replenishment-intake';

const supplier = {
  supplierId: 'sup_1',
  channel: { kind: 'portal' as const, connectorId: 'portal-1' },
  unitPrice: '2.50',
  currency: 'USD',
  uom: 'EA',
  minOrderQuantity: '10',
  packMultiple: '5',
  leadTimeDays: 7,
};

const policy = (overrides: Partial<PurchasingPolicy> = {}): PurchasingPolicy => ({
  ...PURCHASING_POLICY_DEFAULTS,
  legalEntityId: 'le_us',
  defaultLocationId: 'loc_dc',
  sourcing: [
    { sku: 'SKU-1', suppliers: [supplier] },
    { sku: 'SKU-2', locationId: 'loc_west', suppliers: [supplier] },
  ],
  ...overrides,
});

/** The producer's message (bookkeeping.ts raiseReplenishment), with what a test changes. */
const body = (overrides: Record<string, unknown> = {}) => ({
  signalId: 'so_1/2',
  legalEntityId: 'le_us',
  sku: 'SKU-1',
  quantity: '4',
  needBy: '2026-04-01',
  reason: 'backorder',
  salesOrderId: 'so_1',
  ...overrides,
});

const message = (value: unknown, offset = 11, extra: Partial<Message> = {}): Message => ({
  value: Buffer.isBuffer(value)
    ? value
    : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  topic: 'hub.replenishment-signals.v1',
  partition: 1,
  offset,
  key: 'SKU-1',
  timestamp: Date.parse('2026-03-20T10:00:00Z'),
  size: 0,
  ...extra,
});

function intake(
  options: {
    policy?: PurchasingPolicy;
    signalError?: Error;
    policyError?: Error;
    knownOrders?: string[];
    knownStock?: string[];
  } = {},
) {
  const signalled: { signal: ReplenishmentSignal; policy: PurchasingPolicy; correlationId: string }[] = [];
  const kept: RecordDeadLetterInput[] = [];
  const handle = handleReplenishmentSignals({
    purchases: {
      signalReplenishment: (signal, p, correlationId) => {
        if (options.signalError) return Promise.reject(options.signalError);
        signalled.push({ signal, policy: p, correlationId });
        return Promise.resolve(`replenish:${signal.legalEntityId}:${signal.sku}:${signal.locationId}`);
      },
    },
    policies: {
      get: (id) =>
        options.policyError
          ? Promise.reject(options.policyError)
          : Promise.resolve(
              options.policy && options.policy.legalEntityId === id ? options.policy : undefined,
            ),
    },
    deadLetters: {
      record: (input) => {
        kept.push(input);
        return Promise.resolve({ _id: `dlq_${kept.length}` } as DeadLetter);
      },
    },
    ...(options.knownOrders
      ? { knowsSalesOrder: (id: string) => Promise.resolve(options.knownOrders!.includes(id)) }
      : {}),
    ...(options.knownStock
      ? {
          knowsStock: (sku: string, loc: string) =>
            Promise.resolve(options.knownStock!.includes(`${sku}@${loc}`)),
        }
      : {}),
    logger: createLogger('test', 'silent'),
  });
  return { handle, signalled, kept };
}

describe('replenishment intake', () => {
  it('signals the replenishment of the item at the policy’s default warehouse, with the policy', async () => {
    const p = policy();
    const { handle, signalled, kept } = intake({ policy: p });
    await handle(message(body(), 11, { headers: [{ 'correlation-id': 'req-7' }] }));
    expect(signalled).toEqual([
      {
        signal: {
          signalId: 'so_1/2',
          legalEntityId: 'le_us',
          sku: 'SKU-1',
          locationId: 'loc_dc',
          quantity: '4',
          needBy: '2026-04-01',
          reason: 'backorder',
          salesOrderId: 'so_1',
          receivedAt: '2026-03-20T10:00:00.000Z',
        },
        policy: p,
        correlationId: 'req-7',
      },
    ]);
    expect(kept).toEqual([]);
  });

  it('skips the backorder signal of a sales order another hub on the broker runs, keeping nothing', async () => {
    const { handle, signalled, kept } = intake({ policy: policy(), knownOrders: ['so_mine'] });
    await handle(message(body({ salesOrderId: 'so_other', sku: 'SKU-UNSOURCED' })));
    expect(signalled).toEqual([]);
    expect(kept).toEqual([]);
    await handle(message(body({ salesOrderId: 'so_mine', signalId: 'so_mine/1' })));
    expect(signalled.map((s) => s.signal.signalId)).toEqual(['so_mine/1']);
  });

  it('skips a reorder-point signal for stock this hub has never held, and signals one for its own stock', async () => {
    const { handle, signalled, kept } = intake({ policy: policy(), knownStock: ['SKU-1@loc_dc'] });
    const reorder = (signalId: string, locationId: string) =>
      body({ signalId, reason: 'reorder-point', salesOrderId: undefined, needBy: undefined, locationId });
    await handle(message(reorder('reorder-point:le_us:op1', 'loc_elsewhere')));
    expect(signalled).toEqual([]);
    expect(kept).toEqual([]);
    await handle(message(reorder('reorder-point:le_us:op2', 'loc_dc')));
    expect(signalled.map((s) => [s.signal.signalId, s.signal.reason, s.signal.locationId])).toEqual([
      ['reorder-point:le_us:op2', 'reorder-point', 'loc_dc'],
    ]);
  });

  it('buys for the warehouse the message names, by that warehouse’s own sourcing rule', async () => {
    const { handle, signalled } = intake({ policy: policy({ defaultLocationId: undefined }) });
    await handle(message(body({ sku: 'SKU-2', locationId: 'loc_west', needBy: undefined })));
    expect(
      signalled.map((s) => [s.signal.sku, s.signal.locationId, s.signal.needBy, s.correlationId]),
    ).toEqual([['SKU-2', 'loc_west', undefined, 'hub.replenishment-signals.v1/1/11']]);
  });

  it('keeps a signal it cannot buy for as a dead letter with the original bytes, and moves on', async () => {
    const cases: [
      string,
      PurchasingPolicy | undefined,
      Record<string, unknown>,
      RegExp,
      string | undefined,
    ][] = [
      ['no policy', undefined, body(), /le_us has no purchasing policy/, undefined],
      [
        'no warehouse',
        policy({ defaultLocationId: undefined }),
        body(),
        /no defaultLocationId/,
        '/locationId',
      ],
      ['no sourcing rule', policy(), body({ sku: 'SKU-9' }), /no sourcing rule for SKU-9 at loc_dc/, '/sku'],
      // SKU-2 is sourced for loc_west only.
      ['no rule at that warehouse', policy(), body({ sku: 'SKU-2' }), /SKU-2 at loc_dc/, '/sku'],
    ];
    for (const [name, p, b, reason, path] of cases) {
      const { handle, signalled, kept } = intake({ ...(p ? { policy: p } : {}) });
      const sent = message(b);
      await expect(handle(sent), name).resolves.toBeUndefined();
      expect(signalled, name).toEqual([]);
      expect(kept, name).toHaveLength(1);
      const [letter] = kept;
      expect(letter, name).toMatchObject({
        flow: 'procure-to-receive',
        step: 'replenishment-intake',
        workflowId: 'replenishment-signal:so_1/2',
        businessKeys: { signalId: 'so_1/2', legalEntityId: 'le_us', salesOrderId: 'so_1' },
        failureId: 'hub.replenishment-signals.v1/1/11',
        error: { kind: 'config', message: expect.stringMatching(reason) as string },
      });
      expect(letter!.error.fieldErrors?.[0]?.path, name).toBe(path);
      const payload = letter!.payload as { valueBase64: string; valueText: string; key: string };
      expect(Buffer.from(payload.valueBase64, 'base64').equals(sent.value!), name).toBe(true);
      expect(payload.key, name).toBe('SKU-1');
    }
  });

  it('keeps a malformed message (not JSON, or fields missing or wrong) as a data dead letter naming the fields', async () => {
    const { handle, kept, signalled } = intake({ policy: policy() });
    const garbage = Buffer.from([0xff, 0x00, 0x7b]);
    await handle(message(garbage, 20));
    await handle(
      message(body({ signalId: undefined, quantity: '-3', reason: 'whim', needBy: '1 April' }), 21),
    );
    expect(signalled).toEqual([]);
    expect(kept.map((k) => [k.error.kind, k.workflowId, k.failureId])).toEqual([
      ['data', 'kafka:hub.replenishment-signals.v1/1/20', 'hub.replenishment-signals.v1/1/20'],
      ['data', 'kafka:hub.replenishment-signals.v1/1/21', 'hub.replenishment-signals.v1/1/21'],
    ]);
    expect(kept[0]!.error.message).toMatch(/not JSON/);
    expect((kept[0]!.payload as { valueBase64: string }).valueBase64).toBe(garbage.toString('base64'));
    expect(kept[1]!.error.fieldErrors?.map((f) => f.path)).toEqual([
      '/signalId',
      '/quantity',
      '/reason',
      '/needBy',
    ]);
    expect(kept[1]!.businessKeys).toEqual({ legalEntityId: 'le_us', sku: 'SKU-1', salesOrderId: 'so_1' });
  });

  it('keeps a signal the workflow refuses (data); a failure a retry can fix is thrown so the message is retried', async () => {
    const refused = intake({ policy: policy(), signalError: new HubError('data', 'bad signal') });
    await refused.handle(message(body()));
    expect(refused.kept.map((k) => [k.error.kind, k.error.message])).toEqual([
      ['data', 'the replenishment workflow refused the signal: bad signal'],
    ]);

    const temporalDown = new HubError('transient', 'temporal unreachable');
    const down = intake({ policy: policy(), signalError: temporalDown });
    await expect(down.handle(message(body()))).rejects.toBe(temporalDown);
    const storeDown = new HubError('transient', 'mongo unreachable');
    const noStore = intake({ policyError: storeDown });
    await expect(noStore.handle(message(body()))).rejects.toBe(storeDown);
    expect([...down.kept, ...noStore.kept]).toEqual([]);
  });
});
