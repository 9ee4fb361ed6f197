/**
 * Inbound supply (what available-to-promise sees as due in). An open PO line is supply `<poId>/<line>` due on
 * its promised (else requested) date; when the line's unshipped quantity or date changes, that record is settled
 * and the new quantity re-recorded under a new id (`<poId>/<line>/a<n>`), so every record keeps one quantity. A
 * shipped line moves to its ASN's records (`<asnId>/<line>`, due on the ASN's estimated delivery, else ship date),
 * which settle as received when the ASN is received. Cancelling and closing settle whatever is left.
 */
import { compareDecimal } from '../../canonical-model/decimal';
import type { SupplyLine } from '../../activities/procure-to-receive/types';
import { positive, unshipped } from './lines';
import type { PoLine } from './lines';
import type { PoState, TrackedAsn } from './state';
import { bookkeeping, step } from './steps';

/** Where the PO's goods go. */
export function locationOf(s: PoState): string {
  const po = s.input.purchaseOrder;
  return po.shipToLocationId ?? po.shipTo.locationId ?? '';
}

/** Settles `ids` and records `supplies` (each call only when there is something to do). */
async function apply(
  s: PoState,
  tag: string,
  ids: string[],
  status: 'received' | 'cancelled',
  supplies: SupplyLine[],
): Promise<void> {
  if (ids.length)
    await step(s, `settle-supply/${tag}`, { ids, status }, () =>
      bookkeeping.settleInboundSupply({ ids, status }),
    );
  if (supplies.length)
    await step(s, `record-supply/${tag}`, { ids: supplies.map((x) => x.id) }, () =>
      bookkeeping.recordInboundSupply({ supplies }),
    );
}

/** Brings the open PO-line supply of `lines` in line with what is still unshipped (and its date). */
export async function syncLineSupply(
  s: PoState,
  lines: PoLine[],
  settledAs: 'received' | 'cancelled',
): Promise<void> {
  const settle: string[] = [];
  const record: SupplyLine[] = [];
  for (const line of lines) {
    const quantity = unshipped(line);
    const dueDate = line.promisedDate ?? line.requestedDate;
    const current = line.supply;
    if (current && compareDecimal(current.quantity, quantity) === 0 && current.dueDate === dueDate) continue;
    if (!current && !positive(quantity)) continue;
    if (current) settle.push(current.id);
    line.supply = undefined;
    if (!positive(quantity)) continue;
    const id =
      line.supplyCount === 0
        ? `${s.poId}/${line.lineNumber}`
        : `${s.poId}/${line.lineNumber}/a${line.supplyCount}`;
    line.supplyCount += 1;
    line.supply = { id, quantity, dueDate };
    record.push({
      id,
      sku: line.sku,
      locationId: locationOf(s),
      quantity,
      dueDate,
      purchaseOrderId: s.poId,
    });
  }
  if (!settle.length && !record.length) return;
  await apply(s, `v${s.version}`, settle, settledAs, record);
  s.note({
    kind: 'step',
    step: 'supply',
    message: `inbound supply ${[...settle.map((id) => `${id} settled ${settledAs}`), ...record.map((r) => `${r.id} ${r.quantity} due ${r.dueDate}`)].join(', ')}`,
  });
}

/** Records an ASN's lines as supply due on `dueDate` (ids `<asnId>/<line>`, with `/r<n>` for a replacement). */
export async function recordAsnSupply(
  s: PoState,
  asn: TrackedAsn,
  dueDate: string,
  revision: number,
): Promise<void> {
  const supplies = asn.lines
    .filter((l) => positive(l.quantity))
    .map((l) => ({
      id: revision ? `${asn.asnId}/${l.lineNumber}/r${revision}` : `${asn.asnId}/${l.lineNumber}`,
      sku: s.line(l.lineNumber)?.sku ?? '',
      locationId: locationOf(s),
      quantity: l.quantity,
      dueDate,
      purchaseOrderId: s.poId,
    }));
  asn.openSupply = supplies.map((x) => x.id);
  await apply(s, `asn/${asn.asnId}/${revision}`, [], 'received', supplies);
}

/** Settles an ASN's open supply (received when its goods came, cancelled when the ASN was withdrawn). */
export async function settleAsnSupply(
  s: PoState,
  asn: TrackedAsn,
  status: 'received' | 'cancelled',
): Promise<void> {
  const ids = asn.openSupply;
  asn.openSupply = [];
  await apply(s, `asn/${asn.asnId}/${status}`, ids, status, []);
}

/** Settles every open supply record of the PO as cancelled (cancellation, short-close, close). */
export async function settleAllSupply(s: PoState, why: string): Promise<void> {
  const ids = [
    ...s.book.flatMap((l) => (l.supply ? [l.supply.id] : [])),
    ...s.asns.flatMap((a) => a.openSupply),
  ];
  for (const l of s.book) l.supply = undefined;
  for (const a of s.asns) a.openSupply = [];
  if (!ids.length) return;
  await apply(s, `all/v${s.version}`, ids, 'cancelled', []);
  s.note({
    kind: 'step',
    step: 'supply',
    message: `inbound supply ${ids.join(', ')} settled cancelled (${why})`,
  });
}
