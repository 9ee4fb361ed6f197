/**
 * post-inventory-adjustment: `POST inventoryAdjustment` with the hub's id as externalId. A retry (or a second
 * post of the same id) finds the first record by `eid:` — or is refused by NetSuite as a duplicate external id and
 * then finds it — and answers it with `created: false`, so on hand never moves twice.
 */
import { HubError, isHubError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { InventoryAdjustment } from '../../sdk/ports/erp';
import type { NetSuiteContext } from '../context';
import { findAccountId, findItemId } from '../lookup';
import { inventoryAdjustmentToNetSuite, quantityDeltaProblem } from '../mappers/adjustment';
import { References } from '../references';
import { byExternalId } from '../transport';
import type { NsOrder, NsRef } from '../types';

/** The account adjustments post against when the config names none. */
export const DEFAULT_ADJUSTMENT_ACCOUNT_NAME = 'Inventory Adjustment';

/** Posts the adjustment once. */
export async function postInventoryAdjustment(
  ctx: NetSuiteContext,
  adjustment: InventoryAdjustment,
  context: WriteContext,
): Promise<WriteResult> {
  const { transport } = ctx;
  const { signal } = context;
  const refs = new References(ctx, context);
  const problem = quantityDeltaProblem(adjustment.quantityDelta);
  if (problem) refs.add('/quantityDelta', problem);
  if (!/^\d{4}-\d{2}-\d{2}/.test(adjustment.occurredAt))
    refs.add('/occurredAt', 'is not an ISO 8601 date-time');
  let itemId: string | undefined;
  if (!adjustment.sku || /["\\]/.test(adjustment.sku)) refs.add('/sku', 'is not a SKU NetSuite can look up');
  else {
    itemId = await findItemId(ctx, adjustment.sku, signal);
    if (!itemId) refs.add('/sku', `${adjustment.sku} names no inventory item NetSuite knows`);
  }
  const locationId = await refs.required('location', adjustment.locationId, '/locationId');
  const location = locationId
    ? await transport.get<{ id?: string; subsidiary?: NsRef }>(
        'location',
        encodeURIComponent(locationId),
        signal,
      )
    : undefined;
  if (locationId && !location)
    refs.add('/locationId', `is linked to NetSuite location ${locationId}, which does not exist`);
  refs.throwIfAny(`inventory adjustment ${adjustment.id}`);

  const earlier = await findEarlier(ctx, adjustment.id, signal);
  if (earlier) return earlier;
  const accountId = ctx.config.adjustmentAccountId ?? (await defaultAccountId(ctx, signal));
  const subsidiaryId = ctx.config.subsidiaryId ?? location?.subsidiary?.id;
  const body = inventoryAdjustmentToNetSuite(adjustment, {
    itemId: itemId!,
    locationId,
    accountId,
    ...(subsidiaryId ? { subsidiaryId } : {}),
  });
  let id: string;
  try {
    id = await transport.create('inventoryAdjustment', body, signal);
  } catch (err) {
    // An earlier attempt made it, but its answer was lost: NetSuite refuses the external id a second time.
    const again = isDuplicate(err) ? await findEarlier(ctx, adjustment.id, signal) : undefined;
    if (again) return again;
    throw err;
  }
  const made = await transport.get<NsOrder>('inventoryAdjustment', encodeURIComponent(id), signal);
  return { externalId: id, ...(made?.tranId ? { documentNumber: made.tranId } : {}), created: true };
}

async function findEarlier(
  ctx: NetSuiteContext,
  externalId: string,
  signal?: AbortSignal,
): Promise<WriteResult | undefined> {
  const earlier = await ctx.transport.get<NsOrder>('inventoryAdjustment', byExternalId(externalId), signal);
  if (!earlier?.id) return undefined;
  return {
    externalId: earlier.id,
    ...(earlier.tranId ? { documentNumber: earlier.tranId } : {}),
    created: false,
  };
}

function isDuplicate(err: unknown): boolean {
  return (
    isHubError(err) && (err.kind === 'duplicate' || (err.upstream?.bodyExcerpt ?? '').includes('DUP_RCRD'))
  );
}

async function defaultAccountId(ctx: NetSuiteContext, signal?: AbortSignal): Promise<string> {
  const id = await findAccountId(ctx, DEFAULT_ADJUSTMENT_ACCOUNT_NAME, signal);
  if (id) return id;
  throw new HubError(
    'config',
    `NetSuite has no account named "${DEFAULT_ADJUSTMENT_ACCOUNT_NAME}"; set adjustmentAccountId to the ` +
      'internal id of the account inventory adjustments post against',
    {
      fieldErrors: [
        { path: '/adjustmentAccountId', message: 'is needed: no default adjustment account exists' },
      ],
    },
  );
}
