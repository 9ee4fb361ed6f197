import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from './document-types';
import { loadFixture } from './fixtures/load-fixture';
import { createCanonicalValidator } from './validate';
import type { CanonicalValidator } from './validate';

let validator: CanonicalValidator;
beforeAll(() => {
  validator = createCanonicalValidator();
});

type Doc = Record<string, unknown>;
const any = (doc: unknown) => doc as Doc & { lines: Doc[]; attributes: Doc };

function errorsOf(type: string, doc: unknown) {
  const result = validator.validate(type, doc);
  if (result.valid) throw new Error(`expected ${type} to be rejected`);
  return result.errors;
}

describe('valid documents', () => {
  it.each(DOCUMENT_TYPES)('accepts the realistic %s fixture and returns it', (type) => {
    const doc = loadFixture(type);
    const result = validator.validate(type, doc);
    expect(result).toEqual({ valid: true, value: doc });
  });
});

describe('invalid documents: each defect is named at its JSON pointer in plain words', () => {
  const cases: { name: string; type: string; mutate: (d: Doc) => void; path: string; message: RegExp }[] = [
    {
      name: 'an unknown field',
      type: 'sales-order',
      mutate: (d) => (any(d).lines[0]!.colour = 'red'),
      path: '/lines/0/colour',
      message: /^unknown field "colour"/,
    },
    {
      name: 'an unknown top-level field (names the document)',
      type: 'sales-order',
      mutate: (d) => (d.shipVia = 'UPS'),
      path: '/shipVia',
      message: /unknown field "shipVia": it is not part of the canonical SalesOrder/,
    },
    {
      name: 'a wrong type',
      type: 'sales-order',
      mutate: (d) => (any(d).lines[1]!.lineNumber = '2'),
      path: '/lines/1/lineNumber',
      message: /must be a whole number, not "2"/,
    },
    {
      name: 'a GTIN with a wrong check digit',
      type: 'item',
      mutate: (d) => ((d.identifiers as Doc[])[2]!.value = '10012345678901'),
      path: '/identifiers/2/value',
      message: /GTIN check digit is wrong: expected 2 as the last digit, got 1/,
    },
    {
      name: 'a UPC with a wrong check digit',
      type: 'sales-order',
      mutate: (d) => (((any(d).lines[0]!.item as Doc).identifiers as Doc[])[1]!.value = '012345678900'),
      path: '/lines/0/item/identifiers/1/value',
      message: /expected 5 as the last digit, got 0/,
    },
    {
      name: 'an SSCC with a wrong check digit',
      type: 'advance-ship-notice',
      mutate: (d) => (((d.orders as Doc[])[0]!.packs as Doc[])[1]!.sscc = '006141411234567907'),
      path: '/orders/0/packs/1/sscc',
      message: /SSCC-18 check digit is wrong: expected 6 as the last digit, got 7/,
    },
    {
      name: 'a negative quantity',
      type: 'sales-order',
      mutate: (d) => (any(d).lines[0]!.quantity = { value: '-240', uom: 'EA' }),
      path: '/lines/0/quantity/value',
      message: /non-negative decimal string .*never negative/,
    },
    {
      name: 'an unknown unit of measure',
      type: 'sales-order',
      mutate: (d) => (any(d).lines[0]!.quantity = { value: '240', uom: 'BOXES' }),
      path: '/lines/0/quantity/uom',
      message: /unknown unit of measure "BOXES"; the allowed units are EA, PC, DZ, .*CS.*GAL/,
    },
    {
      name: 'a money amount as a JSON number',
      type: 'sales-order',
      mutate: (d) => (any(d).lines[0]!.unitPrice = { amount: 3.1, currency: 'USD' }),
      path: '/lines/0/unitPrice/amount',
      message: /money amounts are decimal strings like "12.50"; JSON numbers are not accepted/,
    },
    {
      name: 'money as a bare JSON number',
      type: 'invoice',
      mutate: (d) => ((d.totals as Doc).total = 1082.6),
      path: '/totals/total',
      message: /JSON numbers are not accepted/,
    },
    {
      name: 'a money amount with too many decimals',
      type: 'invoice',
      mutate: (d) => ((d.totals as Doc).total = { amount: '1082.6000001', currency: 'USD' }),
      path: '/totals/total/amount',
      message: /at most 6 decimal places/,
    },
    {
      name: 'a lower-case currency code',
      type: 'invoice',
      mutate: (d) => (d.currency = 'usd'),
      path: '/currency',
      message: /ISO 4217 currency code/,
    },
    {
      name: 'a "$where" key in attributes',
      type: 'sales-order',
      mutate: (d) => (any(d).attributes.$where = 'sleep(1000)'),
      path: '/attributes/$where',
      message: /must not start with "\$" or contain "\."/,
    },
    {
      name: 'a dotted key in attributes',
      type: 'item',
      mutate: (d) => (any(d).attributes['spec.size'] = '40mm'),
      path: '/attributes/spec.size',
      message: /must not start with "\$" or contain "\."/,
    },
    {
      name: 'a date-time without an offset',
      type: 'sales-order',
      mutate: (d) => (d.placedAt = '2025-03-31T09:02:11'),
      path: '/placedAt',
      message: /must be an instant with a time-zone offset/,
    },
    {
      name: 'a business date with a time',
      type: 'sales-order',
      mutate: (d) => (d.orderDate = '2025-03-31T00:00:00Z'),
      path: '/orderDate',
      message: /must be a calendar date like "2025-03-31"/,
    },
    {
      name: 'an impossible date',
      type: 'purchase-order',
      mutate: (d) => (d.orderDate = '2025-02-30'),
      path: '/orderDate',
      message: /calendar date/,
    },
    {
      name: 'a missing required field',
      type: 'sales-order',
      mutate: (d) => delete d.customerId,
      path: '/customerId',
      message: /^required field "customerId" is missing$/,
    },
    {
      name: 'an empty line list',
      type: 'purchase-order',
      mutate: (d) => (d.lines = []),
      path: '/lines',
      message: /at least 1 item/,
    },
    {
      name: 'a wrong schemaVersion',
      type: 'item',
      mutate: (d) => (d.schemaVersion = '2'),
      path: '/schemaVersion',
      message: /must be "1", not "2"/,
    },
    {
      name: 'a status outside the enum',
      type: 'sales-order',
      mutate: (d) => (d.status = 'shipped-ish'),
      path: '/status',
      message: /"shipped-ish" is not allowed; use one of draft, pending-approval, open/,
    },
    {
      name: 'an AR invoice without a customer',
      type: 'invoice',
      mutate: (d) => delete d.customerId,
      path: '/customerId',
      message: /required field "customerId" is missing/,
    },
    {
      name: 'an acknowledgement line marked changed without the changes',
      type: 'purchase-order-ack',
      mutate: (d) => delete any(d).lines[0]!.changes,
      path: '/lines/0/changes',
      message: /required field "changes" is missing/,
    },
    {
      name: 'a pick that moves stock in',
      type: 'inventory-movement',
      mutate: (d) => Object.assign(d, { type: 'pick', direction: 'in' }),
      path: '/direction',
      message: /must be "out" for a pick or a release/,
    },
    {
      name: 'a party with nothing to identify it',
      type: 'sales-order',
      mutate: (d) => (d.shipTo = { name: 'Somewhere' }),
      path: '/shipTo',
      message: /a party needs at least one of address, code, gln or locationId/,
    },
    {
      name: 'a source system name with upper case',
      type: 'customer',
      mutate: (d) => ((d.source as Doc).system = 'NetSuite'),
      path: '/source/system',
      message: /lower-case system name/,
    },
    {
      name: 'an unknown field whose name needs pointer escaping',
      type: 'location',
      mutate: (d) => (d['gps/lat~lon'] = '41.8,-87.6'),
      path: '/gps~1lat~0lon',
      message: /unknown field "gps\/lat~lon"/,
    },
  ];

  it.each(cases)('rejects $name', ({ type, mutate, path, message }) => {
    const doc = loadFixture(type as 'item') as unknown as Doc;
    mutate(doc);
    const errors = errorsOf(type, doc);
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) as unknown });
  });

  it('reports every defect of a document at once', () => {
    const doc = any(loadFixture('sales-order'));
    doc.currency = 'dollars';
    doc.lines[0]!.quantity = { value: '-1', uom: 'XX' };
    doc.attributes.$gt = '';
    expect(errorsOf('sales-order', doc).map((e) => e.path)).toEqual([
      '/currency',
      '/lines/0/quantity/value',
      '/lines/0/quantity/uom',
      '/attributes/$gt',
    ]);
  });

  it('does not report the wrapper errors of conditional rules', () => {
    const doc = any(loadFixture('item'));
    (doc.identifiers as Doc[])[1]!.value = '012345678901';
    const errors = errorsOf('item', doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('/identifiers/1/value');
  });

  it('checks that the document is of the type asked for', () => {
    expect(errorsOf('sales-order', loadFixture('item'))).toContainEqual({
      path: '/documentType',
      message: 'must be "sales-order", not "item"',
    });
  });
});

