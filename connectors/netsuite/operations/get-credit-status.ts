/** get-credit-status: limit, balance (open AR + unbilled orders), available credit and hold, from the customer. */
import { HubError } from '../../../platform/errors';
import type { ReadOptions } from '../../sdk/ports/common';
import type { CreditStatus } from '../../sdk/ports/erp';
import type { NetSuiteContext } from '../context';
import { creditStatusFromNetSuite } from '../mappers/credit';
import type { NsCustomer } from '../types';

/** Reads a customer's credit standing; an unknown customer is a `data` error. */
export async function getCreditStatus(
  ctx: NetSuiteContext,
  customerExternalId: string,
  options: ReadOptions = {},
): Promise<CreditStatus> {
  const raw = await ctx.transport.get<NsCustomer>(
    'customer',
    encodeURIComponent(customerExternalId),
    options.signal,
  );
  if (!raw) {
    throw new HubError('data', `NetSuite has no customer ${customerExternalId}`, {
      fieldErrors: [
        { path: '/customerExternalId', message: `NetSuite has no customer ${customerExternalId}` },
      ],
    });
  }
  return creditStatusFromNetSuite(raw, ctx.config.currency);
}
