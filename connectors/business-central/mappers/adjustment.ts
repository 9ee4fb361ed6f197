/**
 * Canonical inventory adjustment → one item journal line (the hub's item journal API page): a positive delta is a
 * "Positive Adjmt." of that quantity, a negative one a "Negative Adjmt." of its magnitude. The line's Document No.
 * is derived from the hub's id, so the posted item ledger entry names the adjustment it came from.
 */
import { createHash } from 'node:crypto';
import type { InventoryAdjustment } from '../../sdk/ports/erp';
import { jsonNumber } from '../../sdk/json';

/** Business Central's Code[20] Document No. and Code[35] External Document No. and Text[100] Description. */
const DOCUMENT_NO_MAX = 20;
const EXTERNAL_DOCUMENT_NO_MAX = 35;
const DESCRIPTION_MAX = 100;

/** Where the line goes: the journal, and the item and location codes already checked against the company. */
export interface JournalTarget {
  template: string;
  batch: string;
  itemNumber: string;
  locationCode: string;
}

/**
 * The Document No. of an adjustment: "HUB" + 17 hex digits of the id's SHA-256 — 20 characters whatever the
 * length of the hub's id, the same for every retry, and upper case as BC stores codes.
 */
export function adjustmentDocumentNo(id: string): string {
  const hash = createHash('sha256').update(id).digest('hex').toUpperCase();
  return `HUB${hash.slice(0, DOCUMENT_NO_MAX - 3)}`;
}

/** Why `quantityDelta` cannot be posted (not a plain decimal, or zero), or undefined when it can. */
export function quantityDeltaProblem(text: string): string | undefined {
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) return `${JSON.stringify(text)} is not a decimal number`;
  if (!/[1-9]/.test(text)) return 'is zero: an adjustment must change the quantity';
  return undefined;
}

/** The item journal line to create (POST itemJournalLines). */
export function itemJournalLineBody(adjustment: InventoryAdjustment, target: JournalTarget) {
  const negative = adjustment.quantityDelta.startsWith('-');
  const description = [adjustment.reasonCode, adjustment.memo].filter(Boolean).join(' ');
  return {
    journalTemplateName: target.template,
    journalBatchName: target.batch,
    entryType: negative ? 'Negative Adjmt.' : 'Positive Adjmt.',
    postingDate: adjustment.occurredAt.slice(0, 10),
    documentNumber: adjustmentDocumentNo(adjustment.id),
    externalDocumentNumber:
      adjustment.id.length <= EXTERNAL_DOCUMENT_NO_MAX ? adjustment.id : adjustmentDocumentNo(adjustment.id),
    itemNumber: target.itemNumber,
    locationCode: target.locationCode,
    quantity: jsonNumber(negative ? adjustment.quantityDelta.slice(1) : adjustment.quantityDelta),
    description: description.slice(0, DESCRIPTION_MAX),
  };
}
