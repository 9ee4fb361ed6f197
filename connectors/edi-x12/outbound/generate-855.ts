/**
 * 855 Purchase Order Acknowledgment to a customer from an outbound canonical PurchaseOrderAck: BAK, CUR, DTM
 * 068/067, then per line the PO1 echo (PID description) and an ACK with the line status, the accepted or changed
 * quantity and the changed date; CTT with the hash of the ordered quantities. See README.md for what is carried.
 */
import type { PurchaseOrderAck, PurchaseOrderAckLine } from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import { currencySegment } from './commercial-segments';
import type { SetGenerator } from './context';
import { productIdPairs } from './product-ids';
import { dateX12, invalid, rDecimal, sumDecimals, unitX12 } from './x12-values';

/** BAK02 acknowledgment type of each header status (AD detail no change, AC detail and change, RD reject with detail). */
export const ACK_TYPE_CODES: Record<PurchaseOrderAck['status'], string> = {
  accepted: 'AD',
  'accepted-with-changes': 'AC',
  rejected: 'RD',
};

/** ACK01 line status: a changed line is IC (accepted, changes made), or IS when it substitutes the item. */
function lineStatusCode(line: PurchaseOrderAckLine): string {
  if (line.status === 'accepted') return 'IA';
  if (line.status === 'rejected') return 'IR';
  if (line.status === 'backordered') return 'IB';
  return line.changes?.item ? 'IS' : 'IC';
}

function ackSegment(line: PurchaseOrderAckLine, preference: readonly string[], path: string): OutSegment {
  // `changes` only means something on a changed line (the schema's rule), so other lines send none of it.
  const changes = line.status === 'changed' ? line.changes : undefined;
  const quantity = changes?.quantity ?? line.quantityAccepted;
  // ACK carries one date: the changed ship date (068 current schedule ship) wins over the delivery date (067).
  const [qualifier, date] = changes?.shipDate
    ? ['068', dateX12(changes.shipDate, `${path}/changes/shipDate`)]
    : changes?.deliveryDate
      ? ['067', dateX12(changes.deliveryDate, `${path}/changes/deliveryDate`)]
      : [undefined, undefined];
  const substitute = changes?.item
    ? productIdPairs(changes.item, preference, 10, `${path}/changes/item`)
    : [];
  return {
    id: 'ACK',
    elements: [
      lineStatusCode(line),
      quantity && rDecimal(quantity.value, `${path}/quantityAccepted/value`),
      quantity && unitX12(quantity.uom),
      qualifier,
      date,
      '',
      ...substitute,
    ],
  };
}

/** Builds the 855 body for an outbound `ack`. */
export const generate855: SetGenerator<PurchaseOrderAck> = (ack, context) => {
  if (ack.direction !== 'outbound')
    invalid('/direction', 'must be outbound: the hub sends 855s only to customers');
  const ackDate = dateX12(ack.ackDate, '/ackDate');
  const currency =
    ack.currency ?? ack.lines.find((line) => line.unitPriceOrdered)?.unitPriceOrdered?.currency;
  // BAK04 (PO date) is mandatory but the canonical ack keeps no PO date: the ack date stands in; BAK09 is the ack date.
  const body: OutSegment[] = [
    {
      id: 'BAK',
      elements: ['00', ACK_TYPE_CODES[ack.status], ack.poNumber, ackDate, '', '', '', ack.ackNumber, ackDate],
    },
  ];
  if (currency) body.push(currencySegment('SE', currency));
  if (ack.estimatedShipDate)
    body.push({ id: 'DTM', elements: ['068', dateX12(ack.estimatedShipDate, '/estimatedShipDate')] });
  if (ack.estimatedDeliveryDate) {
    body.push({ id: 'DTM', elements: ['067', dateX12(ack.estimatedDeliveryDate, '/estimatedDeliveryDate')] });
  }
  const preference = context.profile.productIdQualifiers;
  ack.lines.forEach((line, i) => {
    const path = `/lines/${i}`;
    const price = line.unitPriceOrdered;
    if (price && currency && price.currency !== currency) {
      invalid(
        `${path}/unitPriceOrdered/currency`,
        `is ${price.currency} but the acknowledgment is in ${currency}`,
      );
    }
    body.push({
      id: 'PO1',
      elements: [
        String(line.lineNumber),
        rDecimal(line.quantityOrdered.value, `${path}/quantityOrdered/value`),
        unitX12(line.quantityOrdered.uom),
        price && rDecimal(price.amount, `${path}/unitPriceOrdered/amount`),
        '',
        ...productIdPairs(line.item, preference, 10, `${path}/item`),
      ],
    });
    if (line.item.description) body.push({ id: 'PID', elements: ['F', '', '', '', line.item.description] });
    body.push(ackSegment(line, preference, path));
  });
  const hash = rDecimal(sumDecimals(ack.lines.map((line) => line.quantityOrdered.value)), '/lines');
  body.push({ id: 'CTT', elements: [String(ack.lines.length), hash] });
  return body;
};
