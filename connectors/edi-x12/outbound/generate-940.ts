/**
 * 940 Warehouse Shipping Order to a 3PL from a canonical WarehouseShippingOrder: W05, N1 ST/SF/DE/WH, G62, NTE,
 * W66, LX/W01/G69/N9 per line and W76 totals. See README.md for what is carried.
 */
import type { WarehouseShippingOrder } from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import { PAYMENT_METHODS, TRANSPORT_METHODS } from './commercial-segments';
import type { SetGenerator } from './context';
import { partySegments } from './party-segments';
import { productIdPairs } from './product-ids';
import { dateX12, invalid, rDecimal, unitX12 } from './x12-values';

/** W0501 order status of each purpose (N original, F cancellation, R replace). */
export const ORDER_STATUS_CODES: Record<WarehouseShippingOrder['purpose'], string> = {
  original: 'N',
  cancel: 'F',
  replace: 'R',
};

/** NTE02 holds at most 80 characters. */
const NOTE_LENGTH = 80;

/** Builds the 940 body for `order`. */
export const generate940: SetGenerator<WarehouseShippingOrder> = (order, context) => {
  const body: OutSegment[] = [
    { id: 'W05', elements: [ORDER_STATUS_CODES[order.purpose], order.orderNumber, order.customerPoNumber] },
    ...partySegments('ST', order.shipTo, '/shipTo'),
  ];
  if (order.shipFrom) body.push(...partySegments('SF', order.shipFrom, '/shipFrom'));
  if (order.depositor) body.push(...partySegments('DE', order.depositor, '/depositor'));
  // The warehouse is named by its canonical location id, which the 3PL's profile maps to its facility code.
  body.push({ id: 'N1', elements: ['WH', '', 'ZZ', order.warehouseLocationId] });
  if (order.requestedShipDate)
    body.push({ id: 'G62', elements: ['10', dateX12(order.requestedShipDate, '/requestedShipDate')] });
  if (order.requestedDeliveryDate) {
    body.push({
      id: 'G62',
      elements: ['02', dateX12(order.requestedDeliveryDate, '/requestedDeliveryDate')],
    });
  }
  order.notes?.forEach((note, i) => {
    if (note.text.length > NOTE_LENGTH)
      invalid(`/notes/${i}/text`, `is longer than the ${NOTE_LENGTH} characters NTE02 holds`);
    body.push({ id: 'NTE', elements: ['WHI', note.text] });
  });
  if (order.freightTerms || order.carrier) {
    const carrier = order.carrier;
    const mode = carrier?.mode ? TRANSPORT_METHODS[carrier.mode] : undefined;
    // W6601 and W6602 are mandatory: DF (defined by buyer and seller) and ZZ (mutually defined) when not known.
    const payment = order.freightTerms ? PAYMENT_METHODS[order.freightTerms] : 'DF';
    body.push({
      id: 'W66',
      elements: [payment, mode ?? 'ZZ', '', '', carrier?.name, '', '', '', '', carrier?.scac],
    });
  }
  const units = new Set(order.lines.map((line) => line.quantity.uom));
  order.lines.forEach((line, i) => {
    const path = `/lines/${i}`;
    const pairs = productIdPairs(line.item, context.profile.productIdQualifiers, 3, `${path}/item`);
    const [q1, id1, q2, id2, q3, id3] = pairs;
    body.push(
      { id: 'LX', elements: [String(line.lineNumber)] },
      {
        id: 'W01',
        elements: [
          rDecimal(line.quantity.value, `${path}/quantity/value`),
          unitX12(line.quantity.uom),
          '',
          q1,
          id1,
          q2,
          id2,
          '',
          '',
          '',
          '',
          '',
          '',
          q3,
          id3,
        ],
      },
    );
    if (line.item.description) body.push({ id: 'G69', elements: [line.item.description] });
    if (line.salesOrderLineNumber !== undefined)
      body.push({ id: 'N9', elements: ['LI', String(line.salesOrderLineNumber)] });
    if (line.lot) {
      const expiry =
        line.lot.expirationDate && dateX12(line.lot.expirationDate, `${path}/lot/expirationDate`);
      body.push({ id: 'N9', elements: ['LT', line.lot.lotNumber, '', expiry] });
    }
  });
  const totals = order.totals;
  if (totals) {
    // W76 has no unit for the quantity: it is the lines' unit, so a total in another unit cannot be sent.
    if (totals.quantity && (units.size !== 1 || !units.has(totals.quantity.uom))) {
      invalid(
        '/totals/quantity/uom',
        'must be the one unit every line is ordered in (W76 has no unit for it)',
      );
    }
    body.push({
      id: 'W76',
      elements: [
        totals.quantity && rDecimal(totals.quantity.value, '/totals/quantity/value'),
        totals.weight && rDecimal(totals.weight.value, '/totals/weight/value'),
        totals.weight && unitX12(totals.weight.uom),
      ],
    });
  }
  return body;
};
