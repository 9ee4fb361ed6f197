/**
 * A held order waits for a person: `decideHold` approves or rejects it (who and why are recorded). When nobody
 * decides within the policy's hold time-out the order is escalated; with `autoRejectAfterMinutes` set it is then
 * rejected when the escalation goes unanswered too. A cancellation ends the wait.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { decideHoldUpdate } from './messages';
import type { OrderState } from './order-state';
import { connectorCalls, save } from './steps';
import type { HoldDecision } from './types';

const MINUTE_MS = 60_000;

/** How a hold ended. */
export type HoldVerdict = 'approved' | 'rejected' | 'cancelled';

/** Puts the order on hold and waits for the decision, the escalation time-out or a cancellation. */
export async function waitForDecision(
  s: OrderState,
  requests: { kind: string }[],
  applyRequests: () => Promise<void>,
): Promise<HoldVerdict> {
  let decision: HoldDecision | undefined;
  let decided = false;
  setHandler(
    decideHoldUpdate,
    async (d) => {
      decision = d;
      await condition(() => decided);
      return s.view();
    },
    {
      validator: (d: HoldDecision) => {
        if (s.status !== 'on-hold' && s.status !== 'escalated')
          throw new Error(`order is ${s.status}, not on hold`);
        if (decision) throw new Error('a decision was already made');
        if (!d.reason.trim()) throw new Error('/reason must say why');
      },
    },
  );
  s.setStatus('on-hold', s.holds.map((h) => `${h.kind}: ${h.message}`).join('; '));
  for (const h of s.holds) s.note({ kind: 'hold', step: h.kind, message: h.message });
  await save(s);
  const { holdTimeoutMinutes, autoRejectAfterMinutes } = s.input.policy;
  /** Waits for a decision until `deadline` (ms, workflow time; undefined: forever), applying changes meanwhile. */
  const wait = async (deadline: number | undefined): Promise<'decided' | 'cancelled' | 'timeout'> => {
    for (;;) {
      const left = deadline === undefined ? undefined : deadline - Date.now();
      if (left !== undefined && left <= 0) return 'timeout';
      const ready = () => decision !== undefined || requests.length > 0;
      // Without a time-out, condition() resolves to undefined rather than true.
      if (left === undefined) await condition(ready);
      else if (!(await condition(ready, left))) return 'timeout';
      if (decision) return 'decided';
      const cancelling = requests.some((r) => r.kind === 'cancel');
      await applyRequests();
      if (cancelling) return 'cancelled';
    }
  };
  let outcome = await wait(Date.now() + holdTimeoutMinutes * MINUTE_MS);
  if (outcome === 'timeout') {
    s.setStatus('escalated', `no decision within ${holdTimeoutMinutes} minutes`);
    s.note({
      kind: 'escalation',
      step: 'hold',
      message: `hold escalated after ${holdTimeoutMinutes} minutes`,
    });
    await connectorCalls.escalateOrder({
      orderId: s.order.id,
      businessKey: s.input.businessKey,
      reason: 'hold not decided in time',
    });
    await save(s);
    outcome = await wait(
      autoRejectAfterMinutes > 0 ? Date.now() + autoRejectAfterMinutes * MINUTE_MS : undefined,
    );
    if (outcome === 'timeout')
      decision = {
        decision: 'reject',
        by: 'hub',
        reason: `no decision within ${autoRejectAfterMinutes} minutes of escalation`,
      };
  }
  if (outcome === 'cancelled' || !decision) return 'cancelled';
  const d = decision;
  s.decisions.push({ ...d, at: s.now() });
  s.note({
    kind: 'decision',
    step: d.decision,
    message: `${d.decision === 'approve' ? 'approved' : 'rejected'} by ${d.by}: ${d.reason}`,
    by: d.by,
  });
  if (d.decision === 'reject') {
    for (const l of s.book) l.cancelled = l.ordered;
    s.setStatus('rejected', `rejected by ${d.by}`);
  } else s.setStatus('validating', `approved by ${d.by}`);
  decided = true;
  return d.decision === 'approve' ? 'approved' : 'rejected';
}
