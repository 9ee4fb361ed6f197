/**
 * The ERP contract: one vitest suite every ERP connector passes against its simulator, speaking only ErpPort and
 * canonical documents. A connector's `contract.test.ts` calls `describeErpContract(name, setup)`; `setup` starts the
 * simulator (port 0), builds the port and describes the seed data in vendor-neutral terms (ErpContractSetup).
 *
 * What the suite relies on, beyond the ErpPort signatures:
 * - references are resolved through `WriteContext.references` keyed by canonical document type ('customer',
 *   'supplier', 'item', 'location', 'sales-order', 'purchase-order', 'invoice'); the suite registers what it reads
 *   and writes (a posted AR invoice under 'invoice', with the WriteResult.externalId postInvoice answered);
 * - an AR credit memo (`type: 'credit-memo'`) goes through postInvoice; `inspect.count('credit-memo')` counts the
 *   credit memos the system holds;
 * - a goods receipt receives each line's accepted units (quantityReceived − quantityRejected), never the rejected;
 * - an AP invoice (a supplier's, `direction: 'AP'`) goes through postInvoice as a vendor bill against its
 *   `purchaseOrderId` (reference type 'purchase-order'), billing only the PO lines it names, once per invoice: a
 *   retry answers the same bill; `inspect.count('vendor-bill')` counts the bills the system holds;
 * - a line's item may be named by `item.itemId` (registered) — the suite always registers the items it uses;
 * - an unresolvable reference fails with a `data` HubError whose `fieldErrors` name the canonical field;
 * - a vendor record that does not map fails with a `data` HubError whose `fieldErrors` name the vendor field;
 * - an inventory adjustment moves the on hand that getInventoryValuation reads at `seeded.locationExternalId` by
 *   exactly its quantityDelta, once per adjustment id (a re-post answers the first externalId, `created: false`);
 * - list results carry `updatedAt` on every document, so `modifiedSince` can be checked;
 * - `control.reset()` restores the seed and clears faults; the suite calls it before every test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  Customer,
  GoodsReceipt,
  Invoice,
  Item,
  PurchaseOrder,
  SalesOrder,
  Shipment,
  Supplier,
} from '../../../canonical-model/generated/index';
import { createCanonicalValidator } from '../../../canonical-model/validate';
import { isHubError } from '../../../platform/errors';
import type { HubError } from '../../../platform/errors';
import type { SimulatorControl } from '../../../simulators/kit/control';
import type { ReferenceResolver, WriteContext } from '../ports/common';
import { addDecimal, subtractDecimal } from '../decimal';
import type { ErpPort, InventoryAdjustment } from '../ports/erp';

/** Kinds of record a write of the ERP port leaves in the system. */
export type ErpRecordKind =
  'sales-order' | 'purchase-order' | 'goods-receipt' | 'shipment' | 'invoice' | 'vendor-bill' | 'credit-memo';

/** One line of an order as the system stores it, in exact decimal strings. */
export interface StoredOrderLine {
  quantity: string;
  unitPrice: string;
  /** Purchase orders: received so far. */
  quantityReceived?: string;
  /** Sales orders: shipped so far. */
  quantityFulfilled?: string;
  quantityBilled?: string;
}

/** Reads the system's own records, bypassing the port: how the suite sees what a write really did. */
export interface ErpInspector {
  /** How many records of this kind the system holds. */
  count(kind: ErpRecordKind): Promise<number>;
  /** The stored order whose id in the system is `externalId` (a WriteResult.externalId), in line order. */
  order(
    kind: 'sales-order' | 'purchase-order',
    externalId: string,
  ): Promise<{ lines: StoredOrderLine[] } | undefined>;
  /** Pays `amount` (default: all that remains) of the posted vendor bill whose id in the system is `externalId`. */
  payVendorBill(externalId: string, amount?: string): Promise<void>;
}

/** What the seeded system holds, in the system's own ids. */
export interface ErpSeed {
  /** A customer with a credit limit, not on hold, that may order. */
  customerExternalId: string;
  /** A customer the system holds on credit. */
  onHoldCustomerExternalId: string;
  supplierExternalId: string;
  /** At least two active, stocked SKUs (the first two are put on orders). */
  skus: string[];
  /** How many items the system holds in all; more than 20, so listing by 10 needs three pages or more. */
  itemCount: number;
  /** A location holding stock of `skus[0]`; receipts and shipments use it. */
  locationExternalId: string;
  /** A SKU whose unit price for `customerExternalId` is lower at `quantity` than at 1. */
  priceBreak: { sku: string; quantity: string };
}

/** What a connector's test hands the ERP contract. */
export interface ErpContractSetup {
  /** The port under test, pointed at the running simulator. */
  port: ErpPort;
  /** The simulator's control API (faults, reset). */
  control: SimulatorControl;
  seeded: ErpSeed;
  inspect: ErpInspector;
  /** A port with wrong credentials, and the secret values that must never appear in its errors. */
  badCredentials: { port: ErpPort; secrets: string[] };
  /** Makes the system answer the item `sku` in a shape that does not map; returns the vendor field (JSON pointer). */
  breakItemMapping(): Promise<{ sku: string; vendorPath: string }>;
  /** Stops the simulator. */
  teardown(): Promise<void>;
}