describe('never throws', () => {
  it('answers an unknown document type with an error', () => {
    expect(validator.validate('purchase-order-confirmation', {})).toEqual({
      valid: false,
      errors: [
        {
          path: '/documentType',
          message: expect.stringMatching(/^unknown document type .* item, customer/) as unknown,
        },
      ],
    });
  });

  it('names the whole document "/" when it is not an object', () => {
    expect(errorsOf('item', 'an item')).toEqual([{ path: '/', message: 'must be an object, not "an item"' }]);
    expect(errorsOf('item', null)).toEqual([{ path: '/', message: 'must be an object, not null' }]);
  });

  it('survives hostile values', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const throwing = Object.defineProperty({ ...loadFixture('item') }, 'sku', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile: unknown[] = [
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n ** 400n,
      Symbol('x'),
      () => 1,
      deep,
      { ...loadFixture('item'), attributes: { nested: deep, big: 1e308, huge: 10n ** 50n } },
      { ...loadFixture('item'), identifiers: new Array(100_000).fill({ qualifier: 'SKU', value: 'x' }) },
      throwing,
      revoked.proxy,
      Object.create(null) as unknown,
    ];
    for (const value of hostile) {
      const result = validator.validate('item', value);
      expect(result.valid).toBe(false);
      if (!result.valid) {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
      }
    }
  });

  it('caps the number of errors reported for one document', () => {
    const doc = any(loadFixture('sales-order'));
    doc.lines = Array.from({ length: 500 }, () => ({ lineNumber: 'x' }));
    const errors = errorsOf('sales-order', doc);
    expect(errors).toHaveLength(101);
    expect(errors.at(-1)?.message).toMatch(/^…and \d+ more errors$/);
  });
});
