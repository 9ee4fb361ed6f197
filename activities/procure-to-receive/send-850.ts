/**
 * Sending a PO to a supplier as an X12 850 at most once per PO number (what platform/edi/send-once.ts does for sets
 * found by their order number, for the 850, which is found by its PO number, BEG03). A retried activity finds the
 * 850 it sent to the partner: when its interchange was kept but not delivered, the very same bytes and file name
 * are delivered again (the SFTP upload recognises a file already there); otherwise the earlier send is the answer.
 * Only when nothing was sent is a new interchange made.
 */
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import type { EdiDeps } from '../../platform/edi/deps';
import { deliver, sendEdi } from '../../platform/edi/send-edi';
import type { SetRecord } from '../../platform/edi/set-store';
import { HubError } from '../../platform/errors';

/** The 850 as sent: its interchange and its ISA13 / GS06 / ST02 control numbers. */
export interface Sent850 {
  interchangeId: string;
  interchange: string;
  group: string;
  set: string;
  /** When the 850 was first sent (ISO 8601). */
  at: string;
  /** True when an earlier attempt had sent it already. */
  earlier: boolean;
}

/** The 850 last sent to the partner under the PO number, if there is one. */
async function findSent850(
  deps: EdiDeps,
  partnerId: string,
  poNumber: string,
): Promise<SetRecord | undefined> {
  const found = await deps.sets.list({ partnerId, setId: '850', poNumber, limit: 20 });
  return found.find((r) => r.direction === 'outbound' && r.status === 'sent');
}

/** Delivers the earlier 850's interchange again when it is still waiting for delivery. */
async function completeEarlier(deps: EdiDeps, set: SetRecord): Promise<Sent850> {
  const interchange = await deps.interchanges.get(set.interchangeId);
  if (interchange.status === 'queued' && interchange.rawFileId && interchange.fileName) {
    const partner = await deps.partners.get(set.partnerId ?? interchange.partnerId ?? '');
    const bytes = await deps.raw.readAll(interchange.rawFileId);
    const delivery = await deliver(deps, partner, interchange.fileName, bytes);
    if (delivery.method === 'sftp') {
      await deps.interchanges.update(interchange._id, { status: 'sent' });
      deps.metrics.ediInterchanges.inc({ direction: 'outbound', status: 'sent' });
    }
  }
  return {
    interchangeId: interchange._id,
    interchange: interchange.controlNumber ?? '',
    group: set.groupControlNumber,
    set: set.controlNumber,
    at: set.createdAt.toISOString(),
    earlier: true,
  };
}

/**
 * Sends the PO's 850 to the partner unless it was sent before under its PO number. An earlier 850 under that
 * number made from another PO is a `data` error: the supplier would take it for this one.
 */
export async function send850Once(
  deps: EdiDeps,
  input: { connectorId: string; partnerId: string; order: PurchaseOrder },
): Promise<Sent850> {
  const { order } = input;
  const earlier = await findSent850(deps, input.partnerId, order.poNumber);
  if (earlier) {
    const earlierId = earlier.documents[0]?.id;
    if (earlierId !== order.id) {
      throw new HubError(
        'data',
        `PO number ${order.poNumber} was already sent to partner ${input.partnerId} in an 850 for ${earlierId ?? 'another document'}`,
        { fieldErrors: [{ path: '/order/poNumber', message: 'is taken by an earlier 850' }] },
      );
    }
    return completeEarlier(deps, earlier);
  }
  const sent = await sendEdi(deps, {
    connectorId: input.connectorId,
    partnerId: input.partnerId,
    documents: [order],
    correlationId: order.id,
  });
  const set = sent.sets[0];
  if (!set) throw new HubError('bug', `the 850 of PO ${order.poNumber} was sent without a set`);
  // The set record's time, so a retry (which answers from the record) answers the very same document.
  const [record] = await deps.sets.list({ interchangeId: sent.interchangeId, limit: 1 });
  return {
    interchangeId: sent.interchangeId,
    interchange: sent.controlNumber,
    group: set.groupControlNumber,
    set: set.controlNumber,
    at: (record?.createdAt ?? deps.now?.() ?? new Date()).toISOString(),
    earlier: false,
  };
}