/** A Map-backed ReferenceResolver keyed by canonical document type and canonical id. */
export class MapReferences implements ReferenceResolver {
  private readonly map = new Map<string, string>();

  /** Links a canonical id to the record's id in the system. */
  link(objectType: string, canonicalId: string, externalId: string): void {
    this.map.set(`${objectType}\u0000${canonicalId}`, externalId);
  }

  externalId(objectType: string, canonicalId: string): Promise<string | undefined> {
    return Promise.resolve(this.map.get(`${objectType}\u0000${canonicalId}`));
  }

  clear(): void {
    this.map.clear();
  }
}

// ---- exact decimals (the suite must not use floats to judge money) ----
function scaled(text: string): [bigint, number] {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`${text} is not a decimal string`);
  const units = BigInt(`${m[2]}${m[3] ?? ''}`);
  return [m[1] ? -units : units, (m[3] ?? '').length];
}
function atScale([units, scale]: [bigint, number], to: number): bigint {
  return to >= scale ? units * 10n ** BigInt(to - scale) : units / 10n ** BigInt(scale - to);
}
/** Compares two decimal strings by value ("1.50" equals "1.5"). */
function decimalCompare(a: string, b: string): number {
  const x = scaled(a);
  const y = scaled(b);
  const s = Math.max(x[1], y[1]);
  const d = atScale(x, s) - atScale(y, s);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
function decimalSubtract(a: string, b: string): [bigint, number] {
  const x = scaled(a);
  const y = scaled(b);
  const s = Math.max(x[1], y[1]);
  return [atScale(x, s) - atScale(y, s), s];
}
/** a × b rounded half away from zero to `places`. */
function decimalProductAt(a: string, b: string, places: number): [bigint, number] {
  const [x, xs] = scaled(a);
  const [y, ys] = scaled(b);
  const product = x * y;
  const scale = xs + ys;
  if (scale <= places) return [product, scale];
  const divisor = 10n ** BigInt(scale - places);
  const magnitude = product < 0n ? -product : product;
  const rounded = magnitude / divisor + ((magnitude % divisor) * 2n >= divisor ? 1n : 0n);
  return [product < 0n ? -rounded : rounded, places];
}
function sameValue(actual: string, expected: [bigint, number]): boolean {
  const x = scaled(actual);
  const s = Math.max(x[1], expected[1]);
  return atScale(x, s) === atScale(expected, s);
}
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d{1,6})?$/;

async function failure(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    if (isHubError(err)) return err;
    throw err;
  }
  throw new Error('expected a HubError, but the call succeeded');
}

