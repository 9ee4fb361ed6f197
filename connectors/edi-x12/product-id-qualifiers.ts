/**
 * X12 235 product/service id qualifiers ⇄ canonical identifier qualifiers, one table for both directions so what
 * the hub writes is what it reads back.
 */
import type { IdentifierQualifier } from '../../canonical-model/generated/index';

const TABLE = {
  UP: 'UPC',
  EN: 'EAN',
  EO: 'EAN',
  UK: 'GTIN',
  VN: 'VENDOR_PART',
  VP: 'VENDOR_PART',
  BP: 'BUYER_PART',
  IN: 'BUYER_PART',
  SK: 'SKU',
  MG: 'MPN',
} as const satisfies Record<string, IdentifierQualifier>;

/** A 235 qualifier the canonical model has a qualifier for. */
export type X12ProductQualifier = keyof typeof TABLE;

/** Each 235 qualifier the canonical model has a qualifier for, and the canonical qualifier it carries. */
export const CANONICAL_QUALIFIERS: Readonly<Record<string, IdentifierQualifier>> = TABLE;

/** The 235 qualifier written for each canonical qualifier when the partner's preference names none of it. */
export const DEFAULT_X12_QUALIFIERS: Readonly<Record<IdentifierQualifier, X12ProductQualifier>> = {
  GTIN: 'UK',
  UPC: 'UP',
  EAN: 'EN',
  VENDOR_PART: 'VN',
  BUYER_PART: 'BP',
  SKU: 'SK',
  MPN: 'MG',
};
