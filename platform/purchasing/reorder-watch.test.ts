import { describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import type { Availability, StockLedger } from '../orders/stock-types';
import { purchasingPolicy, ediSupplier } from '../../test/support/purchase-documents';
import type { PurchasingPolicy } from './policy';
import { createReorderWatch, watchReorderPoints } from './reorder-watch';
import type { ReorderPointMessage } from './reorder-watch';

/** A world of one position per key, a policy list and a producer that keeps what it was sent. */
function world(policies: PurchasingPolicy[], stock: Record<string, Partial<Availability>>) {
  const sent: { topic: string; key: string; message: ReorderPointMessage }[] = [];
  let policyReads = 0;
  let clock = 0;
  const ledger: Pick<StockLedger, 'availability'> = {
    availability: (sku, locationIds) =>
      Promise.resolve(
        locationIds.flatMap((locationId) => {
          const s = stock[`${sku}@${locationId}`];
          if (!s) return [];
          return [
            { sku, locationId, onHand: '0', held: '0', reserved: '0', inboundDue: '0', available: '0', ...s },
          ];
        }),
      ),
  };
  const watch = createReorderWatch({
    policies: {
      listAll: () => {
        policyReads += 1;
        return Promise.resolve(policies);
      },
    },
    ledger,
    producer: {
      send: (topic, key, value) => {
        sent.push({ topic, key, message: JSON.parse(value.toString('utf8')) as ReorderPointMessage });
        return Promise.resolve();
      },
    },
    logger: createLogger('test', 'silent'),
    policyCacheMs: 1_000,
    now: () => clock,
  });
  return { watch, sent, stock, reads: () => policyReads, tick: (ms: number) => (clock += ms) };
}

const rule = (over: Record<string, unknown>) =>
  purchasingPolicy({ sourcing: [{ sku: 'WID-1', suppliers: [ediSupplier], ...over }] });

describe('reorder-point watch', () => {
  it('signals how far on hand − held − reserved + inbound is below the reorder point, keyed by SKU', async () => {
    const w = world([rule({ reorderPoint: '50' })], {
      'WID-1@loc_a': { onHand: '60', held: '5', reserved: '30', inboundDue: '10' },
    });
    const sent = await w.watch.check({ sku: 'WID-1', locationId: 'loc_a' }, 'res/o1/1');
    expect(sent).toEqual([
      {
        signalId: 'reorder-point:le_acme_us:res/o1/1',
        legalEntityId: 'le_acme_us',
        sku: 'WID-1',
        locationId: 'loc_a',
        quantity: '15',
        reason: 'reorder-point',
      },
    ]);
    expect(w.sent).toEqual([{ topic: 'hub.replenishment-signals.v1', key: 'WID-1', message: sent[0] }]);
  });

  it('is silent at or above the reorder point, for items without one, and for other warehouses', async () => {
    const w = world(
      [rule({ reorderPoint: '50', locationId: 'loc_a' }), purchasingPolicy({ legalEntityId: 'le_other' })],
      {
        'WID-1@loc_a': { onHand: '50' },
        'WID-1@loc_b': { onHand: '1' },
      },
    );
    expect(await w.watch.check({ sku: 'WID-1', locationId: 'loc_a' }, 'op1')).toEqual([]);
    expect(await w.watch.check({ sku: 'WID-1', locationId: 'loc_b' }, 'op2')).toEqual([]);
    expect(await w.watch.check({ sku: 'WID-2', locationId: 'loc_a' }, 'op3')).toEqual([]);
    expect(w.sent).toEqual([]);
  });

  it('an item never counted is below any positive reorder point; policies are re-read after the cache time', async () => {
    const w = world([rule({ reorderPoint: '5' })], {});
    const first = await w.watch.check({ sku: 'WID-1', locationId: 'loc_z' }, 'op1');
    expect(first.map((m) => m.quantity)).toEqual(['5']);
    await w.watch.check({ sku: 'WID-1', locationId: 'loc_z' }, 'op2');
    expect(w.reads()).toBe(1);
    w.tick(1_000);
    await w.watch.check({ sku: 'WID-1', locationId: 'loc_z' }, 'op3');
    expect(w.reads()).toBe(2);
  });

  it('the watched ledger checks after a reservation that reserved something and after a count, not otherwise', async () => {
    const w = world([rule({ reorderPoint: '100' })], { 'WID-1@loc_a': { onHand: '10' } });
    const calls: string[] = [];
    const inner = {
      reserve: (r: { reservationId: string }) => {
        calls.push(`reserve ${r.reservationId}`);
        return Promise.resolve({
          reservationId: r.reservationId,
          reserved: r.reservationId === 'none' ? '0' : '2',
          availableBefore: '10',
        });
      },
      setStock: () => Promise.resolve({} as never),
      release: () => Promise.resolve({} as never),
      applyMovement: () => Promise.resolve({ applied: true } as never),
    } as unknown as StockLedger;
    const ledger = watchReorderPoints(inner, w.watch);
    const request = {
      sku: 'WID-1',
      locationId: 'loc_a',
      quantity: '2',
      orderId: 'o',
      lineNumber: 1,
      allowPartial: true,
    };
    await ledger.reserve({ ...request, reservationId: 'r1' });
    await ledger.reserve({ ...request, reservationId: 'none' });
    await ledger.setStock({
      sku: 'WID-1',
      locationId: 'loc_a',
      opId: 'count-1',
      onHand: '3',
      held: '0',
      asOf: 'x',
    });
    await ledger.release({ opId: 'rel', reservationId: 'r1' });
    const move = { sku: 'WID-1', locationId: 'loc_a', at: '2026-12-01T00:00:00Z' };
    await ledger.applyMovement({ ...move, opId: 'mv-in', onHandDelta: '5', heldDelta: '0' });
    await ledger.applyMovement({ ...move, opId: 'mv-out', onHandDelta: '-2', heldDelta: '0' });
    expect(calls).toEqual(['reserve r1', 'reserve none']);
    expect(w.sent.map((s) => s.message.signalId)).toEqual([
      'reorder-point:le_acme_us:r1',
      'reorder-point:le_acme_us:count-1',
      'reorder-point:le_acme_us:mv-out',
    ]);
  });
});
