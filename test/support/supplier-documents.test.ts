/**
 * The supplier-document builders, proven the way a POSTed interchange is received: the hub's X12 engine reads
 * the envelope (TA1/997 verdicts), and each set is mapped and validated by the hub's inbound mapping
 * (platform/edi/map-set.ts mapTransactionSet, perspective 'hub') under the supplier's trading partner profile.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AdvanceShipNotice, Invoice, PurchaseOrderAck } from '../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../canonical-model/validate';
import type { TradingPartnerProfile } from '../../connectors/edi-x12/partner';
import { receiveInterchanges } from '../../connectors/edi-x12/x12/receive-interchange';
import type { TransactionSet } from '../../connectors/edi-x12/x12/types';
import { mapTransactionSet } from '../../platform/edi/map-set';
import type { SupplierEnvelope } from './supplier-documents';
import { supplier810, supplier855, supplier856, supplierPartnerInput } from './supplier-documents';

const envelope: SupplierEnvelope = { sender: 'ACMESUPPLY', receiver: 'DISTHUB', control: 4711 };
const partner: TradingPartnerProfile = {
  ...supplierPartnerInput(envelope, { legalEntityId: 'le_us', partyId: 'sup_acme' }),
  id: 'tp_acme_supply',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revision: 1,
};
const validator = createCanonicalValidator();

/** Receives the bytes as the hub does and maps every set; the envelope must be accepted clean. */
async function received<T>(bytes: Buffer): Promise<{ documents: T[]; sender: string; receiver: string }> {
  const sets: TransactionSet[] = [];
  const outcomes = await receiveInterchanges(Readable.from([bytes]), {
    onSet: (set) => {
      sets.push(set);
      return Promise.resolve();
    },
  });
  expect(outcomes).toHaveLength(1);
  const [outcome] = outcomes;
  expect(outcome!.problems).toEqual([]);
  expect(outcome!.ta1.status).toBe('A');
  expect(outcome!.groups.map((g) => [g.status, g.codes, g.sets.map((s) => [s.status, s.codes])])).toEqual([
    ['A', [], [['A', []]]],
  ]);
  const documents = sets.flatMap(
    (set) => mapTransactionSet({ validator }, set, partner, 'edi_conn').documents as unknown as T[],
  );
  return { documents, sender: outcome!.header!.senderId, receiver: outcome!.header!.receiverId };
}

const id = (sku: string) => [{ qualifier: 'SKU', value: sku }];

describe('supplier 855', () => {
  it('reads back as an inbound PurchaseOrderAck: an accepted, a rejected, a quantity-changed and a price-changed line', async () => {
    const bytes = supplier855(envelope, {
      poNumber: 'PO-100023',
      ackNumber: 'SO-77',
      lines: [
        { lineNumber: 1, sku: 'SKU-1', quantity: 10, unitPrice: '2.50' },
        { lineNumber: 2, sku: 'SKU-2', quantity: 4, unitPrice: '7.00', answer: { status: 'reject' } },
        {
          lineNumber: 3,
          sku: 'SKU-3',
          quantity: 8,
          unitPrice: '1.25',
          answer: { status: 'change-quantity', quantity: 6 },
        },
        {
          lineNumber: 4,
          sku: 'SKU-4',
          quantity: 5,
          unitPrice: '2.90',
          answer: { status: 'change-price', unitPrice: '3.10' },
        },
      ],
    });
    const { documents, sender, receiver } = await received<PurchaseOrderAck>(bytes);
    expect([sender, receiver]).toEqual(['ACMESUPPLY', 'DISTHUB']);
    const [ack] = documents;
    expect(ack).toMatchObject({
      documentType: 'purchase-order-ack',
      direction: 'inbound',
      legalEntityId: 'le_us',
      poNumber: 'PO-100023',
      supplierId: 'sup_acme',
      ackNumber: 'SO-77',
      status: 'accepted-with-changes',
      ackDate: '2026-03-02',
    });
    expect(
      ack!.lines.map((l) => [
        l.lineNumber,
        l.item.identifiers,
        l.status,
        l.quantityAccepted?.value,
        l.changes,
      ]),
    ).toEqual([
      [1, id('SKU-1'), 'accepted', '10', undefined],
      [2, id('SKU-2'), 'rejected', undefined, undefined],
      [3, id('SKU-3'), 'changed', '6', { quantity: { value: '6', uom: 'EA' } }],
      [4, id('SKU-4'), 'changed', '5', { unitPrice: { amount: '3.1', currency: 'USD' } }],
    ]);
    // X12 R values carry no trailing zeros: our 2.50 is read back as 2.5.
    expect(ack!.lines[0]!.unitPriceOrdered).toEqual({ amount: '2.5', currency: 'USD' });
  });

  it('says accepted when every line is accepted and rejected when every line is rejected; dates reschedule', async () => {
    const line = { lineNumber: 1, sku: 'SKU-1', quantity: 3, unitPrice: '1.00' };
    const [accepted] = (
      await received<PurchaseOrderAck>(
        supplier855(envelope, {
          poNumber: 'PO-1',
          lines: [
            line,
            { ...line, lineNumber: 2, answer: { status: 'change-date', shipDate: '2026-03-20' } },
          ],
          type: 'AC',
        }),
      )
    ).documents;
    expect(accepted!.lines[1]).toMatchObject({ status: 'changed', changes: { shipDate: '2026-03-20' } });
    const [all] = (
      await received<PurchaseOrderAck>(supplier855(envelope, { poNumber: 'PO-2', lines: [line] }))
    ).documents;
    expect(all!.status).toBe('accepted');
    const [none] = (
      await received<PurchaseOrderAck>(
        supplier855(
          { ...envelope, control: 4712 },
          {
            poNumber: 'PO-3',
            lines: [{ ...line, answer: { status: 'reject' } }],
          },
        ),
      )
    ).documents;
    expect([none!.status, none!.lines[0]!.status]).toEqual(['rejected', 'rejected']);
  });
});

