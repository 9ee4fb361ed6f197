/**
 * 945 shipping advices from 3PLs, as the order intake routes them. A 945 quotes the shipping order number of our
 * 940 (its W0602 is our W0502), and the 940 sent under that number to that partner names the release (its
 * document id is the release id). The shipment is then given to the release's order exactly like a WMS shipment
 * confirmation: of the release, from the release's warehouse. Without the sent-940 lookup, or when it finds
 * nothing, the number is taken as the release id itself — which it is for release ids of up to 22 characters.
 */
import type { Shipment } from '../canonical-model/generated/index';
import { findSentSet } from '../platform/edi/send-once';
import type { SetStore } from '../platform/edi/set-store';
import type { ReleaseView } from '../workflows/order-to-cash/types';

/** Finds the release a 3PL's shipping order number stands for. */
export interface ShippingOrderLookup {
  /** The release id of the 940 sent to `partnerId` under `orderNumber`; undefined when none was sent. */
  releaseOf(partnerId: string, orderNumber: string): Promise<string | undefined>;
}

/** The lookup over the EDI set store (the 940s the hub sent). */
export function sentShippingOrders(sets: Pick<SetStore, 'list'>): ShippingOrderLookup {
  return {
    async releaseOf(partnerId, orderNumber) {
      const set = await findSentSet(sets, { partnerId, setId: '940', orderNumber });
      return set?.documents[0]?.id;
    },
  };
}

/** The release id a 945's shipment answers: found through the 940 sent, else its order number as it is. */
export async function releaseIdOfShippingAdvice(
  lookup: ShippingOrderLookup | undefined,
  partnerId: string | undefined,
  shipment: Shipment,
): Promise<string> {
  const number = shipment.orderNumber ?? '';
  const found = lookup && partnerId && number ? await lookup.releaseOf(partnerId, number) : undefined;
  return found ?? number;
}

/**
 * A 945's shipment as the order workflow reads a WMS shipment: its sales order is the release (so the workflow
 * finds the release it ships), and it ships from the release's warehouse (the 945 names the 3PL's facility by the
 * partner's own code, which is no canonical location the ERP knows).
 */
export function asReleaseShipment(
  shipment: Shipment,
  releaseId: string,
  release: ReleaseView | undefined,
): Shipment {
  return {
    ...shipment,
    salesOrderId: releaseId,
    ...(release ? { fromLocationId: release.locationId } : {}),
  };
}
