/**
 * Changes and cancellations in flight. Before release anything may change; after release only what the warehouse
 * confirms it can stop. Every side effect already made is undone by its compensation: reservations are given back,
 * WMS releases cancelled, the ERP order updated (closed when nothing is left).
 */
import { addDecimal, compareDecimal, subtractDecimal } from '../../canonical-model/decimal';
import { thirdPartyOf } from './allocation';
import { lineView, max, min, open, outstanding, positive } from './lines';
import type { BookLine } from './lines';
import type { OrderState } from './order-state';
import { DISCARDED, bookkeeping, connectorCalls, noteErpEdit, step } from './steps';
import type { ChangeOutcome, OrderCancellation, OrderChange, ReleaseView } from './types';

/** Gives back up to `quantity` of a line's unreleased reservations; returns what was given back. */
async function giveBackReserved(
  s: OrderState,
  line: BookLine,
  quantity: string,
  opTag: string,
): Promise<string> {
  let left = quantity;
  const moves: { reservationId: string; quantity: string; opId: string }[] = [];
  for (const a of line.allocations.filter((x) => x.state === 'reserved')) {
    if (!positive(left)) break;
    const take = min(left, a.quantity);
    moves.push({ reservationId: a.reservationId, quantity: take, opId: `${a.reservationId}/${opTag}` });
    a.quantity = subtractDecimal(a.quantity, take);
    if (!positive(a.quantity)) a.state = 'returned';
    left = subtractDecimal(left, take);
  }
  if (moves.length) await bookkeeping.releaseReservations({ reservations: moves });
  return subtractDecimal(quantity, left);
}

/** Asks the warehouse to stop a release; when it can, the release's reservations are given back. */
async function stopRelease(s: OrderState, release: ReleaseView, reason: string): Promise<boolean> {
  const wms = release.connectorId;
  let cancelled = true;
  let why: string | undefined;
  if (wms) {
    const thirdParty = thirdPartyOf(s, release.locationId);
    const answer = await step(
      s,
      `cancel-${release.releaseId}`,
      { releaseId: release.releaseId },
      () =>
        connectorCalls.cancelWarehouseRelease({
          wmsConnectorId: wms,
          ...(thirdParty ? { thirdParty } : {}),
          releaseId: release.releaseId,
          externalId: release.externalId ?? release.releaseId,
          reason,
          idempotencyKey: `${s.workflowId}/cancel/${release.releaseId}`,
        }),
      wms,
    );
    cancelled = answer !== DISCARDED && answer.cancelled;
    why = answer === DISCARDED ? 'cancellation discarded' : answer.reason;
  }
  if (!cancelled) {
    release.status = 'cancel-refused';
    s.note({
      kind: 'connector-call',
      step: 'cancel-release',
      message: `warehouse could not stop ${release.releaseId}: ${why ?? 'already shipped'}`,
      ...(wms ? { connectorId: wms } : {}),
    });
    return false;
  }
  release.status = 'cancelled';
  const moves: { reservationId: string; quantity: string; opId: string }[] = [];
  for (const line of s.book) {
    for (const a of line.allocations.filter(
      (x) => x.state === 'released' && x.releaseId === release.releaseId,
    )) {
      moves.push({
        reservationId: a.reservationId,
        quantity: a.quantity,
        opId: `${a.reservationId}/unrelease`,
      });
      a.state = 'returned';
    }
  }
  if (moves.length) await bookkeeping.releaseReservations({ reservations: moves });
  s.note({
    kind: 'connector-call',
    step: 'cancel-release',
    message: `release ${release.releaseId} cancelled at the warehouse; its reservations given back`,
    ...(wms ? { connectorId: wms } : {}),
  });
  return true;
}

/** Brings the ERP's order in line with the book (closing it when every line is cancelled). */
export async function syncErpOrder(s: OrderState, why: string): Promise<void> {
  const erp = s.input.policy.erpConnectorId;
  if (!erp || !s.documents.some((d) => d.documentType === 'erp-sales-order')) return;
  const allCancelled = s.book.every((l) => !positive(l.shipped) && !positive(open(l)));
  const booked = s.erpOrder();
  const order = {
    ...booked,
    status: allCancelled ? ('cancelled' as const) : booked.status,
    lines: booked.lines.map((l) => {
      const line = s.line(l.lineNumber);
      return line
        ? {
            ...l,
            quantityCancelled: { ...l.quantity, value: line.cancelled },
            ...(compareDecimal(line.cancelled, '0') > 0 && !positive(open(line)) && !positive(line.shipped)
              ? { status: 'cancelled' as const }
              : {}),
          }
        : l;
    }),
  };
  // Fixed before the step runs: a replay (after notes moved the version on) must reuse the same idempotency key.
  const version = s.version;
  const name = `erp-order-v${version}`;
  const proposed = { why, order };
  let sent = proposed;
  const done = await step(
    s,
    name,
    proposed,
    (payload) => {
      sent = payload;
      return connectorCalls.recordErpOrder({
        erpConnectorId: erp,
        order: payload.order,
        idempotencyKey: `${s.workflowId}/erp-order/${version}`,
      });
    },
    erp,
  );
  if (done !== DISCARDED && sent !== proposed) noteErpEdit(s, sent.order, name);
  if (done !== DISCARDED)
    s.note({
      kind: 'connector-call',
      step: 'erp-order',
      message: `${allCancelled ? 'ERP order closed' : 'ERP order updated'} (${why})`,
      connectorId: erp,
    });
}

