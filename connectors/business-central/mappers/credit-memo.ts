/** A canonical AR credit memo → the body of a Business Central API v2.0 `salesCreditMemos` POST (lines deep-inserted). */
import { createHash } from 'node:crypto';
import type { Invoice } from '../../../canonical-model/generated/index';
import { jsonNumber } from '../../sdk/json';
import { bcUnitOf } from './common';
import type { BcRecord } from './common';
import { sequenceOf } from './orders';

/** The externalDocumentNumber a memo is found by: its canonical id, or a digest of it when BC's 35 do not hold it. */
export function creditMemoKey(id: string): string {
  return id.length <= 35 ? id : `hub-${createHash('sha256').update(id).digest('hex').slice(0, 31)}`;
}

/** One credit memo line as Business Central will get it. */
export interface BcCreditLine {
  /** JSON pointer of the canonical line. */
  path: string;
  lineNumber: number;
  itemId: string;
  quantity: string;
  unitPrice: string;
  uom: string;
  description: string;
}

/** Business Central ids and keys the memo is written with, resolved by the operation. */
export interface BcCreditMemoReferences {
  customerId: string;
  /** The posted sales invoice the memo applies to (sets BC's Applies-to Doc. No.). */
  invoiceId?: string;
  /** externalDocumentNumber: how a retry finds the memo. */
  key: string;
}

/** The salesCreditMemos body: positive quantities and prices, one line per canonical line. */
export function creditMemoBody(
  memo: Invoice,
  lines: BcCreditLine[],
  refs: BcCreditMemoReferences,
  localCurrency: string,
): BcRecord {
  return {
    externalDocumentNumber: refs.key,
    customerId: refs.customerId,
    creditMemoDate: memo.invoiceDate,
    ...(memo.dueDate ? { dueDate: memo.dueDate } : {}),
    currencyCode: memo.currency === localCurrency ? '' : memo.currency,
    ...(refs.invoiceId ? { invoiceId: refs.invoiceId } : {}),
    salesCreditMemoLines: lines.map((l) => ({
      sequence: sequenceOf(l.lineNumber),
      lineType: 'Item',
      itemId: l.itemId,
      description: l.description.slice(0, 100),
      unitOfMeasureCode: bcUnitOf(l.uom),
      quantity: jsonNumber(l.quantity),
      unitPrice: jsonNumber(l.unitPrice),
    })),
  };
}
