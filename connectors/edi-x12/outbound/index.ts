/**
 * Outbound X12 generation: one generator per set the hub sends, each a pure `(document, context) => OutSegment[]`
 * returning the set body (ST and SE are added by ../writer/envelope.ts). The registry is an explicit list.
 */
import { generate810 } from './generate-810';
import { generate850 } from './generate-850';
import { generate855 } from './generate-855';
import { generate856 } from './generate-856';
import { generate940 } from './generate-940';

/** The generator of each outbound set id, with the canonical document type it is generated from. */
export const outboundGenerators = {
  '810': { documentType: 'invoice', generate: generate810 },
  '850': { documentType: 'purchase-order', generate: generate850 },
  '855': { documentType: 'purchase-order-ack', generate: generate855 },
  '856': { documentType: 'advance-ship-notice', generate: generate856 },
  '940': { documentType: 'warehouse-shipping-order', generate: generate940 },
} as const;

export type { OutboundContext, SetGenerator } from './context';
export { orderIdentifiers, productIdPairs } from './product-ids';
export { impliedN2, rDecimal } from './x12-values';
export { readBack850 } from './read-back/map-850-purchase-order';
export { readBack940 } from './read-back/map-940-warehouse-shipping-order';
export { generate810, generate850, generate855, generate856, generate940 };
