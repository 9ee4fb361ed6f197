/**
 * Releases to a warehouse a third-party logistics partner (3PL) runs: the release becomes a canonical
 * WarehouseShippingOrder sent to the partner as an EDI 940, at most once per release (a retried activity finds the
 * 940 it sent), under a shipping order number the 3PL quotes back in its 945. A release whose 940 is out cannot be
 * recalled from here: a cancellation is answered with a refusal that names the partner.
 */
import { createHash } from 'node:crypto';
import { addDecimal } from '../../canonical-model/decimal';
import type {
  ItemIdentifier,
  SalesOrder,
  WarehouseShippingOrder,
} from '../../canonical-model/generated/index';
import type { WriteResult } from '../../connectors/sdk/ports/common';
import { sendEdiOnce } from '../../platform/edi/send-once';
import type { ThirdPartyWarehouse } from '../../platform/orders/policy';
import { isNotFoundError } from '../../platform/store-errors';
import type { OrderActivityDeps } from './deps';
import type { ReleaseArgs } from './types';

/** Longest W0502/W0503 (depositor order number, customer PO) and G69 (description) and NTE02 (note) values. */
const MAX = { orderNumber: 22, poNumber: 22, description: 45, note: 80 } as const;
/** Item ids a 3PL picks by, besides the SKU; W01 carries at most three pairs. */
const PICKING_IDS: readonly ItemIdentifier['qualifier'][] = ['UPC', 'GTIN', 'EAN'];

/**
 * The shipping order number of a release (the 940's W0502, quoted back in the 945's W0602): the release id when
 * W0502's 22 characters hold it, else `R` and 21 hex digits of its SHA-256 — the same release, the same number.
 */
export function shippingOrderNumberOf(releaseId: string): string {
  if (releaseId.length <= MAX.orderNumber) return releaseId;
  return `R${createHash('sha256').update(releaseId).digest('hex').slice(0, 21).toUpperCase()}`;
}

/** The order a release id (`<order id>.r<n>`) belongs to. */
function orderIdOf(releaseId: string): string {
  return releaseId.replace(/\.r\d+$/, '');
}

/**
 * The item of a release line: the SKU released first, then the line's GTIN-family ids (W01 carries three pairs).
 * The release's order already carries a substitute as its SKU alone, so no other item's UPC is sent for it.
 */
function itemOf(line: SalesOrder['lines'][number] | undefined, sku: string) {
  const others = (line?.item.identifiers ?? []).filter((i) => PICKING_IDS.includes(i.qualifier));
  const description = line?.item.description;
  return {
    identifiers: [{ qualifier: 'SKU' as const, value: sku }, ...others].slice(0, 3),
    ...(description && description.length <= MAX.description ? { description } : {}),
  };
}

/**
 * The canonical 940 of a release (`order` is the order cut down to the release, as the workflow sends it): what it
 * ships, to the order's ship-to, from the 3PL's warehouse, under the release's shipping order number.
 */
export function buildShippingOrder(
  args: Pick<ReleaseArgs, 'releaseId' | 'locationId' | 'order' | 'lines'>,
  now: string,
): WarehouseShippingOrder {
  const { order, releaseId } = args;
  const lines = args.lines.map((l) => {
    const orderLine = order.lines.find((x) => x.lineNumber === l.lineNumber);
    return {
      // LX and N9*LI both carry the order line number, so a 945 quoting either finds the line.
      lineNumber: l.lineNumber,
      salesOrderLineNumber: l.lineNumber,
      item: itemOf(orderLine, l.sku),
      quantity: { value: l.quantity, uom: orderLine?.quantity.uom ?? 'EA' },
    };
  });
  const units = new Set(lines.map((l) => l.quantity.uom));
  const notes = (order.notes ?? []).filter((n) => n.type === 'shipping' && n.text.length <= MAX.note);
  const po = order.customerPoNumber;
  return {
    schemaVersion: '1',
    documentType: 'warehouse-shipping-order',
    id: releaseId,
    legalEntityId: order.legalEntityId,
    source: { connectorId: 'hub', system: 'hub', externalId: releaseId },
    updatedAt: now,
    orderNumber: shippingOrderNumberOf(releaseId),
    salesOrderId: orderIdOf(releaseId),
    ...(po && po.length <= MAX.poNumber ? { customerPoNumber: po } : {}),
    purpose: 'original',
    warehouseLocationId: args.locationId,
    shipTo: order.shipTo,
    ...(order.requestedShipDate ? { requestedShipDate: order.requestedShipDate } : {}),
    ...(order.requestedDeliveryDate ? { requestedDeliveryDate: order.requestedDeliveryDate } : {}),
    ...(order.carrier ? { carrier: order.carrier } : {}),
    ...(order.freightTerms ? { freightTerms: order.freightTerms } : {}),
    lines,
    ...(units.size === 1
      ? {
          totals: {
            quantity: {
              value: lines.reduce((t, l) => addDecimal(t, l.quantity.value), '0'),
              uom: [...units][0]!,
            },
          },
        }
      : {}),
    ...(notes.length ? { notes } : {}),
  };
}

/** Sends the release's 940 to the 3PL (once: a retry finds the one sent); the release id is its external id. */
export async function releaseToThirdParty(
  deps: OrderActivityDeps,
  args: ReleaseArgs & { thirdParty: ThirdPartyWarehouse },
): Promise<WriteResult> {
  const document = buildShippingOrder(args, new Date().toISOString());
  const sent = await sendEdiOnce(
    deps.edi,
    {
      connectorId: args.thirdParty.ediConnectorId,
      partnerId: args.thirdParty.partnerId,
      documents: [document],
      correlationId: args.releaseId,
    },
    { setId: '940', orderNumber: document.orderNumber },
  );
  deps.logger.info(
    {
      releaseId: args.releaseId,
      partnerId: args.thirdParty.partnerId,
      interchangeId: sent.interchangeId,
      earlier: sent.earlier,
    },
    sent.earlier ? 'release 940 was already sent; not sent again' : 'release sent to the 3PL as a 940',
  );
  return { externalId: args.releaseId, documentNumber: document.orderNumber, created: !sent.earlier };
}

/**
 * The answer to cancelling a 3PL release: a 940 cannot be recalled synchronously, so the release is not stopped
 * here; the reason names the partner, who must be asked to stop it (its 945 then says what shipped).
 */
export async function refuseThirdPartyCancel(
  deps: OrderActivityDeps,
  args: { releaseId: string; thirdParty: ThirdPartyWarehouse },
): Promise<{ cancelled: false; reason: string }> {
  // A partner deleted since is named by its id; any other failure is retried.
  const partner = await deps.edi.partners.get(args.thirdParty.partnerId).catch((err: unknown) => {
    if (isNotFoundError(err)) return undefined;
    throw err;
  });
  const who = partner ? `${partner.name} (${partner.id})` : args.thirdParty.partnerId;
  return {
    cancelled: false,
    reason: `release ${args.releaseId} went to 3PL partner ${who} as EDI 940 order ${shippingOrderNumberOf(args.releaseId)}, which cannot be recalled by the hub; ask the 3PL to stop it — its 945 will say what shipped`,
  };
}
