/**
 * Replenishment of one item at one warehouse (workflow id `replenishmentWorkflowId(...)`, started by
 * signal-with-start of `replenishmentSignal`). It collects demand signals for the policy's coalescing window from
 * the first one (a repeat of a signal id is ignored), claims them for one proposal, sizes it (safety stock, minimum
 * order quantity, pack multiple), draws a PO number and starts the PO's own workflow as an abandoned child, then
 * completes. Signals that arrive after the window closed are never dropped: the run continues as new with them.
 */
import { condition, continueAsNew, log, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
// eslint-disable-next-line no-restricted-imports -- policy.ts is types plus pure helpers, made for workflow code
import { sourcingFor } from '../../platform/purchasing/policy';
import { startPurchaseOrder } from '../procure-to-receive/children';
import { replenishmentSignal } from '../procure-to-receive/messages';
import { purchaseOrderWorkflowId } from '../procure-to-receive/types';
import type { ReplenishmentReason, ReplenishmentSignal } from '../procure-to-receive/types';
import { buildPurchaseOrder } from './purchase-order';
import { sizeProposal } from './sizing';
import { DISCARDED, bookkeeping, step } from './steps';
import type { ReplenishmentResult, ReplenishmentRunInput } from './types';

const MINUTE_MS = 60_000;

/** The coalescing workflow of one item at one warehouse. */
export async function replenishmentWorkflow(input: ReplenishmentRunInput): Promise<ReplenishmentResult> {
  const pending: ReplenishmentSignal[] = [...(input.carried ?? [])];
  const seen = new Set(pending.map((s) => s.signalId));
  const ignoredRepeats: string[] = [];
  setHandler(replenishmentSignal, (signal) => {
    if (seen.has(signal.signalId)) return void ignoredRepeats.push(signal.signalId);
    if (signal.sku !== input.sku || signal.locationId !== input.locationId) {
      log.warn('replenishment signal for another item or warehouse ignored', { signalId: signal.signalId });
      return;
    }
    seen.add(signal.signalId);
    pending.push(signal);
  });

  await condition(() => pending.length > 0);
  await sleep(input.policy.coalesceWindowMinutes * MINUTE_MS);
  const batch = pending.splice(0);
  const info = workflowInfo();
  const result = await propose(input, batch, `${info.workflowId}/${info.runId}`, ignoredRepeats);
  // No await from here on: a signal that came while proposing is in `pending` now, and one that comes after
  // this task makes the server refuse the completion and re-run this check with it.
  if (pending.length) {
    log.info('signals arrived after the window closed; continuing as new with them', {
      carried: pending.length,
      ...result,
    });
    return continueAsNew<typeof replenishmentWorkflow>({ ...input, carried: pending });
  }
  return { ...result, carriedOver: 0 };
}

/** on hand − reserved + inbound. */
function availableOf(p: { onHand: string; reserved: string; inbound: string }): string {
  return addDecimal(subtractDecimal(p.onHand, p.reserved), p.inbound);
}

/** How far on hand − reserved + inbound is below the reorder point ("0" when it is not). */
function belowPoint(p: { onHand: string; reserved: string; inbound: string }, point: string): string {
  const available = availableOf(p);
  return compareDecimal(available, point) < 0 ? subtractDecimal(point, available) : '0';
}

/** The origin reason of a coalesced proposal: a shortage outranks the reorder point, which outranks a request. */
function reasonOf(signals: ReplenishmentSignal[]): ReplenishmentReason {
  if (signals.some((s) => s.reason === 'backorder')) return 'backorder';
  if (signals.some((s) => s.reason === 'reorder-point')) return 'reorder-point';
  return 'manual';
}

/** Claims, sizes and orders one window's signals. */
async function propose(
  input: ReplenishmentRunInput,
  batch: ReplenishmentSignal[],
  proposalId: string,
  ignoredRepeats: string[],
): Promise<ReplenishmentResult> {
  const { policy, sku, locationId, legalEntityId } = input;
  const base = {
    proposalId,
    signalIds: batch.map((s) => s.signalId),
    claimedSignalIds: [] as string[],
    ignoredRepeats: [...ignoredRepeats],
    carriedOver: 0,
  };
  const rule = sourcingFor(policy, sku, locationId);
  const [supplier, ...alternates] = rule?.suppliers ?? [];
  if (!rule || !supplier)
    return { ...base, outcome: 'no-sourcing', reason: `no sourcing rule buys ${sku} for ${locationId}` };

  const claimed = await step(input, 'claim-signals', { proposalId }, () =>
    bookkeeping.claimSignals({ proposalId, signalIds: base.signalIds }),
  );
  if (claimed === DISCARDED)
    return { ...base, outcome: 'discarded', reason: 'claiming the signals was discarded' };
  const mine = new Set(claimed);
  const signals = batch.filter((s) => mine.has(s.signalId));
  base.claimedSignalIds = signals.map((s) => s.signalId);
  // Demand (backorders, requests) adds up; reorder-point signals only say "look now": what is short of the
  // reorder point is read from the position (open POs counted) when the window closes.
  const demand = signals
    .filter((s) => s.reason !== 'reorder-point')
    .reduce((t, s) => addDecimal(t, s.quantity), '0');
  const point = signals.some((s) => s.reason === 'reorder-point') ? rule.reorderPoint : undefined;
  const safety = rule.safetyStock;
  const position =
    (safety !== undefined || point !== undefined) && signals.length
      ? await step(input, 'stock-position', { sku, locationId }, () =>
          bookkeeping.readStockPosition({ sku, locationId, legalEntityId }),
        )
      : undefined;
  const short = point !== undefined && position && position !== DISCARDED ? belowPoint(position, point) : '0';
  const signalled = addDecimal(demand, short);
  if (point !== undefined && compareDecimal(signalled, '0') <= 0 && position !== DISCARDED)
    return {
      ...base,
      outcome: 'above-reorder-point',
      reason: `${sku} at ${locationId} stands at ${position ? availableOf(position) : '?'}, at or above its reorder point of ${point} (open POs counted)`,
    };
  const sizing = sizeProposal({
    signalled,
    ...(position && position !== DISCARDED ? { position } : {}),
    ...(safety !== undefined ? { safetyStock: safety } : {}),
    minOrderQuantity: supplier.minOrderQuantity,
    packMultiple: supplier.packMultiple,
  });
  if (sizing.quantity === '0')
    return {
      ...base,
      sizing,
      outcome: 'nothing-claimed',
      reason: signals.length
        ? 'the claimed signals add up to nothing'
        : 'every signal in the window was already claimed by another proposal',
    };

  const poNumber = await step(input, 'po-number', { proposalId }, () =>
    bookkeeping.nextPoNumber({
      proposalId,
      legalEntityId,
      ...(input.policy.poNumberPrefix ? { prefix: input.policy.poNumberPrefix } : {}),
    }),
  );
  if (poNumber === DISCARDED)
    return { ...base, sizing, outcome: 'discarded', reason: 'drawing the PO number was discarded' };
  const needBy = signals
    .map((s) => s.needBy)
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  const purchaseOrder = buildPurchaseOrder({
    poNumber,
    legalEntityId,
    locationId,
    supplier,
    orderDate: new Date().toISOString().slice(0, 10),
    lines: [{ sku, quantity: sizing.quantity, ...(needBy ? { needBy } : {}) }],
  });
  const workflowId = purchaseOrderWorkflowId(legalEntityId, poNumber);
  await startPurchaseOrder(workflowId, {
    purchaseOrder,
    supplier,
    alternates,
    origin: { reason: reasonOf(signals), signals },
    policy,
    correlationId: input.correlationId,
  });
  return {
    ...base,
    sizing,
    outcome: 'purchase-order',
    reason: `${sizing.quantity} ${supplier.uom} ordered from ${supplier.supplierId} for ${signals.length} signal(s)`,
    purchaseOrder: {
      purchaseOrderId: purchaseOrder.id,
      poNumber,
      workflowId,
      supplierId: supplier.supplierId,
    },
  };
}
