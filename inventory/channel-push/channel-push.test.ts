import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulatorControl } from '../../simulators/kit/control';
import { createShopifySimulator, SEEDED_LOCATIONS } from '../../simulators/shopify';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import { currentFigures } from '../current-figures';
import { keyId, wholeUnits } from '.';
import type { AvailabilityChange, ChannelKeyDocument, RunningPusher } from '.';
import { LOC, metricValue, openPushWorld, receivedQuantities, shopLevel } from './test-world';
import type { PushWorld } from './test-world';

const sim = createShopifySimulator();
const CHICAGO = SEEDED_LOCATIONS[0]!.id;
const RENO = SEEDED_LOCATIONS[1]!.id;
const until = { timeout: 30_000, interval: 25 };
let world: PushWorld;
const running: RunningPusher[] = [];

beforeAll(async () => {
  await sim.start(0);
});
afterAll(() => sim.stop());
beforeEach(async () => {
  // Fresh stock levels, no faults, no requests logged.
  await simulatorControl(sim.url).reset();
  world = await openPushWorld(sim);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
  await world.close();
});

function change(sku: string, locationId: string, seq: number, available = String(seq)): AvailabilityChange {
  return { sku, locationId, seq, available, eventAt: new Date().toISOString() };
}

/** The figures the shop received for one SKU at one of its locations, in arrival order. */
function figures(sku: string, shopLocation: number): number[] {
  return receivedQuantities(sim)
    .filter((q) => q.sku === sku && q.shopLocation === String(shopLocation))
    .map((q) => q.quantity);
}

function expectNonDecreasing(values: number[]): void {
  values.forEach((v, i) => {
    if (i > 0)
      expect(v, `figure ${i} (${v}) came after ${values[i - 1]}`).toBeGreaterThanOrEqual(values[i - 1]!);
  });
}

