/**
 * 850 Purchase Order to a supplier from a canonical PurchaseOrder: BEG, CUR, FOB, SAC, ITD, DTM, TD5, N1 BY/ST/BT,
 * PO1/PID/DTM per line and CTT with the hash total of the ordered quantities. See README.md for what is carried.
 */
import type { PurchaseOrder } from '../../../canonical-model/generated/index';
import type { OutSegment } from '../x12/types';
import {
  carrierSegment,
  chargeSegment,
  currencySegment,
  freightSegment,
  termsSegment,
} from './commercial-segments';
import type { SetGenerator } from './context';
import { partySegments } from './party-segments';
import { productIdPairs } from './product-ids';
import { dateX12, invalid, rDecimal, sumDecimals, unitX12 } from './x12-values';

/** BEG02 purchase order type code of each canonical PO type. */
export const PO_TYPE_CODES: Record<PurchaseOrder['type'], string> = {
  standard: 'SA',
  'drop-ship': 'DS',
  blanket: 'BK',
  release: 'RL',
};

/** Header DTM qualifiers of the PO's dates. */
export const PO_DATE_QUALIFIERS = {
  requestedDeliveryDate: '002',
  requestedShipDate: '010',
  cancelAfter: '001',
} as const;

/** Builds the 850 body for `order`. */
export const generate850: SetGenerator<PurchaseOrder> = (order, context) => {
  const body: OutSegment[] = [
    {
      id: 'BEG',
      elements: [
        order.status === 'cancelled' ? '01' : '00',
        PO_TYPE_CODES[order.type],
        order.poNumber,
        order.releaseNumber,
        dateX12(order.orderDate, '/orderDate'),
      ],
    },
    currencySegment('BY', order.currency),
  ];
  if (order.freightTerms) body.push(freightSegment(order.freightTerms));
  order.charges?.forEach((charge, i) => body.push(chargeSegment(charge, `/charges/${i}`)));
  if (order.paymentTerms) body.push(termsSegment(order.paymentTerms, '/paymentTerms'));
  for (const [field, qualifier] of Object.entries(PO_DATE_QUALIFIERS) as [
    keyof typeof PO_DATE_QUALIFIERS,
    string,
  ][]) {
    const date = order[field];
    if (date) body.push({ id: 'DTM', elements: [qualifier, dateX12(date, `/${field}`)] });
  }
  if (order.carrier) body.push(carrierSegment(order.carrier));
  body.push(
    ...partySegments('BY', { name: context.legalEntity.legalName, ...context.ourParty }, 'context.ourParty'),
  );
  body.push(...partySegments('ST', order.shipTo, '/shipTo'));
  if (order.billTo) body.push(...partySegments('BT', order.billTo, '/billTo'));
  order.lines.forEach((line, i) => {
    const path = `/lines/${i}`;
    if (line.unitPrice.currency !== order.currency) {
      invalid(
        `${path}/unitPrice/currency`,
        `is ${line.unitPrice.currency} but the order is in ${order.currency}`,
      );
    }
    body.push({
      id: 'PO1',
      elements: [
        String(line.lineNumber),
        rDecimal(line.quantity.value, `${path}/quantity/value`),
        unitX12(line.quantity.uom),
        rDecimal(line.unitPrice.amount, `${path}/unitPrice/amount`),
        '',
        ...productIdPairs(line.item, context.profile.productIdQualifiers, 10, `${path}/item`),
      ],
    });
    if (line.item.description) body.push({ id: 'PID', elements: ['F', '', '', '', line.item.description] });
    if (line.requestedDeliveryDate) {
      body.push({
        id: 'DTM',
        elements: ['002', dateX12(line.requestedDeliveryDate, `${path}/requestedDeliveryDate`)],
      });
    }
  });
  const hash = rDecimal(sumDecimals(order.lines.map((line) => line.quantity.value)), '/lines');
  body.push({ id: 'CTT', elements: [String(order.lines.length), hash] });
  return body;
};
