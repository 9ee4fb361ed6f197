/**
 * A customer return of a shipped order: the WMS is told to expect it → wait for the receipt (or expire after the
 * policy's days) → credit by condition and reason → put good units back in the stock ledger → post one credit
 * memo per original AR invoice in the ERP → credited (or closed with no credit). Failed steps are dead-lettered
 * and wait for a replay (runStep), like the order-to-cash flow's.
 */
import { condition, setHandler } from '@temporalio/workflow';
import type { ReturnActivities } from '../../activities/order-return/types';
import { CONNECTOR_POLICY, DISCARDED, flowActivities, flowStep } from '../flow-steps';
import { planCredit } from './credit';
import { returnReceivedSignal, returnStatusQuery } from './messages';
import { ReturnState } from './state';
import type { ReturnInput, ReturnReceipt, ReturnView } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Connector calls and the hub's own bookkeeping, as every flow proxies them. */
const { connectorCalls, bookkeeping } = flowActivities<ReturnActivities>();

/** Runs one side effect of the return through runStep; undefined when a person discarded it. */
async function step<T>(
  s: ReturnState,
  name: string,
  call: () => Promise<T>,
  connectorId?: string,
): Promise<T | undefined> {
  const result = await flowStep(
    name,
    {
      flow: 'order-return',
      businessKeys: {
        returnId: s.input.returnId,
        orderId: s.input.orderId,
        orderNumber: s.input.orderNumber,
      },
      correlationId: s.input.correlationId,
      payload: { returnId: s.input.returnId },
      maximumAttempts: CONNECTOR_POLICY.maximumAttempts,
      ...(connectorId ? { connectorId } : {}),
    },
    call,
    (discarded) => s.note(name, `discarded by ${discarded.by}: ${discarded.reason}`),
  );
  return result === DISCARDED ? undefined : result;
}

const save = (s: ReturnState) => bookkeeping.saveReturnView(s.view());

/** The return flow of one return authorisation. */
export async function orderReturnWorkflow(input: ReturnInput): Promise<ReturnView> {
  const s = new ReturnState(input);
  let receipt: ReturnReceipt | undefined;
  setHandler(returnStatusQuery, () => s.view());
  setHandler(returnReceivedSignal, (r) => {
    if (receipt || r.type !== 'return' || r.status !== 'completed') return;
    receipt = r;
  });
  s.note('authorised', `return ${input.document.returnNumber} authorised by ${input.by}`);
  await save(s);

  const wms = input.policy.wmsConnectorId;
  if (wms) {
    const expected = await step(
      s,
      'expected-return',
      () =>
        connectorCalls.createExpectedReturn({
          wmsConnectorId: wms,
          document: input.document,
          idempotencyKey: `return/${input.returnId}`,
        }),
      wms,
    );
    if (expected) {
      s.expectedReturn = {
        connectorId: wms,
        externalId: expected.externalId,
        ...(expected.documentNumber ? { documentNumber: expected.documentNumber } : {}),
      };
      s.note(
        'expected-return',
        `the warehouse expects the return as ${expected.documentNumber ?? expected.externalId}`,
        {
          connectorId: wms,
        },
      );
    }
  } else s.note('expected-return', 'the order policy names no WMS: nothing told to the warehouse');
  s.setStatus('awaiting-receipt', `waiting up to ${input.policy.returnExpiryDays} days for the goods`);
  await save(s);

  const received = await condition(() => receipt !== undefined, input.policy.returnExpiryDays * DAY_MS);
  if (!received || !receipt) {
    s.setStatus('expired', `nothing received within ${input.policy.returnExpiryDays} days`);
    await save(s);
    return s.view();
  }
  const got: ReturnReceipt = receipt;
  s.receiptId = got.id;
  s.plan = planCredit({
    returnId: input.returnId,
    lines: input.lines,
    receipt: got,
    invoices: input.invoices,
    restockingFeePercent: input.policy.restockingFeePercent,
  });
  s.setStatus('received', `receipt ${got.receiptNumber} taken; credit ${s.plan.total} ${input.currency}`);
  for (const l of s.plan.lines) {
    s.note(
      'credit',
      `line ${l.lineNumber}: received ${l.received} (${l.good} good), credited ${l.credited}${l.fee !== '0.00' ? `, fee ${l.fee}` : ''}${l.note ? `; ${l.note}` : ''}`,
    );
  }
  await save(s);

  const restock = s.plan.lines.filter((l) => l.restock !== '0' && !/^0(\.0+)?$/.test(l.restock));
  if (restock.length) {
    await bookkeeping.restockReturn({
      locationId: input.returnLocationId,
      lines: restock.map((l) => {
        const line = input.lines.find((x) => x.lineNumber === l.lineNumber);
        return {
          sku: line?.sku ?? '',
          quantity: l.restock,
          opId: `return/${input.returnId}/${l.lineNumber}`,
        };
      }),
    });
    for (const l of restock) s.restocked.set(l.lineNumber, l.restock);
    s.note(
      'restock',
      `${restock.map((l) => `${l.restock} of line ${l.lineNumber}`).join(', ')} back on hand at ${input.returnLocationId}`,
    );
    await save(s);
  }

  const erp = input.policy.erpConnectorId;
  for (const memo of s.plan.memos) {
    if (!erp) {
      s.note('credit-memo', `no ERP in the order policy: credit memo ${memo.invoiceId} not posted`);
      continue;
    }
    const posted = await step(
      s,
      'credit-memo',
      () =>
        connectorCalls.postCreditMemo({
          erpConnectorId: erp,
          memo,
          document: input.document,
          orderId: input.orderId,
          customerId: input.customerId,
          currency: input.currency,
        }),
      erp,
    );
    if (!posted) continue;
    s.creditMemos.push({
      invoiceId: memo.invoiceId,
      originalInvoiceId: memo.originalInvoiceId,
      total: memo.total,
      externalId: posted.externalId,
    });
    s.note(
      'credit-memo',
      `credit memo ${memo.invoiceId} of ${memo.total} against ${memo.originalInvoiceId} posted as ${posted.documentNumber ?? posted.externalId}`,
      {
        connectorId: erp,
        documentId: memo.invoiceId,
      },
    );
    await save(s);
  }
  if (s.creditMemos.length) s.setStatus('credited', `credited ${s.plan.total} ${input.currency}`);
  else s.setStatus('closed', 'nothing to credit');
  await save(s);
  return s.view();
}
