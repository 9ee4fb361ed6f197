/** Every workflow the worker registers (the bundle entry point). */
export { stackSmokeWorkflow } from './stack-smoke';
export { orderToCashWorkflow } from './order-to-cash/workflow';
export { orderReturnWorkflow } from './order-return/workflow';
export { replenishmentWorkflow } from './replenishment/workflow';
export { procureToReceiveWorkflow } from './procure-to-receive/workflow';
export { cycleCountApprovalWorkflow } from './inventory-count/workflow';
export { inventoryReconciliationWorkflow } from './inventory-reconciliation/workflow';
export { masterDataSyncWorkflow } from './master-data-sync/workflow';
export { transferOrderWorkflow } from './transfer-order/workflow';
export { bulkReplayWorkflow } from './bulk-replay/workflow';
