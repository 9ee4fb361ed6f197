import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../workflows/order-to-cash/types';
import type { PurchaseOrderView } from '../../workflows/procure-to-receive/types';
import { newOrderStages, newPurchaseOrderStages } from './order-stages';
import type { StageProgress } from './order-stages';
import { createStageMetrics } from './stage-metrics';
import { recordedView, savesOf } from './recorded-views';

/** Every stage reached over a run of saves, each save compared with the one stored before it. */
function replaySaves<V>(saves: V[], diff: (prev: V | undefined, next: V) => StageProgress): StageProgress {
  const all: StageProgress = { started: [], completed: [] };
  let stored: V | undefined;
  for (const view of saves) {
    const progress = diff(stored, view);
    all.started.push(...progress.started);
    all.completed.push(...progress.completed);
    stored = view;
  }
  return all;
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('order stages from real order timelines', () => {
  it('counts received→released and shipped→invoiced once over every save of a web order', () => {
    const final = recordedView<OrderView>('order-to-cash', 'full-order');
    const saves = savesOf(final);
    // The workflow saves the same version again on a retried activity: that adds nothing.
    const withRetries = saves.flatMap((v) => [v, v]);
    const { started, completed } = replaySaves(withRetries, newOrderStages);

    const capture = final.timeline.find((e) => e.kind === 'capture');
    const release = final.timeline.find((e) => e.step === 'release');
    const shipment = final.timeline.find((e) => e.kind === 'document' && e.step === 'shipment');
    const invoice = final.timeline.find((e) => e.step === 'invoice');
    expect(started.map((s) => [s.stage, s.instance, s.connector])).toEqual([
      ['order.received→released', final.orderId, 'shop-1'],
      ['order.shipped→invoiced', 'shp-1', undefined],
    ]);
    expect(completed.map((c) => [c.stage, c.instance, c.connector, c.partner, c.seconds])).toEqual([
      ['order.received→released', final.orderId, 'wms-1', undefined, seconds(capture!.at, release!.at)],
      ['order.shipped→invoiced', 'shp-1', 'erp-1', undefined, seconds(shipment!.at, invoice!.at)],
    ]);
  });

  it('matches each shipment to its own invoice when an order ships from two warehouses', () => {
    const final = recordedView<OrderView>('order-to-cash', 'split-warehouses');
    const { completed } = replaySaves(savesOf(final), newOrderStages);
    const invoiced = completed.filter((c) => c.stage === 'order.shipped→invoiced');
    const at = (step: string, id: string) =>
      final.timeline.find((e) => e.step === step && e.documentId === id)!.at;
    expect(invoiced.map((c) => [c.instance, c.seconds])).toEqual([
      ['shp-a', seconds(at('shipment', 'shp-a'), at('invoice', `${final.orderId}.i1`))],
      ['shp-b', seconds(at('shipment', 'shp-b'), at('invoice', `${final.orderId}.i2`))],
    ]);
    // Only the first release ends received→released.
    expect(completed.filter((c) => c.stage === 'order.received→released')).toHaveLength(1);
  });

  it('labels an EDI order with its trading partner and ignores the duplicate capture', () => {
    const final = recordedView<OrderView>('order-to-cash', 'duplicate-capture-edi');
    const { started, completed } = replaySaves(savesOf(final), newOrderStages);
    expect(started.filter((s) => s.stage === 'order.received→released')).toHaveLength(1);
    expect(completed.map((c) => [c.stage, c.partner])).toEqual([
      ['order.received→released', 'partner-1'],
      ['order.shipped→invoiced', 'partner-1'],
    ]);
  });

  it('adds nothing when an older view is saved after a newer one', () => {
    const saves = savesOf(recordedView<OrderView>('order-to-cash', 'full-order'));
    const newest = saves[saves.length - 1]!;
    const stale = newOrderStages(newest, saves[3]!);
    expect(stale).toEqual({ started: [], completed: [] });
  });
});

describe('PO stages from real PO timelines', () => {
  it('measures sent→acknowledged and judges a 49-hour acknowledgement as a missed 48-hour objective', () => {
    const late = recordedView<PurchaseOrderView>('procure-to-receive', 'ack-overdue-then-ack');
    const clean = recordedView<PurchaseOrderView>('procure-to-receive', 'clean-edi');
    const lateStages = replaySaves(savesOf(late), newPurchaseOrderStages);
    const cleanStages = replaySaves(savesOf(clean), newPurchaseOrderStages);
    expect(lateStages.completed).toHaveLength(1);
    expect(cleanStages.completed).toHaveLength(1);
    const lateAck = lateStages.completed[0]!;
    expect(lateAck).toMatchObject({ stage: 'po.sent→acknowledged', partner: 'sup_acme', connector: 'edi-1' });
    expect(lateAck.seconds).toBeGreaterThan(48 * 3600);

    const metrics = createStageMetrics(new Registry());
    expect(metrics.observeStage(lateAck)).toBe('missed');
    expect(metrics.observeStage(cleanStages.completed[0]!)).toBe('met');
  });

  it('has no completion for a PO that was never sent', () => {
    const late = recordedView<PurchaseOrderView>('procure-to-receive', 'ack-overdue-then-ack');
    const draft = { ...late, timeline: late.timeline.slice(0, 1), version: 1 };
    expect(newPurchaseOrderStages(undefined, draft)).toEqual({ started: [], completed: [] });
  });
});
