import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import { createCanonicalValidator } from '../../canonical-model/validate';
import { isHubError } from '../../platform/errors';
import type { HubError } from '../../platform/errors';
import { parseJson } from '../sdk/json';
import { acknowledgementToCanonical } from './mappers/acknowledgement';
import { asnToCanonical } from './mappers/advance-ship-notice';
import { invoiceToCanonical } from './mappers/invoice';
import { purchaseOrderToPortal } from './mappers/purchase-order';

const context = { connectorId: 'portal-acme', legalEntityId: 'le_acme_us' };
const validator = createCanonicalValidator();
const fixture = (name: string) =>
  parseJson(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  > & {
    lines: Record<string, unknown>[];
  };
const expectValid = (type: string, doc: unknown) => {
  const result = validator.validate(type, doc);
  expect(result.valid ? [] : result.errors).toEqual([]);
};
const mappingError = (fn: () => unknown): HubError => {
  try {
    fn();
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a mapping error');
};

describe('supplier-portal mappers', () => {
  it('maps a recorded acknowledgement to a valid PurchaseOrderAck with per-line decisions', () => {
    const ack = acknowledgementToCanonical(fixture('acknowledgement'), context);
    expectValid('purchase-order-ack', ack);
    expect(ack).toMatchObject({
      id: 'portal-acme:purchase-order-ack:ack_3m9x7q2kfw',
      purchaseOrderId: 'po_01HV5A7Y2Q',
      supplierId: 'portal-acme:supplier:sup_7hq2m4ac9x',
      status: 'accepted-with-changes',
      ackDate: '2025-03-29',
      source: {
        system: 'supplier-portal',
        externalId: 'ack_3m9x7q2kfw',
        version: '2025-03-29T07:41:00.000Z',
      },
    });
    expect(ack.lines[0]).toMatchObject({
      status: 'changed',
      quantityOrdered: { value: '200', uom: 'CS' },
      changes: {
        quantity: { value: '180', uom: 'CS' },
        unitPrice: { amount: '22.60', currency: 'EUR' },
        deliveryDate: '2025-05-02',
      },
    });
    expect(ack.lines[1]).toMatchObject({ status: 'rejected', reason: 'Item discontinued' });
    expect(ack.lines[1]?.quantityAccepted).toBeUndefined();
    expect(ack.lines[2]).toMatchObject({ status: 'accepted', unitPriceOrdered: { amount: '0.0425' } });
  });

  it('maps a recorded ASN to a valid inbound AdvanceShipNotice, dropping the "00" AI from an SSCC', () => {
    const asn = asnToCanonical(fixture('asn'), context);
    expectValid('advance-ship-notice', asn);
    expect(asn).toMatchObject({
      direction: 'inbound',
      asnNumber: 'ASN-100117',
      carrier: { scac: 'UPSN', mode: 'ltl' },
    });
    const packs = asn.orders[0]!.packs ?? [];
    expect(packs.map((p) => p.sscc)).toEqual([
      '006141410000000012',
      '006141410000000029',
      '006141410000000036',
    ]);
    expect(packs[0]!.items[0]).toMatchObject({
      quantity: { value: '120', uom: 'CS' },
      lot: { lotNumber: 'L20250404-17' },
    });
  });

  it('maps a recorded invoice to a valid AP Invoice, keeping JSON-number prices exact', () => {
    const raw = fixture('invoice');
    raw.lines[1]!.amount = parseJson('12345678901234.125');
    const invoice = invoiceToCanonical(raw, context);
    expectValid('invoice', invoice);
    expect(invoice).toMatchObject({
      direction: 'AP',
      supplierId: 'portal-acme:supplier:sup_7hq2m4ac9x',
      poNumber: 'PO-88121',
    });
    expect(invoice.lines[1]).toMatchObject({
      unitPrice: { amount: '0.0425' },
      amount: { amount: '12345678901234.125' },
    });
    expect(invoice.paymentTerms).toEqual({ code: 'NET30', netDays: 30 });
  });

  it.each([
    [
      'an unparsable price',
      (a: ReturnType<typeof fixture>) => (a.lines[0]!.unit_price = '22,60'),
      '/lines/0/unit_price',
    ],
    [
      'a missing SKU',
      (a: ReturnType<typeof fixture>) => {
        delete a.lines[2]!.sku;
        delete a.lines[2]!.vendor_part;
      },
      '/lines/2/sku',
    ],
    ['an unknown unit', (a: ReturnType<typeof fixture>) => (a.lines[1]!.unit = 'crate'), '/lines/1/unit'],
    ['an unknown status', (a: ReturnType<typeof fixture>) => (a.status = 'maybe'), '/status'],
  ])('refuses an acknowledgement with %s as data naming the portal field', (_name, spoil, path) => {
    const raw = fixture('acknowledgement');
    spoil(raw);
    const error = mappingError(() => acknowledgementToCanonical(raw, context));
    expect(error.kind).toBe('data');
    expect(error.fieldErrors?.map((f) => f.path)).toContain(path);
  });

  it('refuses an ASN carton whose SSCC check digit is wrong, naming the carton', () => {
    const raw = fixture('asn') as unknown as Record<string, unknown> & {
      orders: { cartons: { sscc: string }[] }[];
    };
    raw.orders[0]!.cartons[1]!.sscc = '006141410000000021';
    const error = mappingError(() => asnToCanonical(raw, context));
    expect(error.fieldErrors?.[0]?.path).toBe('/orders/0/cartons/1/sscc');
    expect(error.message).toContain('check digit');
  });

  it('builds the portal request from a canonical PO, with portal units and exact decimal strings', () => {
    const po = loadFixture('purchase-order');
    const body = purchaseOrderToPortal(po, 'sup_7hq2m4ac9x', 'ACME-US');
    expect(body).toMatchObject({
      supplier_id: 'sup_7hq2m4ac9x',
      buyer_reference: po.id,
      po_number: 'PO-88121',
    });
    expect(body.lines[0]).toEqual({
      line_number: 1,
      sku: 'WID-1001',
      vendor_part: 'ACM-88213',
      quantity: '200',
      unit: 'case',
      unit_price: '22.14',
      requested_date: '2025-04-25',
    });
    expect(body.ship_to).toMatchObject({
      code: 'loc_dc_chicago',
      gln: '0614141000005',
      address: { country: 'US' },
    });
  });

  it('refuses a canonical PO line in a unit the portal cannot take, naming the canonical field', () => {
    const po = loadFixture('purchase-order');
    po.lines[1]!.quantity.uom = 'GAL';
    const error = mappingError(() => purchaseOrderToPortal(po, 'sup_7hq2m4ac9x', 'ACME-US'));
    expect(error.kind).toBe('data');
    expect(error.fieldErrors?.map((f) => f.path)).toEqual(['/lines/1/quantity/uom']);
  });
});
