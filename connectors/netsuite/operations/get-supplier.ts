/** get-supplier: a vendor by internal id, or undefined. */
import type { Supplier } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import type { NetSuiteContext } from '../context';
import { supplierFromNetSuite } from '../mappers/supplier';
import type { NsVendor } from '../types';
import { readContext } from './list-records';

/** Reads one supplier. */
export async function getSupplier(
  ctx: NetSuiteContext,
  externalId: string,
  options: ReadOptions = {},
): Promise<Supplier | undefined> {
  const raw = await ctx.transport.get<NsVendor>('vendor', encodeURIComponent(externalId), options.signal);
  return raw ? supplierFromNetSuite(raw, readContext(ctx)) : undefined;
}
