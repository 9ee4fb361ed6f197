/** list-invoices: one cursor page of GET /api/v1/invoices as canonical Invoices. */
import type { Invoice } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { MapContext } from '../mappers/context';
import { invoiceToCanonical } from '../mappers/invoice';
import type { PortalTransport } from '../transport';

/** Lists invoices changed at or after `modifiedSince`, oldest first; a record that does not map fails with `data`. */
export function listInvoices(
  transport: PortalTransport,
  context: MapContext,
  options: ListOptions = {},
): Promise<Page<Invoice>> {
  return transport.listPage('/api/v1/invoices', options, (record) => invoiceToCanonical(record, context));
}
