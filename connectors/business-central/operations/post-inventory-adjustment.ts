/**
 * post-inventory-adjustment: one item journal line through the hub's item journal API page (Business Central's
 * standard API v2.0 has no item journal), then its bound action `Microsoft.NAV.post`. Idempotent by the hub's id:
 * the line's Document No. is derived from it, so a retry first finds the posted item ledger entry (and answers it,
 * `created: false`) or a line an interrupted attempt left unposted (and posts that one instead of a second).
 */
import { HubError, isHubError } from '../../../platform/errors';
import type { FieldError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { InventoryAdjustment } from '../../sdk/ports/erp';
import { DEFAULT_ITEM_JOURNAL } from '../config-schema';
import type { BcContext } from '../context';
import { adjustmentDocumentNo, itemJournalLineBody, quantityDeltaProblem } from '../mappers/adjustment';
import type { JournalTarget } from '../mappers/adjustment';
import type { BcRecord } from '../mappers/common';
import { odataString } from '../transport';
import { findOne } from './resolve';

/** Posts the adjustment once. */
export async function postInventoryAdjustment(
  ctx: BcContext,
  adjustment: InventoryAdjustment,
  context: WriteContext,
): Promise<WriteResult> {
  const { signal } = context;
  const target = await resolveTarget(ctx, adjustment, context);
  const documentNo = adjustmentDocumentNo(adjustment.id);
  const earlier = await postedEntry(ctx, documentNo, signal);
  if (earlier) return { externalId: String(earlier.id), documentNumber: documentNo, created: false };

  const api = ctx.config.itemJournalApi ?? DEFAULT_ITEM_JOURNAL.api;
  const opt = signal ? { signal } : {};
  const journal = (request: Parameters<BcContext['transport']['requestApi']>[1]) =>
    ctx.transport.requestApi<BcRecord & { value?: BcRecord[] }>(api, request);
  const pending = await journal({
    method: 'GET',
    path: '/itemJournalLines',
    query: {
      $filter:
        `journalTemplateName eq ${odataString(target.template)} and ` +
        `journalBatchName eq ${odataString(target.batch)} and documentNumber eq ${odataString(documentNo)}`,
    },
    ...opt,
  }).catch((err: unknown) => {
    throw notInstalled(err, api) ?? err;
  });
  const line =
    pending.body.value?.[0] ??
    (
      await journal({
        method: 'POST',
        path: '/itemJournalLines',
        body: itemJournalLineBody(adjustment, target),
        ...opt,
      })
    ).body;
  await journal({ method: 'POST', path: `/itemJournalLines(${String(line.id)})/Microsoft.NAV.post`, ...opt });
  const posted = await postedEntry(ctx, documentNo, signal);
  if (!posted) {
    throw new HubError(
      'transient',
      `Business Central posted inventory adjustment ${adjustment.id} but its item ledger entry is not visible yet`,
    );
  }
  return { externalId: String(posted.id), documentNumber: documentNo, created: true };
}

/** Checks the adjustment and finds its item and location in the company; every defect at once, by field. */
async function resolveTarget(
  ctx: BcContext,
  adjustment: InventoryAdjustment,
  context: WriteContext,
): Promise<JournalTarget> {
  const { transport } = ctx;
  const { signal } = context;
  const errors: FieldError[] = [];
  const problem = quantityDeltaProblem(adjustment.quantityDelta);
  if (problem) errors.push({ path: '/quantityDelta', message: problem });
  if (!/^\d{4}-\d{2}-\d{2}/.test(adjustment.occurredAt))
    errors.push({ path: '/occurredAt', message: 'is not an ISO 8601 date-time' });
  const item = adjustment.sku
    ? await findOne(transport, 'items', `number eq ${odataString(adjustment.sku)}`, signal)
    : undefined;
  if (!item) errors.push({ path: '/sku', message: `${adjustment.sku} names no item Business Central knows` });
  else if (item.type !== 'Inventory')
    errors.push({
      path: '/sku',
      message: `${adjustment.sku} is a ${String(item.type)} item, not an inventory item`,
    });
  const code = adjustment.locationId
    ? await context.references.externalId('location', adjustment.locationId)
    : undefined;
  const location = code
    ? await findOne(transport, 'locations', `code eq ${odataString(code)}`, signal)
    : undefined;
  if (!code) {
    errors.push({
      path: '/locationId',
      message: `${adjustment.locationId} is not linked to a Business Central location`,
    });
  } else if (!location) {
    errors.push({
      path: '/locationId',
      message: `is linked to location code ${code}, which the company has not`,
    });
  }
  if (errors.length) {
    throw new HubError(
      'data',
      `Business Central inventory adjustment ${adjustment.id}: ${errors[0]!.path} ${errors[0]!.message}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''),
      { fieldErrors: errors },
    );
  }
  return {
    template: ctx.config.itemJournalTemplate ?? DEFAULT_ITEM_JOURNAL.template,
    batch: ctx.config.itemJournalBatch ?? DEFAULT_ITEM_JOURNAL.batch,
    itemNumber: String(item!.number),
    locationCode: code!,
  };
}

/** The item ledger entry posted under `documentNo`, if any. */
function postedEntry(ctx: BcContext, documentNo: string, signal?: AbortSignal) {
  return findOne(ctx.transport, 'itemLedgerEntries', `documentNumber eq ${odataString(documentNo)}`, signal);
}

/** A 404 listing the journal lines means the extension (or that version of it) is not installed: `config`. */
function notInstalled(err: unknown, api: string): HubError | undefined {
  if (!isHubError(err) || err.upstream?.status !== 404) return undefined;
  return new HubError(
    'config',
    `Business Central has no item journal API at /api/${api} (install the hub's item journal extension, or set ` +
      'itemJournalApi to the API page the tenant has)',
    { upstream: err.upstream, cause: err },
  );
}
