/** list-customers: customers, a page at a time, optionally only those changed since an instant. */
import type { Customer } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { customerFromNetSuite } from '../mappers/customer';
import { listRecords } from './list-records';

/** Lists customers. */
export function listCustomers(ctx: NetSuiteContext, options: ListOptions = {}): Promise<Page<Customer>> {
  return listRecords(ctx, 'customer', options, customerFromNetSuite);
}
