/**
 * Source blocks and provisional ids of documents read from X12.
 *
 * - `source.externalId` is the business number the document is known by at the partner (PO number, ASN number,
 *   invoice number …): that is what the cross-reference store links, and a resent or replacing set names the same
 *   record. `source.version` is `<ISA13>-<GS06>-<ST02>`, the envelope coordinates of the copy this document came
 *   from, so two copies of one record stay distinguishable and traceable to their bytes.
 * - A number the partner owns (a customer's PO, a supplier's invoice number) is only unique within that partner, so
 *   its provisional id is keyed `<partner id>:<number>`; a number the hub owns (our PO number answered by a
 *   supplier's 855) is keyed by the number alone, so it meets the id of the document we sent.
 */
import type { DocumentSource } from '../../../canonical-model/generated/index';
import { provisionalId } from '../../sdk/mapping';
import type { TransactionSet } from '../x12/types';
import type { InboundContext } from './context';

/** The source block of a document mapped from `set`, known at the partner by `businessNumber`. */
export function sourceOf(
  set: TransactionSet,
  context: InboundContext,
  businessNumber: string,
): DocumentSource {
  return {
    connectorId: context.connectorId,
    system: 'x12',
    externalId: businessNumber,
    version: `${set.interchange.controlNumber}-${set.group.controlNumber}-${set.controlNumber}`,
  };
}

/** The provisional id of a document keyed by a number the trading partner owns. */
export function partnerDocumentId(context: InboundContext, type: string, number: string): string {
  return provisionalId(context.connectorId, type, `${context.partner.id}:${number}`);
}

/** The provisional id of a document keyed by a number the hub owns (our PO numbers, order numbers). */
export function hubDocumentId(context: InboundContext, type: string, number: string): string {
  return provisionalId(context.connectorId, type, number);
}

/** The fields every canonical document starts with. */
export function documentHead<T extends string>(
  set: TransactionSet,
  context: InboundContext,
  documentType: T,
  id: string,
  businessNumber: string,
): { schemaVersion: '1'; documentType: T; id: string; legalEntityId: string; source: DocumentSource } {
  return {
    schemaVersion: '1',
    documentType,
    id,
    legalEntityId: context.legalEntityId,
    source: sourceOf(set, context, businessNumber),
  };
}

/** GS04 (CCYYMMDD) as a business date: the day the partner sent the group, for sets that carry no date of their own. */
export function groupDateOf(set: TransactionSet): string {
  const d = set.group.date;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
