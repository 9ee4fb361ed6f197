/** What the replenishment (coalescing) workflow starts with beyond the shared input, and what it answers. */
import type { ReplenishmentInput, ReplenishmentSignal } from '../procure-to-receive/types';
import type { Sizing } from './sizing';

/**
 * The workflow's input: the shared ReplenishmentInput, plus the signals a previous run received after it had
 * closed its window (carried over by continue-as-new, so none is lost).
 */
export interface ReplenishmentRunInput extends ReplenishmentInput {
  carried?: ReplenishmentSignal[];
}

/** How one coalescing window ended. */
export interface ReplenishmentResult {
  outcome: 'purchase-order' | 'no-sourcing' | 'nothing-claimed' | 'above-reorder-point' | 'discarded';
  /** Why, in words people read. */
  reason: string;
  /** `<workflowId>/<runId>`: what the signals were claimed for and the PO number was drawn for. */
  proposalId: string;
  /** Signals collected in the window (repeats of a signal id left out). */
  signalIds: string[];
  /** Of those, the ones this proposal claimed (others were already bought for). */
  claimedSignalIds: string[];
  /** Repeats of a signal id that were ignored. */
  ignoredRepeats: string[];
  sizing?: Sizing;
  purchaseOrder?: { purchaseOrderId: string; poNumber: string; workflowId: string; supplierId: string };
  /** Signals that came after the window closed and went on to the next run. */
  carriedOver: number;
}
