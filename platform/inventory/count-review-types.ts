/**
 * The audit of cycle counts against the ERP: one record per count movement (its id is the movement's id) saying what
 * was counted, by how much it differed, whether the difference was posted by itself or waited for a person, who
 * decided, when and why, and the ERP adjustment it became. Types only, so workflow code may import them.
 */

/**
 * What became of a count: `auto-posted` (within the policy, adjusted at once), `pending` (above a threshold, waiting
 * for a person), `approved` (a person approved; the adjustment is posted), `rejected` (the ERP keeps its quantity),
 * `no-variance` (the count matched; nothing to post).
 */
export type CountReviewStatus = 'auto-posted' | 'pending' | 'approved' | 'rejected' | 'no-variance';

/** The statuses, for validation. */
export const COUNT_REVIEW_STATUSES: readonly CountReviewStatus[] = [
  'auto-posted',
  'pending',
  'approved',
  'rejected',
  'no-variance',
];

/** Where the unit cost of a count's value came from. */
export type UnitCostSource = 'erp-valuation' | 'item-master' | 'erp-item';

/** The ERP adjustment a count became. */
export interface CountReviewErp {
  connectorId: string;
  /** The ERP's id of the adjustment, once posted. */
  externalId?: string;
  documentNumber?: string;
  postedAt?: string;
}

/** What is known of a count when it is first recorded. */
export interface CountReviewInput {
  /** The count movement's id (also the ERP adjustment's id). */
  id: string;
  legalEntityId: string;
  sku: string;
  locationId: string;
  itemId: string;
  /** The unit of the quantities (the item's base unit). */
  uom: string;
  /** On hand before the count, when the movement says what was counted. */
  previousQuantity?: string;
  countedQuantity?: string;
  /** Signed: counted − previous. */
  varianceUnits: string;
  /** Signed: varianceUnits × unit cost, when a unit cost is known. */
  varianceValue?: string;
  unitCost?: { amount: string; currency: string; source: UnitCostSource };
  /** The policy the count was judged by. */
  thresholds: { units: string; value: string; currency: string };
  /** Why the count waits for approval (empty when it did not). */
  reviewReasons: string[];
  occurredAt: string;
  reasonCode?: string;
  movementNumber?: string;
  /** The connector the count came from (the WMS). */
  sourceConnectorId: string;
  erp: CountReviewErp;
  /** The approval workflow, for pending counts. */
  workflowId?: string;
}

/** One count's audit record as the store and the API answer it. */
export interface CountReview extends CountReviewInput {
  status: CountReviewStatus;
  recordedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
  /** What the decision means for the systems (e.g. a rejection leaves the ERP as it was). */
  note?: string;
}

/** A person's decision on a pending count. */
export interface CountDecisionRecord {
  status: 'approved' | 'rejected';
  by: string;
  reason: string;
  at: string;
  note?: string;
}

/** A filtered page of reviews, in id order. */
export interface CountReviewPage {
  items: CountReview[];
  nextCursor?: string;
}

/** The count reviews. */
export interface CountReviewStore {
  ensureIndexes(): Promise<void>;
  /**
   * Stores a count that needed no person (status `auto-posted` or `no-variance`); again for the same id it only
   * fills in the ERP's answer, so a redelivery keeps one record.
   */
  recordDecided(
    review: CountReviewInput,
    status: 'auto-posted' | 'no-variance',
    note?: string,
  ): Promise<CountReview>;
  /** Stores a count waiting for approval; an existing record of the id is answered unchanged. */
  recordPending(review: CountReviewInput): Promise<CountReview>;
  /**
   * Decides a pending count. The same decision again (same status and person) answers the record; any other
   * decision on a decided count is a ConflictError naming its status; an unknown id a NotFoundError.
   */
  decide(id: string, decision: CountDecisionRecord): Promise<CountReview>;
  /** Notes the ERP's answer for a posted adjustment. */
  markPosted(
    id: string,
    erp: CountReviewErp & { externalId: string; postedAt: string },
  ): Promise<CountReview>;
  get(id: string): Promise<CountReview | undefined>;
  /** Reviews by status and legal entity, in id order, `limit` (≤ 200, default 50) per page. */
  list(filter: {
    status?: CountReviewStatus;
    legalEntityId?: string;
    cursor?: string;
    limit?: number;
  }): Promise<CountReviewPage>;
}
