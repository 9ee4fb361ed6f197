import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../canonical-model/generated/index';
import { map810, map855 } from '../../connectors/edi-x12/inbound/index';
import { generate810 } from '../../connectors/edi-x12/outbound/generate-810';
import { generate855 } from '../../connectors/edi-x12/outbound/generate-855';
import { roundTrip } from '../../connectors/edi-x12/outbound/test-support/round-trip';
import { buildOrderAck, buildShipmentInvoice, shippedQuantityByLine } from './documents';
import type { OrderAckLineAnswer } from './documents';
import {
  NOW,
  expectValid,
  failureOf,
  order,
  profile,
  segmentsOf,
  shipment,
  withId,
} from './documents-test-support';

const invoiceOf = (o = order(), s = shipment()) =>
  buildShipmentInvoice({
    order: o,
    shipment: s,
    invoiceId: 'inv_so100482_1',
    invoiceNumber: 'INV-1001',
    invoiceDate: '2025-04-03',
    now: NOW,
    connectorId: 'netsuite-prod',
  });
const ackOf = (answers: OrderAckLineAnswer[], o = order()) =>
  buildOrderAck({
    order: o,
    lines: answers,
    ackId: 'poa_so100482',
    ackDate: '2025-03-31',
    now: NOW,
    connectorId: 'edi-bigbox',
  });
const answer = (lineNumber: number, accepted: string, backordered = '0', cancelled = '0') => ({
  lineNumber,
  accepted,
  backordered,
  cancelled,
});

describe('buildShipmentInvoice', () => {
  it('bills exactly what shipped at the order prices, with the share of the line discount', () => {
    const invoice = invoiceOf();
    expectValid(invoice);
    expect(
      invoice.lines.map((l) => [l.orderLineNumber, l.quantity, l.unitPrice.amount, l.amount.amount]),
    ).toEqual([
      [1, { value: '240', uom: 'EA' }, '3.10', '744.00'],
      [2, { value: '6', uom: 'CS' }, '48.00', '273.60'],
    ]);
    expect(invoice.lines[1]!.discount).toEqual({ amount: '14.40', currency: 'USD' });
    expect(invoice.lines[0]!.item).toEqual(order().lines[0]!.item);
    expect(invoice.totals.total).toEqual({ amount: '1017.60', currency: 'USD' });
    expect(invoice).toMatchObject({
      direction: 'AR',
      customerId: 'cus_bigbox_retail',
      salesOrderId: 'so_01HV4M2X9K',
      poNumber: '4500098812',
      shipmentIds: ['shp_01HV8M1N2P'],
      dueDate: '2025-05-03',
      shipDate: '2025-04-03',
      source: { connectorId: 'netsuite-prod', system: 'hub', externalId: 'inv_so100482_1' },
    });
  });

  it('adds exact decimals: 3 × 19.99 + 2 × 0.10 is 60.17', () => {
    const o = order();
    o.lines[0]!.unitPrice.amount = '19.99';
    o.lines[1]!.unitPrice.amount = '0.10';
    delete o.lines[1]!.discount;
    const s = shipment();
    s.lines[0]!.quantityShipped.value = '3';
    s.lines[1]!.quantityShipped.value = '2';
    const invoice = invoiceOf(o, s);
    expect(invoice.lines.map((l) => l.amount.amount)).toEqual(['59.97', '0.20']);
    expect(invoice.totals.total.amount).toBe('60.17');
    expectValid(invoice);
  });

  it('leaves out lines that shipped nothing, and counts shipped quantities per order line', () => {
    const s = shipment();
    s.lines[1]!.quantityShipped.value = '0';
    const invoice = invoiceOf(order(), s);
    expect(invoice.lines.map((l) => l.orderLineNumber)).toEqual([1]);
    expect(invoice.totals.total.amount).toBe('744.00');
    s.lines.push({ ...s.lines[0]!, lineNumber: 3, quantityShipped: { value: '0.5', uom: 'EA' } });
    expect(shippedQuantityByLine(s)).toEqual(
      new Map([
        [1, '240.5'],
        [2, '0'],
      ]),
    );
  });

  it('refuses a shipment line of no order line, a unit the order is not priced in and another order', () => {
    const s = shipment();
    s.lines[1]!.salesOrderLineNumber = 7;
    expect(failureOf(() => invoiceOf(order(), s))).toEqual({
      kind: 'data',
      paths: ['/lines/1/salesOrderLineNumber'],
    });
    const unit = shipment();
    unit.lines[1]!.quantityShipped.uom = 'EA';
    expect(failureOf(() => invoiceOf(order(), unit)).paths).toEqual(['/lines/1/quantityShipped/uom']);
    expect(failureOf(() => invoiceOf(order(), { ...shipment(), salesOrderId: 'so_other' })).paths).toEqual([
      '/salesOrderId',
    ]);
  });

  it('counts the due date in calendar days across months, years and 29 February', () => {
    const due = (invoiceDate: string, netDays: number) => {
      const o = order();
      o.paymentTerms = { netDays };
      return buildShipmentInvoice({
        order: o,
        shipment: shipment(),
        invoiceId: 'i',
        invoiceNumber: 'n',
        invoiceDate,
        now: NOW,
        connectorId: 'c',
      });
    };
    expect(due('2025-12-15', 30).dueDate).toBe('2026-01-14');
    expect(due('2024-02-15', 14).paymentTerms?.dueDate).toBe('2024-02-29');
    const o = order();
    delete o.paymentTerms;
    expect(invoiceOf(o).dueDate).toBeUndefined();
  });

  it('goes out as an 810 with the PO number, the shipped quantities and the total in TDS, and reads back', () => {
    const invoice = invoiceOf();
    const trip = roundTrip(invoice, '810', generate810, map810, profile);
    const segments = segmentsOf(trip.interchange.text);
    expect(withId(segments, 'BIG')[0]!.slice(1, 5)).toEqual(['20250403', 'INV-1001', '', '4500098812']);
    expect(withId(segments, 'IT1').map((s) => s.slice(1, 5))).toEqual([
      ['1', '240', 'EA', '3.1'],
      ['2', '6', 'CA', '48'],
    ]);
    expect(withId(segments, 'TDS')).toEqual([['TDS', '101760']]);
    const [read] = trip.mapped.documents as Invoice[];
    expect(read!.totals.total.amount).toBe('1017.60');
  });
});

