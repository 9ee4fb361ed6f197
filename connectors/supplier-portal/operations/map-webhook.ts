/** mapWebhook: a verified portal event (acknowledgement, ASN or invoice created) as a canonical event. */
import type { AdvanceShipNotice, Invoice, PurchaseOrderAck } from '../../../canonical-model/generated/index';
import type { CanonicalEvent } from '../../sdk/ports/common';
import type { WebhookEnvelope } from '../../sdk/webhooks';
import { acknowledgementToCanonical } from '../mappers/acknowledgement';
import { asnToCanonical } from '../mappers/advance-ship-notice';
import type { MapContext } from '../mappers/context';
import { invoiceToCanonical } from '../mappers/invoice';

type Mapper = (payload: unknown, context: MapContext) => PurchaseOrderAck | AdvanceShipNotice | Invoice;

const EVENTS: Record<string, [string, Mapper]> = {
  'acknowledgement.created': ['purchase-order-ack.received', acknowledgementToCanonical],
  'acknowledgement.updated': ['purchase-order-ack.received', acknowledgementToCanonical],
  'asn.created': ['advance-ship-notice.received', asnToCanonical],
  'asn.updated': ['advance-ship-notice.received', asnToCanonical],
  'invoice.created': ['invoice.received', invoiceToCanonical],
  'invoice.updated': ['invoice.received', invoiceToCanonical],
};

/** The canonical events of one webhook; topics the hub does not act on give none. */
export function mapWebhook(envelope: WebhookEnvelope, context: MapContext): CanonicalEvent[] {
  const known = EVENTS[envelope.topic];
  if (!known) return [];
  const [event, map] = known;
  const document: object = map(envelope.payload, context);
  return [{ event, document: document as CanonicalEvent['document'] }];
}