describe('channel propagation to Shopify', () => {
  it('turns a burst of 100 changes to one SKU into a few pushes ending at the latest figure, in whole units', async () => {
    const { propagation, registry } = world.replica();
    await propagation.ensureIndexes();
    running.push(propagation.start());
    // Figures rise with seq ("7.9" at seq 7), so the shop must never see a lower one after a higher one.
    for (let seq = 1; seq <= 100; seq++)
      await propagation.noteChange(change('WID-1001', LOC.chicago, seq, `${seq}.9`));

    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1001', CHICAGO)).toBe(100), until);
    const received = figures('WID-1001', CHICAGO);
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(10);
    expectNonDecreasing(received);
    expect(received.at(-1)).toBe(100);
    await vi.waitFor(async () => {
      expect(
        await metricValue(registry, 'hub_inventory_push_waiting_keys', { connector: world.connectorId }),
      ).toBe(0);
    }, until);
    expect(await metricValue(registry, 'hub_inventory_pushes_total', { outcome: 'ok' })).toBe(
      received.length,
    );
    expect(
      await metricValue(registry, 'hub_inventory_push_lag_seconds', { connector: world.connectorId }),
    ).toBe(received.length);
  });

  it('never pushes a change that arrives after a newer one (seq 5, then 3)', async () => {
    const { propagation } = world.replica();
    await propagation.ensureIndexes();
    await propagation.noteChange(change('WID-1002', LOC.reno, 5, '50'));
    await propagation.noteChange(change('WID-1002', LOC.reno, 3, '30'));
    running.push(propagation.start());
    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1002', RENO)).toBe(50), until);

    // Late again after the push, alone, and dealt with; then a genuinely newer change.
    const changes = world.db.collection('channel_inventory_changes');
    await propagation.noteChange(change('WID-1002', LOC.reno, 3, '30'));
    await propagation.noteChange(change('WID-1002', LOC.reno, 5, '49'));
    await vi.waitFor(async () => expect(await changes.countDocuments()).toBe(0), until);
    await propagation.noteChange(change('WID-1002', LOC.reno, 6, '60'));
    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1002', RENO)).toBe(60), until);
    expect(figures('WID-1002', RENO)).toEqual([50, 60]);
    // What the channel has is recorded just after the shop answered.
    await vi.waitFor(async () => {
      const key = await world.db
        .collection<ChannelKeyDocument>('channel_inventory')
        .findOne({ _id: keyId(world.connectorId, 'WID-1002', LOC.reno) });
      expect(key).toMatchObject({ pushedSeq: 6, pushedAvailable: '60' });
    }, until);
  });

  it('with two pushers on one database, still never pushes an older figure after a newer one', async () => {
    const a = world.replica();
    const b = world.replica();
    await a.propagation.ensureIndexes();
    const fast = { batchSize: 2, minPushIntervalMs: 0, coalesceMs: 0, leaseMs: 4_000 };
    const pushers = [a.propagation.start(fast), b.propagation.start(fast)];
    running.push(...pushers);
    const keys = [
      ['WID-1001', LOC.chicago],
      ['WID-1001', LOC.reno],
      ['GAD-2001', LOC.chicago],
      ['GAD-2001', LOC.reno],
    ] as const;
    const burst = async (from: number, to: number) => {
      for (let seq = from; seq <= to; seq++) {
        // Both replicas take changes, as the consumers of two workers would, some of them late.
        await Promise.all(
          keys.map(([sku, loc], i) => ((seq + i) % 2 ? a : b).propagation.noteChange(change(sku, loc, seq))),
        );
        if (seq % 7 === 0)
          await Promise.all(keys.map(([sku, loc]) => a.propagation.noteChange(change(sku, loc, seq - 3))));
      }
    };
    await burst(1, 30);
    await vi.waitFor(() => expect(shopLevel(sim, 'GAD-2001', RENO)).toBe(30), until);
    // The pusher holding the channel goes away mid-stream; the other takes over.
    const pushedBy = async (r: typeof a) =>
      metricValue(r.registry, 'hub_inventory_pushes_total', { outcome: 'ok' });
    const holder = (await pushedBy(a)) > 0 ? 0 : 1;
    await pushers[holder]!.stop();
    await burst(31, 60);
    for (const [sku, loc] of keys) {
      const shopLocation = loc === LOC.chicago ? CHICAGO : RENO;
      await vi.waitFor(() => expect(shopLevel(sim, sku, shopLocation)).toBe(60), until);
      const received = figures(sku, shopLocation);
      expectNonDecreasing(received);
      expect(received.at(-1)).toBe(60);
    }
    // Both replicas really pushed.
    expect(await pushedBy(a)).toBeGreaterThan(0);
    expect(await pushedBy(b)).toBeGreaterThan(0);
  });

  it('waits out a 429 with Retry-After, then pushes', async () => {
    const { propagation, registry } = world.replica();
    await propagation.ensureIndexes();
    sim.faults.change({
      failNext: [{ status: 429, count: 1, retryAfterSeconds: 1, pathIncludes: 'graphql' }],
    });
    running.push(propagation.start());
    await propagation.noteChange(change('GAD-2001', LOC.chicago, 1, '7'));

    await vi.waitFor(() => expect(shopLevel(sim, 'GAD-2001', CHICAGO)).toBe(7), until);
    const calls = sim.requests.filter((r) => r.path.includes('graphql'));
    expect(calls[0]!.status).toBe(429);
    // The next call to the shop came only after the second it asked for.
    expect(Date.parse(calls[1]!.at) - Date.parse(calls[0]!.at)).toBeGreaterThanOrEqual(900);
    expect(await metricValue(registry, 'hub_inventory_pushes_total', { outcome: 'rate-limited' })).toBe(1);
    expect(await metricValue(registry, 'hub_inventory_pushes_total', { outcome: 'ok' })).toBe(1);
  });

  it('backs off the channel on 5xx answers, then pushes', async () => {
    const { propagation, registry } = world.replica();
    await propagation.ensureIndexes();
    sim.faults.change({ failNext: [{ status: 503, count: 2, pathIncludes: 'graphql' }] });
    running.push(propagation.start());
    await propagation.noteChange(change('GAD-2001', LOC.reno, 1, '9'));

    await vi.waitFor(() => expect(shopLevel(sim, 'GAD-2001', RENO)).toBe(9), until);
    expect(await metricValue(registry, 'hub_inventory_pushes_total', { outcome: 'transient' })).toBe(2);
    const calls = sim.requests.filter((r) => r.path.includes('graphql'));
    // Exponential: the second wait is longer than the first.
    const gap = (i: number) => Date.parse(calls[i + 1]!.at) - Date.parse(calls[i]!.at);
    expect(gap(1)).toBeGreaterThan(gap(0));
  });

  it('parks a SKU the shop does not know as a dead letter, pushes the others, and skips it until a newer change', async () => {
    const { propagation } = world.replica();
    await propagation.ensureIndexes();
    await propagation.noteChange(change('NOPE-404', LOC.chicago, 1, '4'));
    await propagation.noteChange(change('WID-1002', LOC.chicago, 1, '12'));
    running.push(propagation.start());

    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1002', CHICAGO)).toBe(12), until);
    const parked = await vi.waitFor(async () => {
      const page = await world.deadLetters.list({ flow: 'inventory-sync', businessKey: 'NOPE-404' });
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    }, until);
    expect(parked).toMatchObject({
      connectorId: world.connectorId,
      step: 'push-availability',
      businessKeys: { sku: 'NOPE-404', locationId: LOC.chicago },
      payload: { change: { sku: 'NOPE-404', seq: 1, available: '4' } },
      error: { kind: 'data' },
    });
    expect(parked.error.message).toContain('NOPE-404');

    // Other changes keep flowing; the parked key is not tried again…
    const asked = () => sim.requests.filter((r) => JSON.stringify(r.body).includes('NOPE-404')).length;
    const before = asked();
    await propagation.noteChange(change('WID-1002', LOC.chicago, 2, '13'));
    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1002', CHICAGO)).toBe(13), until);
    expect(asked()).toBe(before);
    // …until it changes again.
    await propagation.noteChange(change('NOPE-404', LOC.chicago, 2, '5'));
    await vi.waitFor(async () => {
      const record = await world.deadLetters.get(parked._id);
      expect(record.history.filter((h) => h.action === 'failed')).toHaveLength(2);
    }, until);

    // Once the shop sells the SKU, its next change goes through and the dead letter is resolved.
    sim.store.collection('variants').put('49148399', {
      id: 49148399,
      product_id: 632910399,
      sku: 'NOPE-404',
      title: 'Late listing',
      price: '1.00',
      inventory_item_id: 808950899,
    });
    sim.store.collection('inventoryLevels').put(`808950899:${CHICAGO}`, {
      inventory_item_id: 808950899,
      location_id: CHICAGO,
      sku: 'NOPE-404',
      available: 0,
      updated_at: '2025-03-01T10:00:00-05:00',
      last_reference: null,
    });
    await propagation.noteChange(change('NOPE-404', LOC.chicago, 3, '6'));
    await vi.waitFor(async () => {
      expect((await world.deadLetters.get(parked._id)).status).toBe('resolved');
    }, until);
    expect(figures('NOPE-404', CHICAGO)).toEqual([6]);
  });

  it('pushes nothing for a location the shop does not sell from, and never a negative figure', async () => {
    const { propagation } = world.replica();
    await propagation.ensureIndexes();
    running.push(propagation.start());
    await propagation.noteChange(change('WID-1001', LOC.dallas, 1, '99'));
    await propagation.noteChange(change('WID-1001', LOC.reno, 1, '-2.5'));

    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1001', RENO)).toBe(0), until);
    expect(receivedQuantities(sim).map((q) => [q.shopLocation, q.quantity])).toEqual([[String(RENO), 0]]);
    const dallas = keyId(world.connectorId, 'WID-1001', LOC.dallas);
    expect(await world.db.collection('channel_inventory_changes').countDocuments({ key: dallas })).toBe(0);
    expect(await world.db.collection('channel_inventory').countDocuments({ _id: dallas } as never)).toBe(0);
  });

  it('keeps the latest figure of a paused shop, compacted, and pushes it once the shop is resumed', async () => {
    await world.connectors.pause(world.connectorId, 'store migration');
    const paused = world.replica();
    await paused.propagation.ensureIndexes();
    running.push(paused.propagation.start());
    for (let seq = 1; seq <= 20; seq++)
      await paused.propagation.noteChange(change('WID-1002', LOC.reno, seq));
    const changes = world.db.collection('channel_inventory_changes');
    await vi.waitFor(async () => expect(await changes.countDocuments()).toBe(1), until);
    expect(receivedQuantities(sim)).toEqual([]);
    expect(
      await metricValue(paused.registry, 'hub_inventory_push_waiting_keys', { connector: world.connectorId }),
    ).toBe(1);

    await world.connectors.resume(world.connectorId);
    // A replica started after the resume (the others see it when their connector list is refreshed).
    running.push(world.replica().propagation.start());
    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1002', RENO)).toBe(20), until);
    expect(figures('WID-1002', RENO)).toEqual([20]);
  });

  it('gives a shop seen for the first time every current figure it sells from, once, after its listing window', async () => {
    const ledger = createStockLedger(world.db);
    await ledger.ensureIndexes();
    const asOf = new Date().toISOString();
    // Stock that moved before the shop was listed anywhere: no change of it was ever noted for the shop.
    for (const [sku, locationId, onHand] of [
      ['WID-1001', LOC.chicago, '40'],
      ['WID-1002', LOC.reno, '7.5'],
      ['WID-1003', LOC.dallas, '5'],
    ] as const)
      await ledger.setStock({ sku, locationId, opId: `count/${sku}`, onHand, held: '0', asOf });
    const { propagation } = world.replica({
      currentFigures: currentFigures(ledger),
      tuning: { topologyTtlMs: 300 },
    });
    await propagation.ensureIndexes();
    running.push(propagation.start());
    await vi.waitFor(() => {
      expect(shopLevel(sim, 'WID-1001', CHICAGO)).toBe(40);
      expect(shopLevel(sim, 'WID-1002', RENO)).toBe(7);
    }, until);
    // Dallas is not sold from: nothing went there (the shop has no such location; nothing else was sent).
    expect(
      receivedQuantities(sim)
        .map((q) => q.sku)
        .sort(),
    ).toEqual(['WID-1001', 'WID-1002']);
    const state = await world.db
      .collection<{ syncedAt?: Date }>('channel_inventory_channels')
      .findOne({ _id: world.connectorId as never });
    expect(state?.syncedAt).toBeInstanceOf(Date);

    // Once only: another pusher (a restart) does not send the same figures again; a newer change still goes.
    await Promise.all(running.splice(0).map((p) => p.stop()));
    const again = world.replica({ currentFigures: currentFigures(ledger), tuning: { topologyTtlMs: 300 } });
    running.push(again.propagation.start());
    await again.propagation.noteChange(change('WID-1001', LOC.chicago, 9, '41'));
    await vi.waitFor(() => expect(shopLevel(sim, 'WID-1001', CHICAGO)).toBe(41), until);
    await new Promise((r) => setTimeout(r, 500));
    expect(figures('WID-1001', CHICAGO)).toEqual([40, 41]);
    expect(figures('WID-1002', RENO)).toEqual([7]);
  });

  it('refuses a malformed change, naming the field', async () => {
    const { propagation } = world.replica();
    await expect(
      propagation.noteChange({
        sku: 'WID-1001',
        locationId: LOC.reno,
        seq: 1.5,
        available: 'lots',
        eventAt: 'x',
      }),
    ).rejects.toMatchObject({
      kind: 'data',
      fieldErrors: [{ path: '/available' }, { path: '/seq' }, { path: '/eventAt' }],
    });
    expect(wholeUnits('12.99')).toBe('12');
    expect(wholeUnits('-0.5')).toBe('0');
    expect(wholeUnits('007')).toBe('7');
  });
});
