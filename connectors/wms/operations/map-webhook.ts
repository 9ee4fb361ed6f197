/** A verified ShipHero webhook in canonical terms, chosen by its `webhook_type`. */
import { HubError } from '../../../platform/errors';
import type { CanonicalEvent } from '../../sdk/ports/common';
import type { WebhookEnvelope } from '../../sdk/webhooks';
import type { MapContext } from '../mappers/context';
import { mapPoUpdate } from '../mappers/goods-receipt';
import { mapCycleCount, mapInventoryChange } from '../mappers/inventory-movement';
import { mapReturnUpdate } from '../mappers/return-receipt';
import { mapShipmentUpdate } from '../mappers/shipment';

/** The webhook types this connector maps. */
export const MAPPED_WEBHOOK_TYPES = [
  'Shipment Update',
  'PO Update',
  'Return Update',
  'Inventory Change',
  'Cycle Count',
] as const;

/** Maps one webhook; an unknown `webhook_type` is a `data` error naming `/webhook_type`. */
export function mapWebhook(envelope: WebhookEnvelope, ctx: MapContext): CanonicalEvent[] {
  const { payload } = envelope;
  switch (envelope.topic) {
    case 'Shipment Update':
      return [{ event: 'shipment.confirmed', document: { ...mapShipmentUpdate(payload, ctx) } }];
    case 'PO Update':
      // One event per receiving batch on the PO (each a completed receipt), or one for the totals without batches.
      return mapPoUpdate(payload, ctx).map((receipt) => ({
        event: receipt.status === 'completed' ? 'goods-receipt.completed' : 'goods-receipt.updated',
        document: { ...receipt },
      }));
    case 'Return Update': {
      // A return created or changed before anything arrived carries no receipt.
      const receipt = mapReturnUpdate(payload, ctx);
      if (!receipt) return [];
      const event = receipt.status === 'completed' ? 'goods-receipt.completed' : 'goods-receipt.updated';
      return [{ event, document: { ...receipt } }];
    }
    case 'Inventory Change':
      return [{ event: 'inventory.changed', document: { ...mapInventoryChange(payload, ctx) } }];
    case 'Cycle Count':
      return [{ event: 'inventory.counted', document: { ...mapCycleCount(payload, ctx) } }];
    default:
      throw new HubError(
        'data',
        `ShipHero webhook does not map: /webhook_type ${JSON.stringify(envelope.topic)} is not one of ${MAPPED_WEBHOOK_TYPES.join(', ')}`,
        {
          fieldErrors: [
            {
              path: '/webhook_type',
              message: `${JSON.stringify(envelope.topic)} is not a mapped webhook type`,
            },
          ],
        },
      );
  }
}
