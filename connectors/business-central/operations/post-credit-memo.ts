/**
 * post-invoice for an AR credit memo: a `salesCreditMemos` document (applied to the original invoice through
 * invoiceId when the memo names one) with its lines, then its bound action `Microsoft.NAV.post`. The memo's
 * canonical id is its externalDocumentNumber, so a retry finds it and posts nothing twice. A memo that would credit
 * more of an item than the original invoice billed, counting earlier memos applied to it, is refused.
 */
import type { Invoice } from '../../../canonical-model/generated/index';
import { HubError } from '../../../platform/errors';
import type { FieldError } from '../../../platform/errors';
import type { WriteContext, WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import type { BcRecord } from '../mappers/common';
import { creditMemoBody, creditMemoKey } from '../mappers/credit-memo';
import { odataString } from '../transport';
import { creditedAgainst, quantities } from './applied-credits';
import { creditMemoLines } from './credit-memo-lines';
import { overCredits } from '../../sdk/over-credit';
import { linesOf, readDocument } from './read-document';
import { findOne } from './resolve';

/** Posts the credit memo once; a retry answers the memo made before with `created: false`. */
export async function postCreditMemo(
  ctx: BcContext,
  memo: Invoice,
  context: WriteContext,
): Promise<WriteResult> {
  const { transport, config } = ctx;
  const { references, signal } = context;
  const opt = signal ? { signal } : {};
  const what = `sales credit memo ${memo.invoiceNumber}`;
  const errors: FieldError[] = [];
  const fail = () => {
    if (errors.length)
      throw new HubError('data', `Business Central ${what}: ${errors[0]!.path} ${errors[0]!.message}`, {
        fieldErrors: errors,
      });
  };
  const linked = async (type: string, id: string | undefined, path: string) => {
    const found = id ? await references.externalId(type, id) : undefined;
    if (id && !found) errors.push({ path, message: `${id} is not linked to a Business Central ${type}` });
    return found;
  };
  const customerId = await linked('customer', memo.customerId, '/customerId');
  if (!memo.customerId)
    errors.push({ path: '/customerId', message: 'is missing; an AR credit memo needs its customer' });
  const orderId = await linked('sales-order', memo.salesOrderId, '/salesOrderId');
  const invoiceId = await linked('invoice', memo.originalInvoiceId, '/originalInvoiceId');
  fail();

  const key = creditMemoKey(memo.id);
  const post = (id: string) =>
    transport.request({ method: 'POST', path: `/salesCreditMemos(${id})/Microsoft.NAV.post`, ...opt });
  const read = async (id: string) =>
    (await transport.request<BcRecord>({ method: 'GET', path: `/salesCreditMemos(${id})`, ...opt })).body;
  const earlier = await findOne(
    transport,
    'salesCreditMemos',
    `externalDocumentNumber eq ${odataString(key)} and customerId eq ${customerId!}`,
    signal,
  );
  if (earlier) {
    const id = String(earlier.id);
    if (earlier.status === 'Draft') await post(id); // an earlier attempt stopped between create and post
    return { externalId: id, documentNumber: String((await read(id)).number), created: false };
  }

  const order = orderId
    ? await readDocument(ctx, 'salesOrders', 'salesOrderLines', orderId, '/salesOrderId', signal)
    : undefined;
  const invoice = invoiceId
    ? await readDocument(ctx, 'salesInvoices', 'salesInvoiceLines', invoiceId, '/originalInvoiceId', signal)
    : undefined;
  const invoiceName = typeof invoice?.number === 'string' ? invoice.number : (invoiceId ?? '');
  if (invoice && invoice.customerId !== customerId)
    errors.push({
      path: '/customerId',
      message: `is not the customer Business Central invoice ${invoiceName} billed`,
    });
  const billed = linesOf(invoice, 'salesInvoiceLines');
  const lines = await creditMemoLines(
    ctx,
    references,
    memo,
    linesOf(order, 'salesOrderLines'),
    invoice && { name: invoiceName, lines: billed },
    errors,
    signal,
  );
  fail();
  if (invoice) {
    const credited = await creditedAgainst(ctx, invoiceId!, signal);
    errors.push(...overCredits(lines, quantities(billed), credited, invoiceName));
    fail();
  }

  const body = creditMemoBody(
    memo,
    lines,
    { customerId: customerId!, key, ...(invoiceId ? { invoiceId } : {}) },
    config.localCurrency,
  );
  const created = await transport.request<BcRecord>({
    method: 'POST',
    path: '/salesCreditMemos',
    body,
    ...opt,
  });
  const id = String(created.body.id);
  await post(id);
  return { externalId: id, documentNumber: String((await read(id)).number), created: true };
}
