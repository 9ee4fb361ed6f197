/** Arguments and results of the customer-return activities (types only; the workflow proxies them). */
import type { Return } from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import type { CreditMemoPlan, ReturnView } from '../../workflows/order-return/types';

/** Arguments of postCreditMemo: the planned memo and what the canonical credit memo needs besides. */
export interface PostCreditMemoArgs {
  erpConnectorId: string;
  memo: CreditMemoPlan;
  document: Return;
  orderId: string;
  customerId: string;
  currency: string;
}

/** The activities of the return flow, as the workflow proxies them. */
export interface ReturnActivities {
  createExpectedReturn(args: {
    wmsConnectorId: string;
    document: Return;
    idempotencyKey: string;
  }): Promise<WriteResult>;
  /** Good units back on hand (idempotent by each line's opId). */
  restockReturn(args: {
    locationId: string;
    lines: { sku: string; quantity: string; opId: string }[];
  }): Promise<void>;
  postCreditMemo(args: PostCreditMemoArgs): Promise<WriteResult>;
  saveReturnView(view: ReturnView): Promise<void>;
}
