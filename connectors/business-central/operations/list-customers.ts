import type { Customer } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { customerFromBc } from '../mappers/customer';
import { listPage } from './list-page';

/** A page of customers with their payment terms. */
export function listCustomers(ctx: BcContext, options: ListOptions = {}): Promise<Page<Customer>> {
  const { connectorId, config } = ctx;
  const map = (r: Record<string, unknown>) =>
    customerFromBc(r, connectorId, config.legalEntityId, config.localCurrency);
  return listPage(ctx, 'customers', map, options, 'paymentTerm');
}