/** Registers the ERP contract tests for one connector. */
export function describeErpContract(name: string, setup: () => Promise<ErpContractSetup>): void {
  const validator = createCanonicalValidator();
  const refs = new MapReferences();
  let s: ErpContractSetup;
  let seq = 0;
  const ids = { customer: '', supplier: '', location: 'loc_erp_contract', items: [] as Item[] };

  const context = (key = `contract-${++seq}`): WriteContext => ({ references: refs, idempotencyKey: key });
  const expectValid = (doc: { documentType: string }) => {
    const result = validator.validate(doc.documentType, doc);
    expect(result.valid ? [] : result.errors, `${doc.documentType} validates`).toEqual([]);
  };
  const nextId = (prefix: string) => `${prefix}_contract_${Date.now().toString(36)}_${++seq}`;

  const salesOrder = (lines: [Item, string][], overrides: Partial<SalesOrder> = {}): SalesOrder => {
    const doc: SalesOrder = {
      schemaVersion: '1',
      documentType: 'sales-order',
      id: nextId('so'),
      legalEntityId: 'le_contract',
      source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
      orderNumber: `SO-C-${seq}`,
      customerId: ids.customer,
      customerPoNumber: `PO-${seq}`,
      status: 'open',
      orderDate: '2025-06-02',
      currency: 'USD',
      shipTo: { name: 'Contract DC', code: 'DC-1' },
      shipFromLocationId: ids.location,
      lines: lines.map(([item, quantity], i) => ({
        lineNumber: i + 1,
        item: { itemId: item.id, identifiers: [{ qualifier: 'SKU', value: item.sku }] },
        quantity: { value: quantity, uom: item.baseUom },
        unitPrice: { amount: '2.10', currency: 'USD' },
        status: 'open',
      })),
      ...overrides,
    };
    expectValid(doc);
    return doc;
  };
  const purchaseOrder = (lines: [Item, string][]): PurchaseOrder => {
    const doc: PurchaseOrder = {
      schemaVersion: '1',
      documentType: 'purchase-order',
      id: nextId('po'),
      legalEntityId: 'le_contract',
      source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
      poNumber: `PO-C-${seq}`,
      supplierId: ids.supplier,
      type: 'standard',
      status: 'issued',
      orderDate: '2025-06-02',
      currency: 'USD',
      shipTo: { locationId: ids.location },
      shipToLocationId: ids.location,
      lines: lines.map(([item, quantity], i) => ({
        lineNumber: i + 1,
        item: { itemId: item.id, identifiers: [{ qualifier: 'SKU', value: item.sku }] },
        quantity: { value: quantity, uom: item.baseUom },
        unitPrice: { amount: '1.15', currency: 'USD' },
        status: 'open',
      })),
    };
    expectValid(doc);
    return doc;
  };
  const receipt = (po: PurchaseOrder, quantities: string[]): GoodsReceipt => {
    const doc: GoodsReceipt = {
      schemaVersion: '1',
      documentType: 'goods-receipt',
      id: nextId('gr'),
      legalEntityId: 'le_contract',
      source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
      receiptNumber: `RCV-${seq}`,
      type: 'purchase-order',
      status: 'completed',
      locationId: ids.location,
      receivedAt: '2025-06-03T10:00:00Z',
      purchaseOrderId: po.id,
      lines: quantities.map((quantity, i) => ({
        lineNumber: i + 1,
        orderLineNumber: po.lines[i]!.lineNumber,
        item: po.lines[i]!.item,
        quantityReceived: { value: quantity, uom: po.lines[i]!.quantity.uom },
      })),
    };
    expectValid(doc);
    return doc;
  };
  const createOrder = async (lines: [Item, string][]) => {
    const order = salesOrder(lines);
    const result = await s.port.upsertSalesOrder(order, context());
    refs.link('sales-order', order.id, result.externalId);
    return { order, result };
  };
  const createPo = async (lines: [Item, string][]) => {
    const po = purchaseOrder(lines);
    const result = await s.port.createPurchaseOrder(po, context());
    refs.link('purchase-order', po.id, result.externalId);
    return { po, result };
  };
  const invoiceFor = (
    direction: 'AR' | 'AP',
    order: { id: string; lines: { lineNumber: number; quantity: { value: string; uom: Item['baseUom'] } }[] },
  ): Invoice => {
    const line = order.lines[0]!;
    const doc: Invoice = {
      schemaVersion: '1',
      documentType: 'invoice',
      id: nextId('inv'),
      legalEntityId: 'le_contract',
      source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
      invoiceNumber: `INV-C-${seq}`,
      direction,
      type: 'invoice',
      status: 'open',
      invoiceDate: '2025-06-04',
      currency: 'USD',
      ...(direction === 'AR'
        ? { customerId: ids.customer, salesOrderId: order.id }
        : { supplierId: ids.supplier, purchaseOrderId: order.id }),
      lines: [
        {
          lineNumber: 1,
          orderLineNumber: line.lineNumber,
          description: 'contract line',
          quantity: line.quantity,
          unitPrice: { amount: '2.10', currency: 'USD' },
          amount: { amount: '2.10', currency: 'USD' },
        },
      ],
      totals: {
        subtotal: { amount: '2.10', currency: 'USD' },
        taxTotal: { amount: '0', currency: 'USD' },
        total: { amount: '2.10', currency: 'USD' },
      },
    };
    expectValid(doc);
    return doc;
  };

  const money = (amount: string) => ({ amount, currency: 'USD' });
  const fixed = ([units, scale]: [bigint, number]) => {
    const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
    const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return units < 0n ? `-${text}` : text;
  };
  /** A supplier's invoice (AP) of `[PO line index, quantity]` pairs at the PO's price, as a vendor bill posts it. */
  const vendorBillFor = (po: PurchaseOrder, billed: [number, string][]): Invoice => {
    const lines = billed.map(([index, quantity], i) => {
      const line = po.lines[index]!;
      return {
        lineNumber: i + 1,
        orderLineNumber: line.lineNumber,
        item: line.item,
        description: `contract bill line ${i + 1}`,
        quantity: { value: quantity, uom: line.quantity.uom },
        unitPrice: line.unitPrice,
        amount: money(fixed(decimalProductAt(quantity, line.unitPrice.amount, 2))),
      };
    });
    const total = fixed(
      lines.reduce<[bigint, number]>(
        (sum, l) => {
          const [units, scale] = scaled(l.amount.amount);
          return [atScale(sum, Math.max(2, scale)) + atScale([units, scale], Math.max(2, scale)), 2];
        },
        [0n, 2],
      ),
    );
    const doc: Invoice = {
      schemaVersion: '1',
      documentType: 'invoice',
      id: nextId('bill'),
      legalEntityId: 'le_contract',
      source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
      invoiceNumber: `SUP-INV-${seq}`,
      direction: 'AP',
      type: 'invoice',
      status: 'open',
      invoiceDate: '2025-06-05',
      currency: 'USD',
      supplierId: ids.supplier,
      purchaseOrderId: po.id,
      poNumber: po.poNumber,
      lines,
      totals: { subtotal: money(total), taxTotal: money('0'), total: money(total) },
    };
    expectValid(doc);
    return doc;
  };
  /** An AR credit memo crediting `quantity` of the order's first line, against `original` when given. */
  const creditMemoFor = (order: SalesOrder, quantity: string, original?: Invoice): Invoice => {
    const line = order.lines[0]!;
    const amount = fixed(decimalProductAt(quantity, '2.10', 2));
    const doc: Invoice = {
      schemaVersion: '1',
      documentType: 'invoice',
      id: nextId('cm'),
      legalEntityId: 'le_contract',
      source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
      invoiceNumber: `CM-C-${seq}`,
      direction: 'AR',
      type: 'credit-memo',
      status: 'open',
      invoiceDate: '2025-06-09',
      currency: 'USD',
      customerId: ids.customer,
      salesOrderId: order.id,
      ...(original ? { originalInvoiceId: original.id } : {}),
      lines: [
        {
          lineNumber: 1,
          orderLineNumber: line.lineNumber,
          item: line.item,
          description: 'returned in good condition',
          quantity: { value: quantity, uom: line.quantity.uom },
          unitPrice: money('2.10'),
          amount: money(amount),
        },
      ],
      totals: { subtotal: money(amount), taxTotal: money('0'), total: money(amount) },
    };
    expectValid(doc);
    return doc;
  };
  /** A sales order of `quantity` of the first item, invoiced in full, the invoice registered under 'invoice'. */
  const invoicedOrder = async (quantity: string) => {
    const { order } = await createOrder([[ids.items[0]!, quantity]]);
    const invoice = invoiceFor('AR', order);
    const posted = await s.port.postInvoice(invoice, context());
    refs.link('invoice', invoice.id, posted.externalId);
    return { order, invoice };
  };

  /** An adjustment of `quantityDelta` of the first seeded SKU at the contract location. */
  const adjustment = (
    quantityDelta: string,
    overrides: Partial<InventoryAdjustment> = {},
  ): InventoryAdjustment => ({
    id: nextId('adj'),
    legalEntityId: 'le_contract',
    sku: s.seeded.skus[0]!,
    locationId: ids.location,
    quantityDelta,
    occurredAt: '2025-06-06T09:30:00Z',
    reasonCode: 'count:CYCLE_COUNT',
    memo: 'contract count difference',
    ...overrides,
  });
  /** On hand of the first seeded SKU at the seeded location, as the valuation reports it. */
  const onHand = async () => {
    const lines = await s.port.getInventoryValuation({
      sku: s.seeded.skus[0]!,
      locationExternalId: s.seeded.locationExternalId,
    });
    return lines.reduce((sum, l) => addDecimal(sum, l.quantity), '0');
  };

  describe(`ERP contract: ${name}`, () => {
    beforeAll(async () => {
      s = await setup();
    });
    afterAll(async () => {
      await s?.teardown();
    });
    beforeEach(async () => {
      await s.control.reset();
      refs.clear();
      const customer = await s.port.getCustomer(s.seeded.customerExternalId);
      const supplier = await s.port.getSupplier(s.seeded.supplierExternalId);
      if (!customer || !supplier) throw new Error('the seeded customer and supplier must be readable');
      ids.customer = customer.id;
      ids.supplier = supplier.id;
      refs.link('customer', customer.id, s.seeded.customerExternalId);
      refs.link('supplier', supplier.id, s.seeded.supplierExternalId);
      refs.link('location', ids.location, s.seeded.locationExternalId);
      ids.items = [];
      for (const sku of s.seeded.skus.slice(0, 2)) {
        const item = await s.port.getItem(sku);
        if (!item) throw new Error(`the seeded SKU ${sku} must be readable`);
        refs.link('item', item.id, item.source.externalId);
        ids.items.push(item);
      }
    });

    describe('master data', () => {
      it('reads an item by SKU as a valid canonical item, and an unknown SKU as undefined', async () => {
        const item = await s.port.getItem(s.seeded.skus[0]!);
        expect(item?.sku).toBe(s.seeded.skus[0]);
        expectValid(item!);
        expect(item!.identifiers).toContainEqual({ qualifier: 'SKU', value: s.seeded.skus[0] });
        expect(await s.port.getItem('NO-SUCH-SKU-404')).toBeUndefined();
      });

      it('reads customers and suppliers by their id in the system, and unknown ids as undefined', async () => {
        const customer = (await s.port.getCustomer(s.seeded.customerExternalId)) as Customer;
        const supplier = (await s.port.getSupplier(s.seeded.supplierExternalId)) as Supplier;
        expect(customer.source.externalId).toBe(s.seeded.customerExternalId);
        expect(supplier.source.externalId).toBe(s.seeded.supplierExternalId);
        expectValid(customer);
        expectValid(supplier);
        expect((await s.port.getCustomer(s.seeded.onHoldCustomerExternalId))?.status).toBe('credit-hold');
        expect(await s.port.getCustomer('999999')).toBeUndefined();
        expect(await s.port.getSupplier('999999')).toBeUndefined();
      });

      it('lists every item across several pages, each once, each valid', async () => {
        const seen: Item[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await s.port.listItems({ limit: 10, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(10);
          seen.push(...page.items);
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor && pages < 100);
        expect(pages).toBeGreaterThanOrEqual(3);
        expect(seen).toHaveLength(s.seeded.itemCount);
        expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
        for (const sku of s.seeded.skus) expect(seen.map((i) => i.sku)).toContain(sku);
        seen.forEach(expectValid);
      });

      it('lists only what changed at or after modifiedSince', async () => {
        const all = (await s.port.listItems({ limit: 1000 })).items;
        const stamps = all.map((i) => i.updatedAt).filter((t): t is string => typeof t === 'string');
        expect(stamps, 'every listed item carries updatedAt').toHaveLength(all.length);
        const sorted = [...stamps].sort((a, b) => Date.parse(a) - Date.parse(b));
        const pivot = sorted[Math.floor(sorted.length / 2)]!;
        const expected = all.filter((i) => Date.parse(i.updatedAt!) >= Date.parse(pivot)).map((i) => i.id);
        expect(expected.length).toBeLessThan(all.length);
        const changed = (await s.port.listItems({ limit: 1000, modifiedSince: pivot })).items;
        expect(changed.map((i) => i.id).sort()).toEqual(expected.sort());
      });

      it('lists customers and suppliers as valid documents', async () => {
        const customers = (await s.port.listCustomers({ limit: 100 })).items;
        const suppliers = (await s.port.listSuppliers({ limit: 100 })).items;
        expect(customers.map((c) => c.source.externalId)).toContain(s.seeded.customerExternalId);
        expect(suppliers.map((c) => c.source.externalId)).toContain(s.seeded.supplierExternalId);
        [...customers, ...suppliers].forEach(expectValid);
      });
    });

    describe('credit and price', () => {
      it('reports credit: available is exactly limit − balance, and the customer is not on hold', async () => {
        const credit = await s.port.getCreditStatus(s.seeded.customerExternalId);
        expect(credit.customerExternalId).toBe(s.seeded.customerExternalId);
        expect(credit.onHold).toBe(false);
        expect(credit.creditLimit?.amount).toMatch(DECIMAL);
        expect(credit.balance.amount).toMatch(DECIMAL);
        expect(credit.available?.amount).toMatch(DECIMAL);
        expect(
          sameValue(
            credit.available!.amount,
            decimalSubtract(credit.creditLimit!.amount, credit.balance.amount),
          ),
        ).toBe(true);
        expect(credit.available!.currency).toBe(credit.balance.currency);
      });

      it('reports a customer on credit hold as on hold', async () => {
        expect((await s.port.getCreditStatus(s.seeded.onHoldCustomerExternalId)).onHold).toBe(true);
      });

      it('quotes a lower unit price once the quantity break is reached', async () => {
        const customerId = ids.customer;
        const { sku, quantity } = s.seeded.priceBreak;
        const one = await s.port.getPrice({ sku, customerId, quantity: '1' }, context());
        const many = await s.port.getPrice({ sku, customerId, quantity }, context());
        expect(one.sku).toBe(sku);
        expect(one.unitPrice.amount).toMatch(DECIMAL);
        expect(decimalCompare(many.unitPrice.amount, one.unitPrice.amount)).toBeLessThan(0);
        expect(decimalCompare(many.unitPrice.amount, '0')).toBeGreaterThan(0);
      });
    });

    describe('orders', () => {
      it('creates a sales order once: a retry answers created:false and makes no second order', async () => {
        const before = await s.inspect.count('sales-order');
        const order = salesOrder([[ids.items[0]!, '5']]);
        const first = await s.port.upsertSalesOrder(order, context('so-key'));
        expect(first.created).toBe(true);
        expect(first.externalId).not.toBe('');
        const retry = await s.port.upsertSalesOrder(order, context('so-key'));
        expect(retry).toMatchObject({ externalId: first.externalId, created: false });
        expect(await s.inspect.count('sales-order')).toBe(before + 1);
      });

      it('updates the stored sales order when the same order changes', async () => {
        const order = salesOrder([[ids.items[0]!, '5']]);
        const { externalId } = await s.port.upsertSalesOrder(order, context());
        const changed: SalesOrder = {
          ...order,
          lines: [{ ...order.lines[0]!, quantity: { value: '7.5', uom: order.lines[0]!.quantity.uom } }],
        };
        const result = await s.port.upsertSalesOrder(changed, context());
        expect(result).toMatchObject({ externalId, created: false });
        const stored = await s.inspect.order('sales-order', externalId);
        expect(stored?.lines).toHaveLength(1);
        expect(decimalCompare(stored!.lines[0]!.quantity, '7.5')).toBe(0);
      });

      it('creates a purchase order once', async () => {
        const before = await s.inspect.count('purchase-order');
        const po = purchaseOrder([[ids.items[0]!, '10']]);
        const first = await s.port.createPurchaseOrder(po, context());
        const retry = await s.port.createPurchaseOrder(po, context());
        expect(first.created).toBe(true);
        expect(retry).toMatchObject({ externalId: first.externalId, created: false });
        expect(await s.inspect.count('purchase-order')).toBe(before + 1);
        const stored = await s.inspect.order('purchase-order', first.externalId);
        expect(decimalCompare(stored!.lines[0]!.unitPrice, '1.15')).toBe(0);
      });

      it('refuses an order whose customer it cannot resolve, naming /customerId', async () => {
        const order = salesOrder([[ids.items[0]!, '1']], { customerId: 'cus_not_linked_anywhere' });
        const error = await failure(s.port.upsertSalesOrder(order, context()));
        expect(error.kind).toBe('data');
        expect(error.fieldErrors?.map((f) => f.path)).toContain('/customerId');
      });
    });

    describe('postings', () => {
      it('receives goods against a purchase order, once, and refuses more than was ordered', async () => {
        const { po, result } = await createPo([
          [ids.items[0]!, '10'],
          [ids.items[1]!, '4'],
        ]);
        const partial = receipt(po, ['6', '4']);
        const posted = await s.port.postGoodsReceipt(partial, context());
        expect(posted.created).toBe(true);
        expect((await s.port.postGoodsReceipt(partial, context())).created).toBe(false);
        expect(await s.inspect.count('goods-receipt')).toBe(1);
        const stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantityReceived ?? '0', '6')).toBe(0);
        expect(decimalCompare(stored!.lines[1]!.quantityReceived ?? '0', '4')).toBe(0);

        const error = await failure(s.port.postGoodsReceipt(receipt(po, ['5']), context()));
        expect(error.kind).toBe('data');
        expect(await s.inspect.count('goods-receipt')).toBe(1);
      });

      it('receives only the accepted units of a line with rejected units', async () => {
        const { po, result } = await createPo([[ids.items[0]!, '10']]);
        const damaged = receipt(po, ['6']);
        damaged.lines[0]!.quantityRejected = { value: '2', uom: po.lines[0]!.quantity.uom };
        damaged.lines[0]!.condition = 'damaged';
        expectValid(damaged);
        expect((await s.port.postGoodsReceipt(damaged, context())).created).toBe(true);
        const stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantityReceived ?? '0', '4')).toBe(0);
      });

      it('posts a vendor bill once per supplier invoice, billing only the lines it names', async () => {
        const { po, result } = await createPo([
          [ids.items[0]!, '10'],
          [ids.items[1]!, '4'],
        ]);
        await s.port.postGoodsReceipt(receipt(po, ['10', '4']), context());
        const before = await s.inspect.count('vendor-bill');
        const bill = vendorBillFor(po, [[1, '4']]);
        const first = await s.port.postInvoice(bill, context(`bill/${bill.id}`));
        expect(first.created).toBe(true);
        const retry = await s.port.postInvoice(bill, context(`bill/${bill.id}`));
        expect(retry).toMatchObject({ externalId: first.externalId, created: false });
        expect(await s.inspect.count('vendor-bill')).toBe(before + 1);
        let stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantityBilled ?? '0', '0')).toBe(0);
        expect(decimalCompare(stored!.lines[1]!.quantityBilled ?? '0', '4')).toBe(0);

        const second = await s.port.postInvoice(vendorBillFor(po, [[0, '6']]), context());
        expect(second.created).toBe(true);
        expect(second.externalId).not.toBe(first.externalId);
        expect(await s.inspect.count('vendor-bill')).toBe(before + 2);
        stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantityBilled ?? '0', '6')).toBe(0);
        expect(decimalCompare(stored!.lines[0]!.quantityReceived ?? '0', '10')).toBe(0);
      });

      it("updates a purchase order to the supplier's changes, never below what was received", async () => {
        const { po, result } = await createPo([
          [ids.items[0]!, '10'],
          [ids.items[1]!, '4'],
        ]);
        await s.port.postGoodsReceipt(receipt(po, ['3', '4']), context());
        const withLines = (changes: [string, string][]) => ({
          ...po,
          lines: po.lines.map((l, i) => ({
            ...l,
            quantity: { ...l.quantity, value: changes[i]![0] },
            unitPrice: { ...l.unitPrice, amount: changes[i]![1] },
          })),
        });
        const price0 = po.lines[0]!.unitPrice.amount;
        const updated = await s.port.updatePurchaseOrder(
          withLines([
            ['8', '9.5'],
            ['4', po.lines[1]!.unitPrice.amount],
          ]),
          context(),
        );
        expect(updated).toMatchObject({ externalId: result.externalId, created: false });
        let stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantity, '8')).toBe(0);
        expect(decimalCompare(stored!.lines[0]!.unitPrice, '9.5')).toBe(0);
        expect(decimalCompare(stored!.lines[1]!.quantity, '4')).toBe(0);
        // The same update again changes nothing more.
        await s.port.updatePurchaseOrder(
          withLines([
            ['8', '9.5'],
            ['4', po.lines[1]!.unitPrice.amount],
          ]),
          context(),
        );
        stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantity, '8')).toBe(0);

        const below = await failure(
          s.port.updatePurchaseOrder(
            withLines([
              ['2', price0],
              ['4', po.lines[1]!.unitPrice.amount],
            ]),
            context(),
          ),
        );
        expect(below.kind).toBe('data');
        expect(below.fieldErrors?.[0]?.path).toBe('/lines/0/quantity');
        stored = await s.inspect.order('purchase-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantity, '8')).toBe(0);

        const missing = await failure(
          s.port.updatePurchaseOrder(
            {
              ...withLines([
                ['8', '9.5'],
                ['4', '1'],
              ]),
              id: `po-none-${seq}`,
              poNumber: `NONE-${seq}`,
            },
            context(),
          ),
        );
        expect(missing.fieldErrors?.[0]?.path).toBe('/id');
      });

      it('reports a vendor bill open, partly paid and paid as the system applies payments to it', async () => {
        const { po } = await createPo([[ids.items[0]!, '10']]);
        await s.port.postGoodsReceipt(receipt(po, ['10']), context());
        const bill = vendorBillFor(po, [[0, '10']]);
        const posted = await s.port.postInvoice(bill, context(`bill/${bill.id}`));
        const ref = { invoiceId: bill.id, invoiceNumber: bill.invoiceNumber, externalId: posted.externalId };
        const total = bill.totals.total.amount;
        const open = await s.port.getInvoicePayment(ref, 'AP');
        expect(open).toMatchObject({
          invoiceId: bill.id,
          externalId: posted.externalId,
          status: 'open',
          payments: [],
        });
        expect(decimalCompare(open!.total.amount, total)).toBe(0);
        expect(decimalCompare(open!.amountDue.amount, total)).toBe(0);
        expect(decimalCompare(open!.amountPaid.amount, '0')).toBe(0);

        await s.inspect.payVendorBill(posted.externalId, '1.50');
        const partly = await s.port.getInvoicePayment(ref, 'AP');
        expect(partly?.status).toBe('partially-paid');
        expect(decimalCompare(partly!.amountPaid.amount, '1.50')).toBe(0);
        expect(decimalCompare(partly!.amountDue.amount, subtractDecimal(total, '1.50'))).toBe(0);
        expect(partly!.paidAt).toBeUndefined();

        await s.inspect.payVendorBill(posted.externalId);
        // Found again without the system's id, by the hub's invoice id or the number it was posted with.
        const paid = await s.port.getInvoicePayment(
          { invoiceId: bill.id, invoiceNumber: bill.invoiceNumber },
          'AP',
        );
        expect(paid?.status).toBe('paid');
        expect(decimalCompare(paid!.amountDue.amount, '0')).toBe(0);
        expect(decimalCompare(paid!.amountPaid.amount, total)).toBe(0);
        expect(paid!.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(paid!.payments).toHaveLength(2);
        expect(
          decimalCompare(
            addDecimal(paid!.payments[0]!.amount.amount, paid!.payments[1]!.amount.amount),
            total,
          ),
        ).toBe(0);
        expect(
          await s.port.getInvoicePayment(
            { invoiceId: `inv-none-${seq}`, invoiceNumber: `NONE-${seq}` },
            'AP',
          ),
        ).toBeUndefined();
      });

      it('records a shipment against its sales order', async () => {
        const { order, result } = await createOrder([[ids.items[0]!, '3']]);
        const shipment: Shipment = {
          schemaVersion: '1',
          documentType: 'shipment',
          id: nextId('shp'),
          legalEntityId: 'le_contract',
          source: { connectorId: 'contract', system: 'contract', externalId: `ext-${seq}` },
          shipmentNumber: `SH-${seq}`,
          salesOrderId: order.id,
          status: 'shipped',
          fromLocationId: ids.location,
          shipTo: order.shipTo,
          shippedAt: '2025-06-03T15:00:00Z',
          packages: [{ trackingNumber: '1Z999AA10123456784' }],
          lines: [
            {
              lineNumber: 1,
              salesOrderLineNumber: 1,
              item: order.lines[0]!.item,
              quantityShipped: { value: '2', uom: order.lines[0]!.quantity.uom },
            },
          ],
        };
        expectValid(shipment);
        const posted = await s.port.postFulfillment(shipment, context());
        expect(posted.created).toBe(true);
        expect(await s.inspect.count('shipment')).toBe(1);
        const stored = await s.inspect.order('sales-order', result.externalId);
        expect(decimalCompare(stored!.lines[0]!.quantityFulfilled ?? '0', '2')).toBe(0);
      });

      it('posts an AR invoice from a sales order and an AP bill from a purchase order', async () => {
        const { order } = await createOrder([[ids.items[0]!, '1']]);
        const { po } = await createPo([[ids.items[0]!, '1']]);
        const ar = await s.port.postInvoice(invoiceFor('AR', order), context());
        const ap = await s.port.postInvoice(invoiceFor('AP', po), context());
        expect(ar.created && ap.created).toBe(true);
        expect(await s.inspect.count('invoice')).toBe(1);
        expect(await s.inspect.count('vendor-bill')).toBe(1);
      });
    });

    describe('credit memos', () => {
      it('posts an AR credit memo against a posted invoice once: a retry answers the same id', async () => {
        const { order, invoice } = await invoicedOrder('3');
        const memo = creditMemoFor(order, '2', invoice);
        const first = await s.port.postInvoice(memo, context());
        expect(first.created).toBe(true);
        expect(first.externalId).not.toBe('');
        const retry = await s.port.postInvoice(memo, context());
        expect(retry).toMatchObject({ externalId: first.externalId, created: false });
        expect(await s.inspect.count('credit-memo')).toBe(1);
        expect(await s.inspect.count('invoice')).toBe(1);
      });

      it('posts an AR credit memo for a sales order without an original invoice', async () => {
        const { order } = await createOrder([[ids.items[0]!, '2']]);
        const posted = await s.port.postInvoice(creditMemoFor(order, '1'), context());
        expect(posted.created).toBe(true);
        expect(await s.inspect.count('credit-memo')).toBe(1);
      });

      it('refuses to credit more than the invoice billed, counting earlier memos, naming the quantity', async () => {
        const { order, invoice } = await invoicedOrder('3');
        const over = await failure(s.port.postInvoice(creditMemoFor(order, '4', invoice), context()));
        expect(over.kind).toBe('data');
        expect(over.fieldErrors?.map((f) => f.path)).toContain('/lines/0/quantity');
        expect(await s.inspect.count('credit-memo')).toBe(0);

        expect((await s.port.postInvoice(creditMemoFor(order, '2', invoice), context())).created).toBe(true);
        const again = await failure(s.port.postInvoice(creditMemoFor(order, '1.5', invoice), context()));
        expect(again.kind).toBe('data');
        expect(again.fieldErrors?.map((f) => f.path)).toContain('/lines/0/quantity');
        expect((await s.port.postInvoice(creditMemoFor(order, '1', invoice), context())).created).toBe(true);
        expect(await s.inspect.count('credit-memo')).toBe(2);
      });

      it('refuses a credit memo whose original invoice it cannot resolve, naming /originalInvoiceId', async () => {
        const { order } = await createOrder([[ids.items[0]!, '1']]);
        const memo = { ...creditMemoFor(order, '1'), originalInvoiceId: 'inv_not_linked_anywhere' };
        const error = await failure(s.port.postInvoice(memo, context()));
        expect(error.kind).toBe('data');
        expect(error.fieldErrors?.map((f) => f.path)).toContain('/originalInvoiceId');
        expect(await s.inspect.count('credit-memo')).toBe(0);
      });
    });

    describe('inventory valuation', () => {
      it('values stock per location as quantity × unit cost, in exact decimals', async () => {
        const sku = s.seeded.skus[0]!;
        const lines = await s.port.getInventoryValuation({ sku });
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          expect(line.sku).toBe(sku);
          expect(line.quantity).toMatch(DECIMAL);
          expect(line.totalValue.amount).toMatch(DECIMAL);
          const places = line.totalValue.amount.split('.')[1]?.length ?? 0;
          const expected = decimalProductAt(line.quantity, line.unitCost.amount, Math.max(places, 2));
          expect(
            sameValue(line.totalValue.amount, expected),
            `${line.quantity} × ${line.unitCost.amount}`,
          ).toBe(true);
        }
        const here = await s.port.getInventoryValuation({
          sku,
          locationExternalId: s.seeded.locationExternalId,
        });
        expect(here.length).toBeGreaterThan(0);
        expect(here.every((l) => l.locationExternalId === s.seeded.locationExternalId)).toBe(true);
        const everything = await s.port.getInventoryValuation({});
        expect(new Set(everything.map((l) => l.sku)).size).toBeGreaterThan(1);
      });
    });

    describe('inventory adjustments', () => {
      it('moves on hand by each adjustment: +5 then −2 is +3 in the valuation', async () => {
        const before = await onHand();
        const up = await s.port.postInventoryAdjustment(adjustment('5'), context());
        const down = await s.port.postInventoryAdjustment(
          adjustment('-2', { reasonCode: 'adjustment:DAMAGED', memo: 'two damaged in handling' }),
          context(),
        );
        expect(up.created && down.created).toBe(true);
        expect(up.externalId).not.toBe('');
        expect(down.externalId).not.toBe(up.externalId);
        expect(decimalCompare(await onHand(), addDecimal(before, '3'))).toBe(0);
      });

      it('posts an adjustment id once: a re-post answers the first record and moves nothing', async () => {
        const before = await onHand();
        const adj = adjustment('4.5');
        const first = await s.port.postInventoryAdjustment(adj, context(`adj/${adj.id}`));
        expect(first.created).toBe(true);
        const again = await s.port.postInventoryAdjustment(adj, context(`adj/${adj.id}`));
        expect(again).toMatchObject({ externalId: first.externalId, created: false });
        expect(decimalCompare(await onHand(), addDecimal(before, '4.5'))).toBe(0);
      });

      it('refuses an unknown SKU, an unknown location and a zero or non-decimal quantity, naming the field', async () => {
        const before = await onHand();
        const cases: [InventoryAdjustment, string][] = [
          [adjustment('1', { sku: 'NO-SUCH-SKU-404' }), '/sku'],
          [adjustment('1', { locationId: 'loc_not_linked_anywhere' }), '/locationId'],
          [adjustment('0'), '/quantityDelta'],
          [adjustment('0.000'), '/quantityDelta'],
          [adjustment('five'), '/quantityDelta'],
          [adjustment('1e3'), '/quantityDelta'],
        ];
        for (const [bad, path] of cases) {
          const error = await failure(s.port.postInventoryAdjustment(bad, context()));
          expect(error.kind, `${bad.quantityDelta} ${bad.sku} ${bad.locationId}`).toBe('data');
          expect(error.fieldErrors?.map((f) => f.path)).toContain(path);
        }
        expect(decimalCompare(await onHand(), before)).toBe(0);
      });
    });

    describe('failures', () => {
      it('reports a 429 as rate-limited with the Retry-After in milliseconds', async () => {
        await s.control.faults({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 3 }] });
        const error = await failure(s.port.getCustomer(s.seeded.customerExternalId));
        expect(error.kind).toBe('rate-limited');
        expect(error.retryAfterMs).toBe(3000);
      });

      it('reports an outage as transient', async () => {
        await s.control.faults({ outageSeconds: 5 });
        const error = await failure(s.port.getItem(s.seeded.skus[0]!));
        expect(error.kind).toBe('transient');
      });

      it('reports bad credentials as config, without any secret in the message', async () => {
        const error = await failure(s.badCredentials.port.getCustomer(s.seeded.customerExternalId));
        expect(error.kind).toBe('config');
        for (const secret of s.badCredentials.secrets) {
          expect(JSON.stringify({ message: error.message, upstream: error.upstream })).not.toContain(secret);
        }
      });

      it('reports a vendor record that does not map as data, naming the vendor field', async () => {
        const { sku, vendorPath } = await s.breakItemMapping();
        const error = await failure(s.port.getItem(sku));
        expect(error.kind).toBe('data');
        expect(error.fieldErrors?.map((f) => f.path)).toContain(vendorPath);
      });
    });
  });
}
