/** list-suppliers: vendors, a page at a time, optionally only those changed since an instant. */
import type { Supplier } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { supplierFromNetSuite } from '../mappers/supplier';
import { listRecords } from './list-records';

/** Lists suppliers. */
export function listSuppliers(ctx: NetSuiteContext, options: ListOptions = {}): Promise<Page<Supplier>> {
  return listRecords(ctx, 'vendor', options, supplierFromNetSuite);
}
