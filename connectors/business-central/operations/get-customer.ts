import type { Customer } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { customerFromBc } from '../mappers/customer';
import { getRecord } from './get-record';

/** The customer with this BC id (or number), or undefined. */
export async function getCustomer(
  ctx: BcContext,
  externalId: string,
  options: ReadOptions = {},
): Promise<Customer | undefined> {
  const record = await getRecord(ctx, 'customers', externalId, options, 'paymentTerm');
  return (
    record && customerFromBc(record, ctx.connectorId, ctx.config.legalEntityId, ctx.config.localCurrency)
  );
}
