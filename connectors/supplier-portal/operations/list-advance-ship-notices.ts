/** list-advance-ship-notices: one cursor page of GET /api/v1/asns as canonical AdvanceShipNotices. */
import type { AdvanceShipNotice } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { MapContext } from '../mappers/context';
import { asnToCanonical } from '../mappers/advance-ship-notice';
import type { PortalTransport } from '../transport';

/** Lists asns changed at or after `modifiedSince`, oldest first; a record that does not map fails with `data`. */
export function listAdvanceShipNotices(
  transport: PortalTransport,
  context: MapContext,
  options: ListOptions = {},
): Promise<Page<AdvanceShipNotice>> {
  return transport.listPage('/api/v1/asns', options, (record) => asnToCanonical(record, context));
}
