import { HubError } from '../../../platform/errors';
import { MappingProblems } from '../../sdk/mapping';
import type { ReadOptions } from '../../sdk/ports/common';
import type { CreditStatus } from '../../sdk/ports/erp';
import type { BcContext } from '../context';
import { compareDecimal, subtractDecimal } from '../../sdk/decimal';
import { moneyAmount } from '../decimal';
import { currencyOf } from '../mappers/common';
import { getRecord } from './get-record';

/** The customer's credit limit, balance due and blocking; a limit of 0 means "no limit" in BC. */
export async function getCreditStatus(
  ctx: BcContext,
  customerExternalId: string,
  options: ReadOptions = {},
): Promise<CreditStatus> {
  const record = await getRecord(ctx, 'customers', customerExternalId, options, 'paymentTerm');
  if (!record) {
    throw new HubError('data', `Business Central has no customer ${customerExternalId}`, {
      fieldErrors: [{ path: '/customerExternalId', message: 'names no Business Central customer' }],
    });
  }
  const problems = new MappingProblems('Business Central');
  const currency = currencyOf(record.currencyCode, ctx.config.localCurrency);
  const balance = problems.decimal(record.balanceDue ?? 0, '/balanceDue');
  const limit = problems.decimal(record.creditLimit ?? 0, '/creditLimit', { nonNegative: true });
  problems.throwIfAny(`customer ${String(record.number)}`);
  const hasLimit = compareDecimal(limit, '0') > 0;
  const term = record.paymentTerm as { code?: unknown } | undefined;
  return {
    customerExternalId: String(record.id),
    ...(hasLimit ? { creditLimit: { amount: moneyAmount(limit), currency } } : {}),
    balance: { amount: moneyAmount(balance), currency },
    ...(hasLimit ? { available: { amount: moneyAmount(subtractDecimal(limit, balance)), currency } } : {}),
    onHold: typeof record.blocked === 'string' && record.blocked.trim() !== '',
    ...(typeof term?.code === 'string' && term.code ? { terms: term.code } : {}),
  };
}
