/** get-customer: a customer by internal id, or undefined. */
import type { Customer } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { customerFromNetSuite } from '../mappers/customer';
import type { NsCustomer } from '../types';
import { readContext } from './list-records';

/** Reads one customer. */
export async function getCustomer(
  ctx: NetSuiteContext,
  externalId: string,
  options: ReadOptions = {},
): Promise<Customer | undefined> {
  const raw = await ctx.transport.get<NsCustomer>('customer', encodeURIComponent(externalId), options.signal);
  return raw ? customerFromNetSuite(raw, readContext(ctx)) : undefined;
}
