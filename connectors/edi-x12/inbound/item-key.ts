/** The external key of an item read from X12, the same for every set a partner sends (846 positions, 947 movements). */
import type { ItemIdentifier } from '../../../canonical-model/generated/index';
import type { InboundContext } from './context';

/** GS1 ids are global (as GTIN-14); every other id only means something at this partner. */
export function itemKeyOf(context: InboundContext, id: ItemIdentifier): string {
  if (id.qualifier === 'UPC' || id.qualifier === 'EAN' || id.qualifier === 'GTIN')
    return `gtin:${id.value.padStart(14, '0')}`;
  return `${context.partner.id}:${id.qualifier}:${id.value}`;
}