/** Reduces a line to `target` open quantity by stopping what can be stopped; returns what was stopped. */
async function reduceLine(s: OrderState, line: BookLine, reduceBy: string, reason: string): Promise<string> {
  let left = reduceBy;
  // 1. Unallocated (backordered) quantity costs nothing to stop.
  const unallocated = max('0', subtractDecimal(open(line), outstanding(line)));
  const free = min(left, unallocated);
  left = subtractDecimal(left, free);
  line.backordered = max('0', subtractDecimal(line.backordered, free));
  // 2. Reserved, not released: give the reservation back.
  if (positive(left))
    left = subtractDecimal(left, await giveBackReserved(s, line, left, `change-${s.version}`));
  // 3. Released: only what the warehouse confirms it can stop; the rest of a stopped release is re-allocated.
  for (const release of s.releases.filter(
    (r) => r.status === 'released' && r.lines.some((l) => l.lineNumber === line.lineNumber),
  )) {
    if (!positive(left)) break;
    const held = line.allocations
      .filter((a) => a.releaseId === release.releaseId && a.state === 'released')
      .reduce((t, a) => addDecimal(t, a.quantity), '0');
    if (await stopRelease(s, release, reason)) left = subtractDecimal(left, min(left, held));
  }
  const stopped = subtractDecimal(reduceBy, left);
  line.cancelled = addDecimal(line.cancelled, stopped);
  return stopped;
}

/** Applies a quantity change; refuses lines that do not exist or would go below what shipped. */
export async function applyChange(s: OrderState, change: OrderChange): Promise<ChangeOutcome> {
  const problems: string[] = [];
  for (const c of change.lines) {
    const line = s.line(c.lineNumber);
    if (!line) {
      problems.push(`line ${c.lineNumber} is not on the order`);
      continue;
    }
    const current = subtractDecimal(line.ordered, line.cancelled);
    if (compareDecimal(c.quantity, current) > 0) {
      line.ordered = addDecimal(line.ordered, subtractDecimal(c.quantity, current));
      continue;
    }
    const reduceBy = subtractDecimal(current, c.quantity);
    if (!positive(reduceBy)) continue;
    const stoppable = open(line);
    const stopped = await reduceLine(s, line, min(reduceBy, stoppable), change.reason);
    if (compareDecimal(stopped, reduceBy) < 0)
      problems.push(
        `line ${c.lineNumber}: only ${stopped} of ${reduceBy} could be stopped (shipped or not stoppable at the warehouse)`,
      );
  }
  s.note({
    kind: 'change',
    step: 'change',
    message: `change by ${change.by}: ${change.reason}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
    by: change.by,
  });
  await syncErpOrder(s, `change by ${change.by}`);
  return {
    accepted: problems.length === 0,
    message: problems.length ? problems.join('; ') : 'change applied',
    lines: s.book.map(lineView),
  };
}

/** Cancels everything that can still be stopped. */
export async function applyCancel(s: OrderState, cancel: OrderCancellation): Promise<ChangeOutcome> {
  s.cancelRequested = true;
  const problems: string[] = [];
  for (const line of s.book) {
    const remaining = open(line);
    if (!positive(remaining)) continue;
    const stopped = await reduceLine(s, line, remaining, cancel.reason);
    if (compareDecimal(stopped, remaining) < 0)
      problems.push(
        `line ${line.lineNumber}: ${subtractDecimal(remaining, stopped)} already with the warehouse and not stoppable`,
      );
  }
  s.note({
    kind: 'change',
    step: 'cancel',
    message: `cancelled by ${cancel.by}: ${cancel.reason}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
    by: cancel.by,
  });
  await syncErpOrder(s, `cancelled by ${cancel.by}`);
  return {
    accepted: problems.length === 0,
    message: problems.length ? `cancelled what could be stopped; ${problems.join('; ')}` : 'order cancelled',
    lines: s.book.map(lineView),
  };
}