describe('supplier 856', () => {
  it('reads back as an inbound AdvanceShipNotice shipping some lines of two POs, loose', async () => {
    const bytes = supplier856(envelope, {
      asnNumber: 'SHP-9001',
      shipDate: '2026-03-05',
      deliveryDate: '2026-03-09',
      billOfLading: 'BOL-55',
      scac: 'ODFL',
      shipTo: { name: 'CHICAGO DC', code: 'DC-CHI' },
      orders: [
        {
          poNumber: 'PO-100023',
          lines: [
            { lineNumber: 1, sku: 'SKU-1', quantity: 6, ordered: 10 },
            { lineNumber: 3, sku: 'SKU-3', quantity: 6 },
          ],
        },
        { poNumber: 'PO-100024', lines: [{ lineNumber: 1, sku: 'SKU-9', quantity: 12 }] },
      ],
    });
    const [asn] = (await received<AdvanceShipNotice>(bytes)).documents;
    expect(asn).toMatchObject({
      documentType: 'advance-ship-notice',
      direction: 'inbound',
      asnNumber: 'SHP-9001',
      supplierId: 'sup_acme',
      purpose: 'original',
      shipDate: '2026-03-05',
      estimatedDeliveryDate: '2026-03-09',
      billOfLading: 'BOL-55',
      shipTo: { name: 'CHICAGO DC', code: 'DC-CHI' },
    });
    expect(
      asn!.orders.map((o) => [
        o.poNumber,
        o.packs,
        o.items?.map((i) => [i.lineNumber, i.item.identifiers, i.quantity, i.quantityOrdered?.value]),
      ]),
    ).toEqual([
      [
        'PO-100023',
        undefined,
        [
          [1, id('SKU-1'), { value: '6', uom: 'EA' }, '10'],
          [3, id('SKU-3'), { value: '6', uom: 'EA' }, undefined],
        ],
      ],
      ['PO-100024', undefined, [[1, id('SKU-9'), { value: '12', uom: 'EA' }, undefined]]],
    ]);
  });
});

describe('supplier 810', () => {
  it('reads back as an AP Invoice of the PO: lines at their prices, the TDS total in cents', async () => {
    const bytes = supplier810(envelope, {
      invoiceNumber: 'INV-3301',
      invoiceDate: '2026-03-06',
      poNumber: 'PO-100023',
      lines: [
        { lineNumber: 1, sku: 'SKU-1', quantity: 10, unitPrice: '2.50' },
        { lineNumber: 4, sku: 'SKU-4', quantity: 6, unitPrice: '3.105' },
      ],
    });
    expect(bytes.toString()).toContain('TDS*4363~');
    const [invoice] = (await received<Invoice>(bytes)).documents;
    expect(invoice).toMatchObject({
      documentType: 'invoice',
      direction: 'AP',
      invoiceNumber: 'INV-3301',
      invoiceDate: '2026-03-06',
      poNumber: 'PO-100023',
      supplierId: 'sup_acme',
      currency: 'USD',
      totals: { subtotal: { amount: '43.63' }, total: { amount: '43.63' } },
    });
    expect(
      invoice!.lines.map((l) => [
        l.orderLineNumber,
        l.item?.identifiers,
        l.quantity.value,
        l.unitPrice.amount,
        l.amount.amount,
      ]),
    ).toEqual([
      [1, id('SKU-1'), '10', '2.5', '25.00'],
      [4, id('SKU-4'), '6', '3.105', '18.63'],
    ]);
  });
});
