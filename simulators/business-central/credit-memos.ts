/**
 * Sales credit memos of the simulated Business Central (API v2.0 `salesCreditMemos` with `salesCreditMemoLines`):
 * POST creates a Draft with its lines deep-inserted (the customer by customerId or customerNumber, the invoice it
 * applies to by invoiceId, which sets invoiceNumber), and the bound action `Microsoft.NAV.post` posts it: status
 * Open, a posted number, the same id. Like BC, crediting more than was invoiced is accepted (the hub checks that).
 */
import { randomUUID } from 'node:crypto';
import type { Simulator } from '../kit/simulator';
import { cents, touch } from './documents';
import { BcHttpError } from './odata';
import type { BcSimSettings } from './settings';

type BcRecord = Record<string, unknown>;
type Sim = Simulator<BcSimSettings>;

/** The GUID BC answers for a reference that is not set. */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

function amount(value: unknown, field: string, fallback?: unknown): number {
  const n = value === undefined ? fallback : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw new BcHttpError(400, `The property '${field}' must be a number that is not negative.`);
  return n;
}

function creditLine(sim: Sim, doc: BcRecord, body: BcRecord, index: number): BcRecord {
  const items = sim.store.collection<BcRecord>('items');
  const item = items.get(String(body.itemId)) ?? items.find((i) => i.number === body.lineObjectNumber);
  if (!item)
    throw new BcHttpError(
      400,
      `The item '${String(body.itemId)}' does not exist.`,
      'BadRequest_ResourceNotFound',
    );
  const quantity = amount(body.quantity, 'quantity');
  const unitPrice = amount(body.unitPrice, 'unitPrice', Number(item.unitPrice));
  const line: BcRecord = {
    id: randomUUID(),
    documentId: doc.id,
    sequence: typeof body.sequence === 'number' ? body.sequence : (index + 1) * 10000,
    itemId: item.id,
    accountId: EMPTY_GUID,
    lineType: 'Item',
    lineObjectNumber: item.number,
    description: typeof body.description === 'string' ? body.description : item.displayName,
    unitOfMeasureCode:
      typeof body.unitOfMeasureCode === 'string' ? body.unitOfMeasureCode : item.baseUnitOfMeasureCode,
    quantity,
    unitPrice,
    discountAmount: 0,
    amountExcludingTax: cents(quantity, unitPrice),
    amountIncludingTax: cents(quantity, unitPrice),
    locationId: sim.store.collection<BcRecord>('locations').all()[0]?.id,
  };
  touch(sim, line);
  return line;
}

/** POST salesCreditMemos: a Draft credit memo with its lines. */
export function createCreditMemo(sim: Sim, body: BcRecord): BcRecord {
  const customers = sim.store.collection<BcRecord>('customers');
  const customer =
    customers.get(String(body.customerId)) ?? customers.find((c) => c.number === body.customerNumber);
  if (!customer) throw new BcHttpError(400, 'The customer does not exist.', 'BadRequest_ResourceNotFound');
  if (customer.blocked === 'All')
    throw new BcHttpError(
      400,
      `${String(customer.displayName)} is blocked (All).`,
      'Application_DialogException',
    );
  const ext = typeof body.externalDocumentNumber === 'string' ? body.externalDocumentNumber : '';
  if (ext.length > 35)
    throw new BcHttpError(
      400,
      `The length of the string is ${ext.length}, but it must be less than or equal to 35 characters. Value: externalDocumentNumber`,
    );
  const invoiceId =
    typeof body.invoiceId === 'string' && body.invoiceId !== EMPTY_GUID ? body.invoiceId : undefined;
  const invoice = invoiceId ? sim.store.collection<BcRecord>('salesInvoices').get(invoiceId) : undefined;
  if (invoiceId && !invoice)
    throw new BcHttpError(400, 'The invoice id does not match an invoice.', 'BadRequest_ResourceNotFound');
  const today = new Date().toISOString().slice(0, 10);
  const doc: BcRecord = {
    id: randomUUID(),
    number: `S-CR${1000 + sim.store.next('salesCreditMemo')}`,
    externalDocumentNumber: ext,
    creditMemoDate: typeof body.creditMemoDate === 'string' ? body.creditMemoDate : today,
    postingDate: typeof body.postingDate === 'string' ? body.postingDate : today,
    dueDate: typeof body.dueDate === 'string' ? body.dueDate : today,
    customerId: customer.id,
    customerNumber: customer.number,
    customerName: customer.displayName,
    currencyCode: typeof body.currencyCode === 'string' ? body.currencyCode : '',
    invoiceId: invoice ? invoice.id : EMPTY_GUID,
    invoiceNumber: invoice ? invoice.number : '',
    pricesIncludeTax: false,
    discountAmount: 0,
    status: 'Draft',
  };
  const input = body.salesCreditMemoLines ?? [];
  if (!Array.isArray(input)) throw new BcHttpError(400, 'Lines must be an array.');
  const lines = input.map((l, i) => creditLine(sim, doc, l as BcRecord, i));
  const total = Math.round(lines.reduce((sum, l) => sum + Number(l.amountExcludingTax), 0) * 100) / 100;
  Object.assign(doc, { totalAmountExcludingTax: total, totalTaxAmount: 0, totalAmountIncludingTax: total });
  touch(sim, doc);
  sim.store.collection('salesCreditMemos').put(String(doc.id), doc);
  for (const line of lines) sim.store.collection('salesCreditMemoLines').put(String(line.id), line);
  return { ...doc, salesCreditMemoLines: lines };
}

/** The bound action `post` of a Draft credit memo. */
export function postCreditMemo(sim: Sim, doc: BcRecord, action: string): void {
  if (action !== 'post')
    throw new BcHttpError(400, `The action '${action}' is not bound to salesCreditMemos.`);
  if (doc.status !== 'Draft')
    throw new BcHttpError(
      400,
      `Credit memo ${String(doc.number)} has already been posted.`,
      'Application_DialogException',
    );
  const lines = sim.store.collection<BcRecord>('salesCreditMemoLines').filter((l) => l.documentId === doc.id);
  if (!lines.some((l) => Number(l.quantity) > 0))
    throw new BcHttpError(400, 'There is nothing to post.', 'Application_DialogException');
  doc.number = `PS-CR${103000 + sim.store.next('postedSalesCreditMemo')}`;
  doc.status = 'Open';
  doc.postingDate = new Date().toISOString().slice(0, 10);
  touch(sim, doc);
}
