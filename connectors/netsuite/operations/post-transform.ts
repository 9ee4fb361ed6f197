/**
 * The shared shape of every posting against an order (receipt, fulfilment, invoice, bill): return the record an
 * earlier attempt made (same external id) instead of posting twice, read the source order, build the body from
 * its lines, `!transform`, and read back the new record's document number.
 */
import { HubError } from '../../../platform/errors';
import type { WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { byExternalId } from '../transport';
import type { NsOrder, NsTransactionLine } from '../types';

/** What one posting needs. */
export interface TransformPosting {
  sourceType: 'salesOrder' | 'purchaseOrder';
  /** Internal id of the source order. */
  sourceId: string;
  /** The canonical field that named the source order, for the error when NetSuite has no such order. */
  sourcePath: string;
  target: 'itemReceipt' | 'itemFulfillment' | 'invoice' | 'vendorBill';
  /** The canonical document's id, used as the new record's externalId. */
  externalId: string;
  build(lines: NsTransactionLine[]): Promise<unknown>;
  signal?: AbortSignal;
}

/** Posts once: a retry finds the earlier record by external id and answers `created: false`. */
export async function postTransform(ctx: NetSuiteContext, posting: TransformPosting): Promise<WriteResult> {
  const { transport } = ctx;
  const earlier = await transport.get<NsOrder>(
    posting.target,
    byExternalId(posting.externalId),
    posting.signal,
  );
  if (earlier?.id) {
    return {
      externalId: earlier.id,
      ...(earlier.tranId ? { documentNumber: earlier.tranId } : {}),
      created: false,
    };
  }
  const source = await readSource(
    ctx,
    posting.sourceType,
    posting.sourceId,
    posting.sourcePath,
    posting.signal,
  );
  const body = await posting.build(source.item?.items ?? []);
  const id = await transport.transform(
    posting.sourceType,
    posting.sourceId,
    posting.target,
    body,
    posting.signal,
  );
  const made = await transport.get<NsOrder>(posting.target, encodeURIComponent(id), posting.signal);
  return { externalId: id, ...(made?.tranId ? { documentNumber: made.tranId } : {}), created: true };
}

/** The source record of a posting; a `data` HubError naming `path` when NetSuite has no such record. */
export async function readSource(
  ctx: NetSuiteContext,
  type: string,
  id: string,
  path: string,
  signal?: AbortSignal,
): Promise<NsOrder> {
  const source = await ctx.transport.get<NsOrder>(type, encodeURIComponent(id), signal);
  if (!source) {
    throw new HubError('data', `NetSuite has no ${type} ${id} (${path})`, {
      fieldErrors: [{ path, message: `NetSuite has no ${type} ${id}` }],
    });
  }
  return source;
}
