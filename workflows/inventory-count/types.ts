/**
 * Types of the cycle-count approval workflow (one per count movement above the count policy's thresholds):
 * its input, a person's decision, and the live view its query and update answer. Types only.
 */
import type { InventoryAdjustment } from '../../connectors/sdk/ports/erp';
import type { CountReviewInput } from '../../platform/inventory/count-review-types';

/** The workflow id of a count movement's approval. */
export function countApprovalWorkflowId(movementId: string): string {
  return `inventory-count:${movementId}`;
}

/** What the consumer starts the workflow with. */
export interface CountApprovalInput {
  /** The audit record to store as pending. */
  review: CountReviewInput;
  /** The ERP adjustment an approval posts (its memo gets the approver). */
  adjustment: InventoryAdjustment;
  erpConnectorId: string;
  correlationId: string;
}

/** A person's decision: who, and why. */
export interface CountDecision {
  decision: 'approve' | 'reject';
  by: string;
  reason: string;
}

/** Where the count's approval stands. */
export type CountApprovalStatus = 'pending' | 'approved' | 'posted' | 'rejected' | 'discarded';

/** The live view of the workflow. */
export interface CountApprovalView {
  movementId: string;
  status: CountApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  /** The ERP adjustment's id once posted. */
  erpExternalId?: string;
  note?: string;
}

/** What the workflow ends with. */
export type CountApprovalResult = CountApprovalView;
