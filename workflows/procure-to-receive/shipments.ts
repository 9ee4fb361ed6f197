/**
 * The supplier's ASNs (856 or portal). Each ASN id is taken once; a `replace` ASN (same id or ASN number) takes the
 * place of one not yet received, a `cancel` withdraws one. An ASN tells the WMS to expect the goods (when the policy
 * names a WMS) and moves the shipped quantity's supply from the PO line to the ASN's lines, due on its estimated
 * delivery (else ship) date. An ASN before any acknowledgement counts as acceptance.
 */
import { addDecimal, subtractDecimal } from '../../canonical-model/decimal';
import type { AdvanceShipNotice } from '../../canonical-model/generated/index';
import { implicitAck } from './acknowledgement';
import { inboundDocument } from './documents';
import { positive, sum } from './lines';
import type { PoState, TrackedAsn } from './state';
import { DISCARDED, connectorCalls, step } from './steps';
import { recordAsnSupply, settleAsnSupply, syncLineSupply } from './supply';
import type { AsnReceived } from './types';

/** The ASN's quantities for this PO, per PO line (packs and loose items added up). */
export function asnLines(s: PoState, asn: AdvanceShipNotice): { lineNumber: number; quantity: string }[] {
  const po = s.input.purchaseOrder;
  const totals = new Map<number, string[]>();
  for (const o of asn.orders.filter((x) => x.purchaseOrderId === po.id || x.poNumber === po.poNumber))
    for (const item of [...(o.packs ?? []).flatMap((p) => p.items), ...(o.items ?? [])])
      totals.set(item.lineNumber, [...(totals.get(item.lineNumber) ?? []), item.quantity.value]);
  return [...totals.entries()]
    .map(([lineNumber, qs]) => ({ lineNumber, quantity: sum(qs) }))
    .sort((a, b) => a.lineNumber - b.lineNumber);
}

/** Takes an ASN off the PO (its lines no longer shipped, its supply cancelled). */
async function withdraw(s: PoState, asn: TrackedAsn): Promise<void> {
  for (const l of asn.lines) {
    const line = s.line(l.lineNumber);
    if (line) line.shipped = subtractDecimal(line.shipped, l.quantity);
  }
  await settleAsnSupply(s, asn, 'cancelled');
  s.asns = s.asns.filter((a) => a !== asn);
  s.shipments = s.shipments.filter((x) => x.asnId !== asn.asnId);
}

/** Handles one ASN signal. */
export async function handleAsn(s: PoState, received: AsnReceived): Promise<void> {
  const asn = received.asn;
  const key = `asn:${asn.id}:${asn.purpose}:${asn.source.version ?? ''}`;
  if (s.seen.has(key)) {
    s.note({ kind: 'document', step: 'duplicate', message: `ASN ${asn.asnNumber} already handled` });
    return;
  }
  s.seen.add(key);
  s.documents.push(inboundDocument('advance-ship-notice', asn, received.connectorId, s.now(), asn.asnNumber));
  s.note({
    kind: 'document',
    step: 'asn',
    message: `ASN ${asn.asnNumber} (${asn.purpose})`,
    documentId: asn.id,
    documentType: 'advance-ship-notice',
    connectorId: received.connectorId,
  });
  const prior = s.asns.find((a) => a.asnId === asn.id || a.asnNumber === asn.asnNumber);
  if (asn.purpose !== 'original' && prior) {
    if (prior.received) {
      s.note({
        kind: 'document',
        step: 'asn',
        message: `ASN ${asn.asnNumber} ${asn.purpose} ignored: already received`,
      });
      return;
    }
    await withdraw(s, prior);
    s.note({ kind: 'document', step: 'asn', message: `ASN ${prior.asnNumber} withdrawn (${asn.purpose})` });
  } else if (asn.purpose === 'original' && prior) {
    s.note({ kind: 'document', step: 'asn', message: `ASN ${asn.asnNumber} is already on the PO; ignored` });
    return;
  }
  if (asn.purpose !== 'cancel') await take(s, received);
  await syncLineSupply(s, s.book, 'cancelled');
}

/** Adds a shipping ASN to the PO. */
async function take(s: PoState, received: AsnReceived): Promise<void> {
  const asn = received.asn;
  const lines = asnLines(s, asn).filter((l) => {
    if (s.line(l.lineNumber)) return positive(l.quantity);
    s.note({
      kind: 'document',
      step: 'asn',
      message: `ASN ${asn.asnNumber} ships line ${l.lineNumber}, which is not on the PO`,
    });
    return false;
  });
  if (!lines.length) {
    s.note({ kind: 'document', step: 'asn', message: `ASN ${asn.asnNumber} ships nothing on this PO` });
    return;
  }
  implicitAck(s, `ASN ${asn.asnNumber}`);
  const revision =
    s.documents.filter((d) => d.documentType === 'advance-ship-notice' && d.documentId === asn.id).length - 1;
  const tracked: TrackedAsn = {
    asnId: asn.id,
    asnNumber: asn.asnNumber,
    lines,
    openSupply: [],
    received: false,
  };
  s.asns.push(tracked);
  const dueDate = asn.estimatedDeliveryDate ?? asn.shipDate;
  s.shipments.push({ asnId: asn.id, asnNumber: asn.asnNumber, dueDate, lines });
  for (const l of lines) {
    const line = s.line(l.lineNumber);
    if (line) line.shipped = addDecimal(line.shipped, l.quantity);
  }
  const wms = s.input.policy.wmsConnectorId;
  if (wms) {
    // The WMS expects this PO's part of the ASN at this PO's warehouse: the supplier's ship-to is its own code
    // for our dock, which no WMS warehouse is configured with.
    const po = s.input.purchaseOrder;
    const forWms = {
      ...asn,
      shipTo: { ...asn.shipTo, ...(po.shipToLocationId ? { locationId: po.shipToLocationId } : {}) },
      orders: asn.orders.filter((o) => o.poNumber === po.poNumber),
    };
    const expected = await step(
      s,
      `expected-receipt/${asn.id}/${revision}`,
      { asnId: asn.id },
      () => connectorCalls.createExpectedReceipt({ wmsConnectorId: wms, asn: forWms }),
      wms,
    );
    if (expected !== DISCARDED)
      s.note({
        kind: 'connector-call',
        step: 'expected-receipt',
        message: `the warehouse expects ASN ${asn.asnNumber} as ${expected.documentNumber ?? expected.externalId}`,
        connectorId: wms,
      });
  }
  await recordAsnSupply(s, tracked, dueDate, revision);
}
