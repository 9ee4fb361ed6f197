import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { startPurchaseWorkflowEnv, waitForPo } from '../../test/support/purchase-workflow-env';
import type { PurchaseWorkflowEnv } from '../../test/support/purchase-workflow-env';
import { createPurchaseWorld } from '../../test/support/purchase-world';
import type { PurchaseWorld } from '../../test/support/purchase-world';
import { demand, purchasingPolicy, ediSupplier, portalSupplier } from '../../test/support/purchase-documents';
import type { PurchasingPolicy } from '../../platform/purchasing/policy';
import { replenishmentSignal } from '../procure-to-receive/messages';
import { purchaseOrderWorkflowId, replenishmentWorkflowId } from '../procure-to-receive/types';
import type { ReplenishmentSignal } from '../procure-to-receive/types';
import type { ReplenishmentResult } from './types';

let t: PurchaseWorkflowEnv;

beforeAll(async () => {
  t = await startPurchaseWorkflowEnv();
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

const started: WorkflowHandle[] = [];
afterEach(async () => {
  for (const h of started.splice(0)) await h.terminate('test over').catch(() => undefined);
});

let sequence = 0;
/** A fresh warehouse per test (in the world's prefix), so each test has its own replenishment workflow. */
function place(world: PurchaseWorld): string {
  sequence += 1;
  return `loc_${world.prefix}_${sequence}`;
}

async function signal(policy: PurchasingPolicy, location: string, s: ReplenishmentSignal) {
  const handle = await t.env.client.workflow.signalWithStart('replenishmentWorkflow', {
    workflowId: replenishmentWorkflowId('le_acme_us', 'WID-1001', location),
    taskQueue: t.taskQueue,
    args: [
      {
        legalEntityId: 'le_acme_us',
        sku: 'WID-1001',
        locationId: location,
        policy,
        correlationId: `corr-${location}`,
      },
    ],
    signal: replenishmentSignal,
    signalArgs: [{ ...s, locationId: location }],
  });
  started.push(handle);
  return handle;
}

const poHandle = (poNumber: string) =>
  t.env.client.workflow.getHandle(purchaseOrderWorkflowId('le_acme_us', poNumber));

describe('replenishment workflow (time-skipping server, in-memory world)', () => {
  it('ten signals within the window make one PO for their sum; one after the window makes a second PO', async () => {
    const world = t.use(createPurchaseWorld());
    const loc = place(world);
    const policy = purchasingPolicy({
      sourcing: [{ sku: 'WID-1001', suppliers: [ediSupplier, portalSupplier] }],
    });
    let handle = await signal(policy, loc, demand(`${loc}-1`, '1'));
    for (let i = 2; i <= 10; i += 1) handle = await signal(policy, loc, demand(`${loc}-${i}`, String(i)));
    const first = (await handle.result()) as ReplenishmentResult;
    expect(first).toMatchObject({ outcome: 'purchase-order', sizing: { quantity: '55' }, carriedOver: 0 });
    expect(first.claimedSignalIds).toHaveLength(10);
    expect(world.callsOf('nextPoNumber')).toHaveLength(1);
    const po = first.purchaseOrder?.poNumber ?? '';
    const view = await waitForPo(poHandle(po), (v) => v.timeline.some((e) => e.step === 'issued'));
    expect(view.lines).toEqual([
      expect.objectContaining({ sku: 'WID-1001', ordered: '55', unitPrice: '10.00' }),
    ]);
    expect(view.origin.signalIds).toHaveLength(10);
    expect(view.origin.salesOrderIds).toHaveLength(10);
    expect(world.callsOf('sendPurchaseOrder')).toEqual([expect.objectContaining({ supplierId: 'sup_acme' })]);

    const late = await signal(policy, loc, demand(`${loc}-11`, '4'));
    const second = (await late.result()) as ReplenishmentResult;
    expect(second).toMatchObject({
      outcome: 'purchase-order',
      sizing: { quantity: '4' },
      claimedSignalIds: [`${loc}-11`],
    });
    expect(second.purchaseOrder?.poNumber).not.toBe(po);
    expect(world.poNumbers.size).toBe(2);
  });

  it('a repeated signal id is ignored; the PO is sized to minimum order and whole packs', async () => {
    const world = t.use(createPurchaseWorld());
    const loc = place(world);
    const policy = purchasingPolicy({
      sourcing: [
        { sku: 'WID-1001', suppliers: [{ ...ediSupplier, minOrderQuantity: '30', packMultiple: '12' }] },
      ],
    });
    await signal(policy, loc, demand(`${loc}-a`, '20'));
    await signal(policy, loc, demand(`${loc}-a`, '20'));
    const handle = await signal(policy, loc, demand(`${loc}-b`, '11'));
    const result = (await handle.result()) as ReplenishmentResult;
    expect(result.signalIds).toEqual([`${loc}-a`, `${loc}-b`]);
    expect(result.ignoredRepeats).toEqual([`${loc}-a`]);
    expect(result.sizing).toMatchObject({ signalled: '31', quantity: '36' });
    const view = await waitForPo(poHandle(result.purchaseOrder?.poNumber ?? ''), (v) =>
      v.timeline.some((e) => e.step === 'issued'),
    );
    expect(view.lines[0]?.ordered).toBe('36');
    expect(world.callsOf('claimSignals')).toEqual([
      expect.objectContaining({ signalIds: [`${loc}-a`, `${loc}-b`] }),
    ]);
  });

  it('tops up to the safety stock from the stock position, rounded to half-unit packs', async () => {
    const world = t.use(createPurchaseWorld());
    world.position = { onHand: '2', reserved: '1', inbound: '0.5' };
    const loc = place(world);
    const policy = purchasingPolicy({
      sourcing: [{ sku: 'WID-1001', safetyStock: '4', suppliers: [{ ...ediSupplier, packMultiple: '0.5' }] }],
    });
    const handle = await signal(policy, loc, demand(`${loc}-a`, '2.2'));
    const result = (await handle.result()) as ReplenishmentResult;
    expect(result.sizing).toMatchObject({ available: '1.5', topUp: '2.5', quantity: '5' });
    expect(world.callsOf('readStockPosition')).toEqual([
      { sku: 'WID-1001', locationId: loc, legalEntityId: 'le_acme_us' },
    ]);
  });

  it('reorder-point signals order what the position is short of the reorder point, not their sum', async () => {
    const world = t.use(createPurchaseWorld());
    // on hand 30 − reserved 12 + inbound 2 = 20, 20 short of the reorder point of 40.
    world.position = { onHand: '30', reserved: '12', inbound: '2' };
    const loc = place(world);
    const policy = purchasingPolicy({
      sourcing: [{ sku: 'WID-1001', reorderPoint: '40', suppliers: [{ ...ediSupplier, packMultiple: '6' }] }],
    });
    const below = (id: string, quantity: string): ReplenishmentSignal => ({
      ...demand(id, quantity),
      reason: 'reorder-point',
    });
    await signal(policy, loc, below(`${loc}-r1`, '15'));
    await signal(policy, loc, below(`${loc}-r2`, '18'));
    const handle = await signal(policy, loc, demand(`${loc}-b`, '5'));
    const result = (await handle.result()) as ReplenishmentResult;
    // 20 short of the point + a backorder of 5 = 25, in packs of 6 → 30.
    expect(result).toMatchObject({
      outcome: 'purchase-order',
      sizing: { signalled: '25', quantity: '30' },
    });
    expect(result.claimedSignalIds).toHaveLength(3);
    const view = await waitForPo(poHandle(result.purchaseOrder?.poNumber ?? ''), (v) =>
      v.timeline.some((e) => e.step === 'issued'),
    );
    expect(view.origin.reason).toBe('backorder');
    expect(view.lines[0]?.ordered).toBe('30');
  });

  it('a reorder-point signal while open POs bring the position up to the point buys nothing', async () => {
    const world = t.use(createPurchaseWorld());
    world.position = { onHand: '10', reserved: '0', inbound: '30' };
    const loc = place(world);
    const policy = purchasingPolicy({
      sourcing: [{ sku: 'WID-1001', reorderPoint: '40', suppliers: [ediSupplier] }],
    });
    const result = (await (
      await signal(policy, loc, { ...demand(`${loc}-r`, '5'), reason: 'reorder-point' })
    ).result()) as ReplenishmentResult;
    expect(result).toMatchObject({
      outcome: 'above-reorder-point',
      reason: expect.stringContaining('stands at 40, at or above its reorder point of 40') as unknown,
    });
    expect(world.callsOf('nextPoNumber')).toHaveLength(0);
    expect(world.callsOf('readStockPosition')).toEqual([
      { sku: 'WID-1001', locationId: loc, legalEntityId: 'le_acme_us' },
    ]);
  });

  it('without a sourcing rule, or with every signal claimed elsewhere, it completes without a PO and says why', async () => {
    const world = t.use(createPurchaseWorld());
    const loc = place(world);
    const none = (await (
      await signal(purchasingPolicy({ sourcing: [] }), loc, demand(`${loc}-x`, '3'))
    ).result()) as ReplenishmentResult;
    expect(none).toMatchObject({
      outcome: 'no-sourcing',
      reason: expect.stringContaining('no sourcing rule') as unknown,
    });
    world.claims.set(`${loc}-y`, 'someone-else');
    const loc2 = place(world);
    world.claims.set(`${loc2}-y`, 'someone-else');
    const taken = (await (
      await signal(purchasingPolicy(), loc2, demand(`${loc2}-y`, '3'))
    ).result()) as ReplenishmentResult;
    expect(taken).toMatchObject({ outcome: 'nothing-claimed', claimedSignalIds: [] });
    expect(world.callsOf('nextPoNumber')).toHaveLength(0);
  });

  it('a signal that arrives while the window is being ordered is not lost: it goes into the next PO', async () => {
    const world = t.use(createPurchaseWorld());
    const loc = place(world);
    const policy = purchasingPolicy();
    let sent = false;
    world.onClaim = async () => {
      if (sent) return;
      sent = true;
      await t.env.client.workflow
        .getHandle(replenishmentWorkflowId('le_acme_us', 'WID-1001', loc))
        .signal(replenishmentSignal, { ...demand(`${loc}-late`, '7'), locationId: loc });
    };
    const handle = await signal(policy, loc, demand(`${loc}-early`, '3'));
    const final = (await handle.result()) as ReplenishmentResult;
    expect(final).toMatchObject({
      outcome: 'purchase-order',
      claimedSignalIds: [`${loc}-late`],
      sizing: { quantity: '7' },
    });
    expect(world.callsOf('claimSignals')).toEqual([
      expect.objectContaining({ signalIds: [`${loc}-early`] }),
      expect.objectContaining({ signalIds: [`${loc}-late`] }),
    ]);
    const proposals = world.callsOf('nextPoNumber') as { proposalId: string }[];
    expect(proposals).toHaveLength(2);
    expect(new Set(proposals.map((p) => p.proposalId)).size).toBe(2);
  });
});
