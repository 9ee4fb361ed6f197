/**
 * Sending a document at most once per business number. A retried activity (a worker that died after the upload,
 * an attempt that timed out while it was still delivering) must not send the partner a second order: the set sent
 * before is found by its partner, set id and business number (the order number it carries, or for an 850 to a
 * supplier its PO number). Its interchange kept but not delivered is delivered
 * again with the very same bytes and file name (the SFTP upload recognises a file already there); otherwise the
 * earlier send is the answer. Only when nothing was sent is a new interchange made. The set record is written
 * before delivery, so a crash between the two is healed by the next attempt, never doubled.
 */
import { HubError } from '../errors';
import type { EdiDeps } from './deps';
import { deliver, sendEdi } from './send-edi';
import type { SendInput, SendResult } from './send-edi';
import type { SetRecord, SetStore } from './set-store';

/** What identifies one document sent to a partner: the set it went as and the business number it carries. */
export type SentSetKey = { partnerId: string } & SentAs;

/** The set a document went as and its business number: the order number, or (an 850 to a supplier) the PO number. */
export type SentAs = { setId: string } & (
  { orderNumber: string; poNumber?: never } | { poNumber: string; orderNumber?: never }
);

/** The key's business number, as the set store filters by it and as a refusal names it. */
function numberOf(key: SentAs): { field: 'orderNumber' | 'poNumber'; value: string } {
  return key.poNumber !== undefined
    ? { field: 'poNumber', value: key.poNumber }
    : { field: 'orderNumber', value: key.orderNumber };
}

/** A send that may have happened before: `earlier` says the document had already been sent. */
export type SentOnce = SendResult & { earlier: boolean };

/** The outbound set of `key.setId` last sent to the partner under the key's business number, if there is one. */
export async function findSentSet(
  sets: Pick<SetStore, 'list'>,
  key: SentSetKey,
): Promise<SetRecord | undefined> {
  const number = numberOf(key);
  const found = await sets.list({
    partnerId: key.partnerId,
    setId: key.setId,
    [number.field]: number.value,
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
 * Sends one document unless it was sent before under the same partner, set id and business number. An earlier
 * set under that number made from another document is a `data` error: the partner would take it for this one.
 */
export async function sendEdiOnce(
  deps: EdiDeps,
  input: SendInput & { documents: [{ id: string }] },
  key: SentAs,
): Promise<SentOnce> {
  const earlier = await findSentSet(deps.sets, { partnerId: input.partnerId, ...key });
  if (!earlier) return { ...(await sendEdi(deps, input)), earlier: false };
  const earlierId = earlier.documents[0]?.id;
  if (earlierId !== input.documents[0].id) {
    const number = numberOf(key);
    const what = number.field === 'poNumber' ? 'PO number' : 'order number';
    throw new HubError(
      'data',
      `${what} ${number.value} was already sent to partner ${input.partnerId} in a ${key.setId} for ${earlierId ?? 'another document'}`,
      { fieldErrors: [{ path: `/documents/0/${number.field}`, message: 'is taken by an earlier document' }] },
    );
  }
  return { ...(await completeEarlier(deps, earlier)), earlier: true };
}
