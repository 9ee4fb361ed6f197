import type { Supplier } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { supplierFromBc } from '../mappers/vendor';
import { listPage } from './list-page';

/** A page of vendors as suppliers, with their payment terms. */
export function listSuppliers(ctx: BcContext, options: ListOptions = {}): Promise<Page<Supplier>> {
  const { connectorId, config } = ctx;
  const map = (r: Record<string, unknown>) =>
    supplierFromBc(r, connectorId, config.legalEntityId, config.localCurrency);
  return listPage(ctx, 'vendors', map, options, 'paymentTerm');
}
