/** list-acknowledgements: one cursor page of GET /api/v1/acknowledgements as canonical PurchaseOrderAcks. */
import type { PurchaseOrderAck } from '../../../canonical-model/generated/index';
import type { ListOptions, Page } from '../../sdk/ports/common';
import type { MapContext } from '../mappers/context';
import { acknowledgementToCanonical } from '../mappers/acknowledgement';
import type { PortalTransport } from '../transport';

/** Lists acknowledgements changed at or after `modifiedSince`, oldest first; a record that does not map fails with `data`. */
export function listAcknowledgements(
  transport: PortalTransport,
  context: MapContext,
  options: ListOptions = {},
): Promise<Page<PurchaseOrderAck>> {
  return transport.listPage('/api/v1/acknowledgements', options, (record) =>
    acknowledgementToCanonical(record, context),
  );
}
