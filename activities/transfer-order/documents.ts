/**
 * The canonical documents a transfer sends: the shipping order the source WMS picks (a SalesOrder whose customer
 * is the hub itself and whose ship-to is the destination warehouse), the expected receipt at the destination (an
 * AdvanceShipNotice whose one "PO" is the transfer number) and the transfer movements of the movement stream.
 * Pure, so a retried activity sends the same document.
 */
import type {
  AdvanceShipNotice,
  InventoryMovement,
  ItemReference,
  Quantity,
  SalesOrder,
} from '../../canonical-model/generated/index';
import type { TransferLineInput, TransferOrderInput } from '../../workflows/transfer-order/types';
import { transferAsnId } from '../../workflows/transfer-order/types';

/** The customer id the hub's own transfers are shipped to. */
export const TRANSFER_CUSTOMER_ID = 'cus_internal_transfer';

const item = (sku: string): ItemReference => ({ identifiers: [{ qualifier: 'SKU', value: sku }] });
const eaches = (value: string): Quantity => ({ value, uom: 'EA' });
const dateOf = (instant: string) => instant.slice(0, 10);

/** The shipping order released to the source WMS; its id is the transfer id (the WMS's partner order id). */
export function transferSalesOrder(input: TransferOrderInput): SalesOrder {
  const to = input.to;
  return {
    schemaVersion: '1',
    documentType: 'sales-order',
    id: input.transferId,
    legalEntityId: input.legalEntityId,
    source: { connectorId: 'hub', system: 'hub', externalId: input.transferId },
    orderNumber: input.transferNumber,
    customerId: TRANSFER_CUSTOMER_ID,
    channel: 'other',
    status: 'open',
    orderDate: dateOf(input.requestedAt),
    ...(input.shipBy ? { requestedShipDate: input.shipBy } : {}),
    currency: 'USD',
    shipTo: {
      name: to.name,
      code: to.locationId.slice(0, 35),
      address: to.address ?? {
        name: to.name,
        lines: [`Warehouse ${to.locationId}`],
        city: to.name,
        countryCode: 'US',
      },
    },
    shipFromLocationId: input.from.locationId,
    lines: input.lines.map((l) => ({
      lineNumber: l.lineNumber,
      item: item(l.sku),
      quantity: eaches(l.quantity),
      // Stock moving within the legal entity carries no price.
      unitPrice: { amount: '0.00', currency: 'USD' },
      status: 'open' as const,
    })),
    notes: [{ type: 'shipping', text: `Transfer ${input.transferNumber} to ${to.locationId}` }],
  };
}

/** The expected receipt at the destination: every line, as one order numbered by the transfer number. */
export function transferAdvanceShipNotice(input: TransferOrderInput, shipDate: string): AdvanceShipNotice {
  return {
    schemaVersion: '1',
    documentType: 'advance-ship-notice',
    id: transferAsnId(input.transferId),
    legalEntityId: input.legalEntityId,
    source: { connectorId: 'hub', system: 'hub', externalId: input.transferId },
    asnNumber: input.transferNumber,
    direction: 'outbound',
    purpose: 'original',
    shipDate,
    shipFrom: { locationId: input.from.locationId, name: input.from.name },
    shipTo: { locationId: input.to.locationId, name: input.to.name },
    orders: [
      {
        poNumber: input.transferNumber,
        items: input.lines.map((l) => ({
          lineNumber: l.lineNumber,
          item: item(l.sku),
          quantity: eaches(l.quantity),
        })),
      },
    ],
  };
}

/** A transfer movement of one line: out of the source (to the destination) or into the destination. */
export function transferMovement(
  input: TransferOrderInput,
  line: Pick<TransferLineInput, 'lineNumber' | 'sku'>,
  move: { id: string; direction: 'in' | 'out'; quantity: string; occurredAt: string; documentId: string },
): InventoryMovement {
  const [here, there] = move.direction === 'out' ? [input.from, input.to] : [input.to, input.from];
  return {
    schemaVersion: '1',
    documentType: 'inventory-movement',
    id: move.id,
    legalEntityId: input.legalEntityId,
    // The WMS that confirmed the move, so the intake of this hub knows the connector.
    source: { connectorId: here.wmsConnectorId, system: 'hub', externalId: move.documentId },
    movementNumber: input.transferNumber,
    type: 'transfer',
    direction: move.direction,
    itemId: line.sku,
    item: item(line.sku),
    locationId: here.locationId,
    counterpartLocationId: there.locationId,
    quantity: eaches(move.quantity),
    occurredAt: move.occurredAt,
    reason: `transfer ${input.transferNumber} line ${line.lineNumber}`,
  };
}

/** The movement id of a line's shipment (one per line: a transfer ships once). */
export function transferOutMovementId(transferId: string, lineNumber: number): string {
  return `${transferId}.out.${lineNumber}`;
}

/** The movement id of a line's `receiptNumber`th receipt. */
export function transferInMovementId(transferId: string, receiptNumber: number, lineNumber: number): string {
  return `${transferId}.in${receiptNumber}.${lineNumber}`;
}
