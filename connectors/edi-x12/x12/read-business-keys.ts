/**
 * The business numbers of a set read straight from its segments, with no mapping: a set that is rejected or does
 * not map can still be found by its PO, order, ASN, invoice, shipment or adjustment number, which is how support looks for it.
 */
import type { Segment } from './types';
import { element } from './types';

/** Business numbers a set carries. */
export interface SetBusinessKeys {
  poNumber?: string;
  orderNumber?: string;
  asnNumber?: string;
  invoiceNumber?: string;
  shipmentNumber?: string;
  /** 947 W1502: the warehouse's number for an inventory adjustment. */
  adjustmentNumber?: string;
}

type Key = keyof SetBusinessKeys;

/** Where each set keeps its numbers: segment id → [element position, key]. */
const WHERE: Record<string, [string, number, Key][]> = {
  '850': [['BEG', 3, 'poNumber']],
  '860': [['BCH', 3, 'poNumber']],
  '855': [
    ['BAK', 3, 'poNumber'],
    ['BAK', 8, 'orderNumber'],
  ],
  '856': [
    ['BSN', 2, 'asnNumber'],
    ['PRF', 1, 'poNumber'],
  ],
  '810': [
    ['BIG', 2, 'invoiceNumber'],
    ['BIG', 4, 'poNumber'],
  ],
  '940': [
    ['W05', 2, 'orderNumber'],
    ['W05', 3, 'poNumber'],
  ],
  '945': [
    ['W06', 2, 'orderNumber'],
    ['W06', 4, 'shipmentNumber'],
    ['W06', 6, 'poNumber'],
  ],
  '947': [['W15', 2, 'adjustmentNumber']],
};

/** The first value of each business number in the set (trimmed, at most 80 characters). */
export function readBusinessKeys(setId: string, segments: readonly Segment[]): SetBusinessKeys {
  const keys: SetBusinessKeys = {};
  const rules = WHERE[setId] ?? [];
  for (const segment of segments) {
    for (const [id, position, key] of rules) {
      if (segment.id !== id || keys[key]) continue;
      const value = element(segment, position).trim().slice(0, 80);
      if (value) keys[key] = value;
    }
  }
  return keys;
}
