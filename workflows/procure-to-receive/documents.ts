/** The documents a PO exchanges, as its view lists them (pure). */
import type { DocumentSource } from '../../canonical-model/generated/index';
import type { PurchaseDocumentView } from './types';

/** An inbound document with its connector, the sender's id and, for X12, its control numbers. */
export function inboundDocument(
  documentType: string,
  doc: { id: string; source: DocumentSource },
  connectorId: string,
  at: string,
  number?: string,
): PurchaseDocumentView {
  const control = controlOf(doc.source);
  return {
    direction: 'inbound',
    documentType,
    documentId: doc.id,
    ...(number ? { number } : {}),
    connectorId,
    externalId: doc.source.externalId,
    ...(control ? { control } : {}),
    at,
  };
}

/** X12 envelope coordinates of a document read from X12 (`source.version` is `<ISA13>-<GS06>-<ST02>`). */
export function controlOf(source: DocumentSource): PurchaseDocumentView['control'] | undefined {
  if (source.system !== 'x12' || !source.version) return undefined;
  const [interchange, group, set] = source.version.split('-');
  if (!interchange || !group || !set) return undefined;
  return { interchange, group, set };
}