describe('buildOrderAck', () => {
  it('accepts an order taken as ordered, and sends BAK AD with IA lines in an 855', () => {
    const ack = ackOf([answer(1, '240'), answer(2, '10')]);
    expectValid(ack);
    expect(ack).toMatchObject({
      direction: 'outbound',
      status: 'accepted',
      poNumber: '4500098812',
      supplierId: 'le_acme_us',
      customerId: 'cus_bigbox_retail',
      salesOrderId: 'so_01HV4M2X9K',
    });
    const segments = segmentsOf(roundTrip(ack, '855', generate855, map855, profile).interchange.text);
    expect(withId(segments, 'BAK')[0]!.slice(1, 4)).toEqual(['00', 'AD', '4500098812']);
    expect(withId(segments, 'ACK').map((s) => s.slice(1, 4))).toEqual([
      ['IA', '240', 'EA'],
      ['IA', '10', 'CA'],
    ]);
  });

  it('answers with changes when a line is partly backordered, and IB in the 855', () => {
    const ack = ackOf([answer(1, '240'), answer(2, '6', '4')]);
    expectValid(ack);
    expect(ack.status).toBe('accepted-with-changes');
    expect(ack.lines[1]).toMatchObject({
      status: 'backordered',
      quantityAccepted: { value: '6', uom: 'CS' },
      reason: '4 CS backordered',
    });
    const acks = withId(
      segmentsOf(roundTrip(ack, '855', generate855, map855, profile).interchange.text),
      'ACK',
    );
    expect(acks.map((s) => s[1])).toEqual(['IA', 'IB']);
  });

  it('rejects a cancelled line, changes a partly cancelled one and rejects the order when all is cancelled', () => {
    const ack = ackOf([answer(1, '200', '0', '40'), answer(2, '0', '0', '10')]);
    expectValid(ack);
    expect(ack.status).toBe('accepted-with-changes');
    expect(ack.lines.map((l) => l.status)).toEqual(['changed', 'rejected']);
    expect(ack.lines[0]!.changes).toEqual({ quantity: { value: '200', uom: 'EA' } });
    const acks = withId(
      segmentsOf(roundTrip(ack, '855', generate855, map855, profile).interchange.text),
      'ACK',
    );
    expect(acks.map((s) => s.slice(1, 3))).toEqual([['IC', '200'], ['IR']]);
    expect(ackOf([answer(1, '0', '0', '240'), answer(2, '0', '0', '10')]).status).toBe('rejected');
  });

  it('marks a substituted item as changed (855 IS with our SKU) and uses the order number without a PO', () => {
    const o = order();
    delete o.customerPoNumber;
    const ack = ackOf([{ ...answer(1, '240'), substituteSku: 'WID-1001B' }, answer(2, '10')], o);
    expectValid(ack);
    expect(ack.poNumber).toBe('SO-100482');
    const acks = withId(
      segmentsOf(roundTrip(ack, '855', generate855, map855, profile).interchange.text),
      'ACK',
    );
    expect(acks[0]!.slice(1, 2).concat(acks[0]!.slice(7))).toEqual(['IS', 'SK', 'WID-1001B']);
  });

  it('refuses an answer for no order line, a missing answer and quantities that do not add up', () => {
    expect(failureOf(() => ackOf([answer(9, '1'), answer(1, '240'), answer(2, '10')]))).toEqual({
      kind: 'data',
      paths: ['/lines/0/lineNumber'],
    });
    expect(failureOf(() => ackOf([answer(1, '240')])).paths).toEqual(['/lines']);
    expect(failureOf(() => ackOf([answer(1, '240'), answer(2, '6', '3')])).paths).toEqual(['/lines/1']);
  });
});
