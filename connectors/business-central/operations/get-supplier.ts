import type { Supplier } from '../../../canonical-model/generated/index';
import type { ReadOptions } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { supplierFromBc } from '../mappers/vendor';
import { getRecord } from './get-record';

/** The vendor with this BC id (or number) as a supplier, or undefined. */
export async function getSupplier(
  ctx: BcContext,
  externalId: string,
  options: ReadOptions = {},
): Promise<Supplier | undefined> {
  const record = await getRecord(ctx, 'vendors', externalId, options, 'paymentTerm');
  return (
    record && supplierFromBc(record, ctx.connectorId, ctx.config.legalEntityId, ctx.config.localCurrency)
  );
}
