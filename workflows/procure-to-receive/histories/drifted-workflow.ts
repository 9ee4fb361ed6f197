/**
 * A deliberately drifted procureToReceiveWorkflow, used only by ../replay.test.ts to prove the replay test fails on
 * an unguarded change: it reads the stock position of the PO's first line before anything else (a harmless looking
 * addition), so its first activity differs from every recorded PO history's. The replenishment workflow is the
 * current one, so its history still replays. Never registered by a worker.
 */
import { bookkeeping } from '../steps';
import type { ProcureToReceiveInput, PurchaseOrderView } from '../types';
import { procureToReceiveWorkflow as current } from '../workflow';

export { replenishmentWorkflow } from '../../replenishment/workflow';

/** The current workflow with an extra, unpatched stock-position read in front. */
export async function procureToReceiveWorkflow(input: ProcureToReceiveInput): Promise<PurchaseOrderView> {
  const po = input.purchaseOrder;
  await bookkeeping.readStockPosition({
    sku: po.lines[0]?.item.identifiers[0]?.value ?? '',
    locationId: po.shipToLocationId ?? '',
    legalEntityId: po.legalEntityId,
  });
  return current(input);
}
