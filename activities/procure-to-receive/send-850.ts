/**
 * Sending a PO to a supplier as an X12 850 at most once per PO number (BEG03), through platform/edi/send-once.ts:
 * a retried activity finds the 850 it sent to the partner and answers it (delivering its kept interchange again,
 * same bytes and file name, when it was not delivered yet); only when nothing was sent is a new interchange made.
 */
import type { PurchaseOrder } from '../../canonical-model/generated/index';
import type { EdiDeps } from '../../platform/edi/deps';
import { sendEdiOnce } from '../../platform/edi/send-once';
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

/**
 * Sends the PO's 850 to the partner unless it was sent before under its PO number. An earlier 850 under that
 * number made from another PO is a `data` error: the supplier would take it for this one.
 */
export async function send850Once(
  deps: EdiDeps,
  input: { connectorId: string; partnerId: string; order: PurchaseOrder },
): Promise<Sent850> {
  const { order } = input;
  const sent = await sendEdiOnce(
    deps,
    {
      connectorId: input.connectorId,
      partnerId: input.partnerId,
      documents: [order],
      correlationId: order.id,
    },
    { setId: '850', poNumber: order.poNumber },
  );
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
    earlier: sent.earlier,
  };
}
