/**
 * Sending a document at most once per business number. A retried activity (a worker that died after the upload,
 * an attempt that timed out while it was still delivering) must not send the partner a second order: the set sent
 * before is found by its partner, set id and order number. Its interchange kept but not delivered is delivered
 * again with the very same bytes and file name (the SFTP upload recognises a file already there); otherwise the
 * earlier send is the answer. Only when nothing was sent is a new interchange made. The set record is written
 * before delivery, so a crash between the two is healed by the next attempt, never doubled.
 */
import { HubError } from '../errors';
import type { EdiDeps } from './deps';
import { deliver, sendEdi } from './send-edi';
import type { SendInput, SendResult } from './send-edi';
import type { SetRecord, SetStore } from './set-store';

/** What identifies one document sent to a partner: the set it went as and the order number it carries. */
export interface SentSetKey {
  partnerId: string;
  setId: string;
  orderNumber: string;
}

/** A send that may have happened before: `earlier` says the document had already been sent. */
export type SentOnce = SendResult & { earlier: boolean };

/** The outbound set of `key.setId` last sent to the partner under `key.orderNumber`, if there is one. */
export async function findSentSet(
  sets: Pick<SetStore, 'list'>,
  key: SentSetKey,
): Promise<SetRecord | undefined> {
  const found = await sets.list({
    partnerId: key.partnerId,
    setId: key.setId,
    orderNumber: key.orderNumber,
    limit: 20,
  });
  return found.find((r) => r.direction === 'outbound' && r.status === 'sent');
}

/** Delivers an earlier send again when its interchange is still waiting for delivery; what it was sent as. */
async function completeEarlier(deps: EdiDeps, set: SetRecord): Promise<SendResult> {
  const interchange = await deps.interchanges.get(set.interchangeId);
  let delivery: SendResult['delivery'] = { method: interchange.status === 'sent' ? 'sftp' : 'pickup' };
  if (interchange.status === 'queued' && interchange.rawFileId && interchange.fileName) {
    const partner = await deps.partners.get(set.partnerId ?? interchange.partnerId ?? '');
    const bytes = await deps.raw.readAll(interchange.rawFileId);
    delivery = await deliver(deps, partner, interchange.fileName, bytes);
    if (delivery.method === 'sftp') {
      await deps.interchanges.update(interchange._id, { status: 'sent' });
      deps.metrics.ediInterchanges.inc({ direction: 'outbound', status: 'sent' });
    }
  }
  const document = set.documents[0];
  return {
    interchangeId: interchange._id,
    controlNumber: interchange.controlNumber ?? '',
    delivery,
    sets: [
      {
        setId: set.setId,
        controlNumber: set.controlNumber,
        groupControlNumber: set.groupControlNumber,
        documentType: document?.documentType ?? '',
        documentId: document?.id ?? '',
      },
    ],
  };
}

/**
 * Sends one document unless it was sent before under the same partner, set id and order number. An earlier set
 * under that number made from another document is a `data` error: the partner would take it for this one.
 */
export async function sendEdiOnce(
  deps: EdiDeps,
  input: SendInput & { documents: [{ id: string }] },
  key: Omit<SentSetKey, 'partnerId'>,
): Promise<SentOnce> {
  const earlier = await findSentSet(deps.sets, { partnerId: input.partnerId, ...key });
  if (!earlier) return { ...(await sendEdi(deps, input)), earlier: false };
  const earlierId = earlier.documents[0]?.id;
  if (earlierId !== input.documents[0].id) {
    throw new HubError(
      'data',
      `order number ${key.orderNumber} was already sent to partner ${input.partnerId} in a ${key.setId} for ${earlierId ?? 'another document'}`,
      { fieldErrors: [{ path: '/documents/0/orderNumber', message: 'is taken by an earlier document' }] },
    );
  }
  return { ...(await completeEarlier(deps, earlier)), earlier: true };
}
