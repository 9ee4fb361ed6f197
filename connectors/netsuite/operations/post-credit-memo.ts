/**
 * post-invoice for an AR credit memo: `invoice !transform creditMemo` when the memo names its original invoice,
 * else a `creditMemo` created for the customer. Posted once per canonical id (the memo's externalId). A memo that
 * would credit more of an item than the original invoice billed, counting earlier memos against it, is refused.
 */
import type { Invoice } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import { decimalText } from '../../sdk/json';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { creditMemoToNetSuite } from '../mappers/credit-memo';
import { References } from '../references';
import { byExternalId } from '../transport';
import type { NsOrder } from '../types';
import { creditLines } from './credit-lines';
import { creditedAgainst } from './earlier-credits';
import { overCredits } from '../../sdk/over-credit';
import { readSource } from './post-transform';

const written = (record: NsOrder | undefined, id: string, created: boolean): WriteResult => ({
  externalId: id,
  ...(record?.tranId ? { documentNumber: record.tranId } : {}),
  created,
});

/** Posts the credit memo once; a retry answers the memo made before with `created: false`. */
export async function postCreditMemo(
  ctx: NetSuiteContext,
  memo: Invoice,
  context: WriteContext,
): Promise<WriteResult> {
  const { transport } = ctx;
  const { signal } = context;
  const what = `credit memo ${memo.id}`;
  const refs = new References(ctx, context);
  const entityId = await refs.required('customer', memo.customerId, '/customerId');
  const salesOrderId = await refs.optional('sales-order', memo.salesOrderId, '/salesOrderId');
  const invoiceId = await refs.optional('invoice', memo.originalInvoiceId, '/originalInvoiceId');
  refs.throwIfAny(what);

  const earlier = await transport.get<NsOrder>('creditMemo', byExternalId(memo.id), signal);
  if (earlier?.id) return written(earlier, earlier.id, false);

  const order = salesOrderId
    ? await readSource(ctx, 'salesOrder', salesOrderId, '/salesOrderId', signal)
    : undefined;
  const invoice = invoiceId
    ? await readSource(ctx, 'invoice', invoiceId, '/originalInvoiceId', signal)
    : undefined;
  const invoiceName = invoice?.tranId ?? invoiceId ?? '';
  if (invoice?.entity?.id && invoice.entity.id !== entityId)
    refs.add('/customerId', `is not the customer NetSuite invoice ${invoiceName} billed`);
  const lines = await creditLines(
    refs,
    memo,
    order?.item?.items ?? [],
    invoice && { name: invoiceName, lines: invoice.item?.items ?? [] },
  );
  refs.throwIfAny(what);
  if (invoice && invoiceId) {
    const billed = (invoice.item?.items ?? []).map((l) => ({
      itemId: l.item?.id ?? '',
      quantity: decimalText(l.quantity) ?? '0',
    }));
    const errors = overCredits(lines, billed, await creditedAgainst(ctx, invoiceId, signal), invoiceName);
    if (errors.length) {
      throw new HubError('data', `NetSuite ${what}: ${errors[0]!.path} ${errors[0]!.message}`, {
        fieldErrors: errors,
      });
    }
  }

  const body = creditMemoToNetSuite(memo, lines, { entityId, ...(salesOrderId ? { salesOrderId } : {}) });
  const id = invoiceId
    ? await transport.transform('invoice', invoiceId, 'creditMemo', body, signal)
    : await transport.create('creditMemo', body, signal);
  return written(await transport.get<NsOrder>('creditMemo', encodeURIComponent(id), signal), id, true);
}
