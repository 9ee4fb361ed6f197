/**
 * The transfer's stock at the source and the movement stream. Reserving takes the units out of what channels and
 * orders can be promised. At shipment the source side is booked in the ledger right away — under the very opId
 * the movement intake uses (`movement/<id>`), so the intake's own apply is a replay — before the reservation is
 * let go, so the shipped units are never sellable for a moment; then the movement is published and the intake puts
 * them in transit to the destination. (Consuming the reservation would take on hand down a second time when the
 * intake applies the movement.) A receipt publishes the transfer-in movement: on hand up and in transit down at
 * the destination. Every write is idempotent, so a retried activity moves nothing twice.
 */
import { compareDecimal } from '../../canonical-model/decimal';
import { movementKey, movementOpId } from '../../inventory/movement-key';
import { publishMovement } from '../../inventory/publish';
import type {
  TransferLineInput,
  TransferLineView,
  TransferOrderInput,
} from '../../workflows/transfer-order/types';
import type { TransferActivityDeps } from './deps';
import { transferInMovementId, transferMovement, transferOutMovementId } from './documents';

/** The reservation id of a transfer line at its source. */
export function transferReservationId(transferId: string, lineNumber: number): string {
  return `${transferId}/${lineNumber}`;
}

/** The reserveTransferStock activity: every line in full at the source, or (when one is short) none of them. */
export function reserveTransferStock(deps: TransferActivityDeps) {
  return async (args: {
    input: TransferOrderInput;
  }): Promise<{ lines: { lineNumber: number; reserved: string; available: string }[] }> => {
    const { input } = args;
    const lines = [];
    for (const line of input.lines) {
      const got = await deps.ledger.reserve({
        sku: line.sku,
        locationId: input.from.locationId,
        reservationId: transferReservationId(input.transferId, line.lineNumber),
        orderId: input.transferId,
        lineNumber: line.lineNumber,
        quantity: line.quantity,
        allowPartial: false,
      });
      lines.push({ lineNumber: line.lineNumber, reserved: got.reserved, available: got.availableBefore });
    }
    return { lines };
  };
}

/** The releaseTransferStock activity: gives back what is still reserved of every line (a no-op when nothing is). */
export function releaseTransferStock(deps: TransferActivityDeps) {
  return async (args: {
    transferId: string;
    lines: Pick<TransferLineInput, 'lineNumber'>[];
    why: string;
  }) => {
    for (const line of args.lines) {
      await deps.ledger.release({
        opId: `${transferReservationId(args.transferId, line.lineNumber)}/${args.why}`,
        reservationId: transferReservationId(args.transferId, line.lineNumber),
      });
    }
  };
}

/** The bookTransferShipment activity: per shipped line, source on hand down, reservation gone, movement out. */
export function bookTransferShipment(deps: TransferActivityDeps) {
  return async (args: {
    input: TransferOrderInput;
    shipmentId: string;
    shippedAt: string;
    lines: Pick<TransferLineView, 'lineNumber' | 'sku' | 'shipped'>[];
  }): Promise<void> => {
    const { input } = args;
    for (const line of args.lines) {
      if (compareDecimal(line.shipped, '0') > 0) {
        const movement = transferMovement(input, line, {
          id: transferOutMovementId(input.transferId, line.lineNumber),
          direction: 'out',
          quantity: line.shipped,
          occurredAt: args.shippedAt,
          documentId: args.shipmentId,
        });
        await deps.ledger.applyMovement({
          sku: line.sku,
          locationId: input.from.locationId,
          opId: movementOpId(movement.id),
          onHandDelta: `-${line.shipped}`,
          heldDelta: '0',
          legalEntityId: input.legalEntityId,
          at: args.shippedAt,
        });
        await publishMovement(
          deps.producer,
          { movement, sku: line.sku, key: movementKey({ sku: line.sku, locationId: movement.locationId }) },
          input.correlationId,
          deps.movementTopic,
        );
      }
      await deps.ledger.release({
        opId: `${transferReservationId(input.transferId, line.lineNumber)}/shipped`,
        reservationId: transferReservationId(input.transferId, line.lineNumber),
      });
    }
  };
}

/** The bookTransferReceipt activity: per received line, the transfer-in movement at the destination. */
export function bookTransferReceipt(deps: TransferActivityDeps) {
  return async (args: {
    input: TransferOrderInput;
    receiptId: string;
    receiptNumber: number;
    receivedAt: string;
    lines: { lineNumber: number; sku: string; quantity: string }[];
  }): Promise<void> => {
    const { input } = args;
    for (const line of args.lines) {
      if (compareDecimal(line.quantity, '0') <= 0) continue;
      const movement = transferMovement(input, line, {
        id: transferInMovementId(input.transferId, args.receiptNumber, line.lineNumber),
        direction: 'in',
        quantity: line.quantity,
        occurredAt: args.receivedAt,
        documentId: args.receiptId,
      });
      await publishMovement(
        deps.producer,
        { movement, sku: line.sku, key: movementKey({ sku: line.sku, locationId: movement.locationId }) },
        input.correlationId,
        deps.movementTopic,
      );
    }
  };
}
