/**
 * Signals, update and query of the cycle-count approval workflow. `approve` / `reject` are signals (fire and
 * forget, e.g. from another system); `decideCount` is the same decision as an update that answers with the view,
 * or is refused when the count is decided already (the API's way, so it can answer 409).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CountApprovalView, CountDecision } from './types';

/** Name of the workflow type. */
export const CYCLE_COUNT_APPROVAL_WORKFLOW = 'cycleCountApprovalWorkflow';

/** Approves the count: the ERP is adjusted by its difference. */
export const approveCountSignal = defineSignal<[Omit<CountDecision, 'decision'>]>('approve');
/** Rejects the count: the ERP keeps its quantity. */
export const rejectCountSignal = defineSignal<[Omit<CountDecision, 'decision'>]>('reject');
/** Approves or rejects; refused when the count is decided already. */
export const decideCountUpdate = defineUpdate<CountApprovalView, [CountDecision]>('decideCount');
/** The approval as it stands. */
export const countApprovalQuery = defineQuery<CountApprovalView>('countApproval');
