/**
 * Writes of the simulated Business Central: sales and purchase orders with deep-inserted lines, PATCH guarded by
 * If-Match (412 Request_EntityChanged on a stale ETag), and the posting actions `shipAndInvoice` and
 * `receiveAndInvoice`, which post the lines' "quantity to ship/receive" and "quantity to invoice" as BC does.
 */
import { randomUUID } from 'node:crypto';
import type { Simulator } from '../kit/simulator';
import { BcHttpError } from './odata';
import { payInvoice } from './payments';
import type { BcSimSettings } from './settings';

type BcRecord = Record<string, unknown>;
type Sim = Simulator<BcSimSettings>;

/** The line collection of each document entity set. */
export const CHILD_OF: Record<string, string> = {
  salesOrders: 'salesOrderLines',
  purchaseOrders: 'purchaseOrderLines',
  salesShipments: 'salesShipmentLines',
  salesInvoices: 'salesInvoiceLines',
  purchaseReceipts: 'purchaseReceiptLines',
  purchaseInvoices: 'purchaseInvoiceLines',
  salesCreditMemos: 'salesCreditMemoLines',
};

const READ_ONLY = new Set([
  'id',
  '@odata.etag',
  'lastModifiedDateTime',
  'documentId',
  'shippedQuantity',
  'receivedQuantity',
  'invoicedQuantity',
]);
const now = () => new Date().toISOString();

/** A new ETag and lastModifiedDateTime, as every BC write gives a record. */
export function touch(sim: Sim, record: BcRecord): void {
  record['@odata.etag'] = `W/"${Buffer.from(`'${sim.store.next('etag', 2)};'`).toString('base64')}"`;
  record.lastModifiedDateTime = now();
}

function num(value: unknown, field: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new BcHttpError(400, `The property '${field}' must be a number.`);
  }
  return value;
}

/** quantity × price rounded to cents, as BC shows line amounts. */
export const cents = (quantity: number, price: number) => Math.round(quantity * price * 100) / 100;

function lineDefaults(sim: Sim, set: string, doc: BcRecord, body: BcRecord, sequence: number): BcRecord {
  const item = sim.store.collection<BcRecord>('items').get(String(body.itemId));
  if (!item)
    throw new BcHttpError(
      400,
      `The item '${String(body.itemId)}' does not exist.`,
      'BadRequest_ResourceNotFound',
    );
  const quantity = num(body.quantity, 'quantity');
  const sales = set === 'salesOrders';
  const price = num(
    sales ? body.unitPrice : body.directUnitCost,
    sales ? 'unitPrice' : 'directUnitCost',
    Number(sales ? item.unitPrice : item.unitCost),
  );
  const line: BcRecord = {
    id: randomUUID(),
    documentId: doc.id,
    sequence: num(body.sequence, 'sequence', sequence),
    itemId: item.id,
    accountId: '00000000-0000-0000-0000-000000000000',
    lineType: 'Item',
    lineObjectNumber: item.number,
    description: typeof body.description === 'string' ? body.description : item.displayName,
    unitOfMeasureCode:
      typeof body.unitOfMeasureCode === 'string' ? body.unitOfMeasureCode : item.baseUnitOfMeasureCode,
    quantity,
    [sales ? 'unitPrice' : 'directUnitCost']: price,
    discountAmount: num(body.discountAmount, 'discountAmount', 0),
    amountExcludingTax: cents(quantity, price),
    locationId:
      typeof body.locationId === 'string'
        ? body.locationId
        : sim.store.collection<BcRecord>('locations').all()[0]?.id,
    invoiceQuantity: quantity,
    invoicedQuantity: 0,
    ...(sales
      ? { shipQuantity: quantity, shippedQuantity: 0, shipmentDate: doc.orderDate }
      : { receiveQuantity: quantity, receivedQuantity: 0, expectedReceiptDate: doc.orderDate }),
  };
  touch(sim, line);
  return line;
}

/** POST of a sales or purchase order, lines deep-inserted. */
export function createDocument(sim: Sim, set: string, body: BcRecord): BcRecord {
  if (set !== 'salesOrders' && set !== 'purchaseOrders') throw new BcHttpError(405, `${set} is read-only.`);
  const sales = set === 'salesOrders';
  const party = sim.store.collection<BcRecord>(sales ? 'customers' : 'vendors');
  const partyId = sales ? body.customerId : body.vendorId;
  const partyNumber = sales ? body.customerNumber : body.vendorNumber;
  const owner = party.get(String(partyId)) ?? party.find((p) => p.number === partyNumber);
  if (!owner)
    throw new BcHttpError(
      400,
      `The ${sales ? 'customer' : 'vendor'} does not exist.`,
      'BadRequest_ResourceNotFound',
    );
  if (owner.blocked === 'All')
    throw new BcHttpError(
      400,
      `${String(owner.displayName)} is blocked (All).`,
      'Application_DialogException',
    );
  const ext = body.externalDocumentNumber;
  if (typeof ext === 'string' && ext.length > 35) {
    throw new BcHttpError(
      400,
      'The length of the string is 36, but it must be less than or equal to 35 characters. Value: externalDocumentNumber',
    );
  }
  const collection = sim.store.collection<BcRecord>(set);
  const number =
    typeof body.number === 'string' && body.number
      ? body.number
      : sales
        ? `S-ORD${101000 + sim.store.next('so')}`
        : `${106000 + sim.store.next('po')}`;
  if (collection.find((r) => r.number === number)) {
    throw new BcHttpError(
      400,
      `The record in table ${sales ? 'Sales' : 'Purchase'} Header already exists. Identification fields and values: No.='${number}'`,
      'Internal_EntityWithSameKeyExists',
    );
  }
  const { salesOrderLines, purchaseOrderLines, ...header } = body;
  const doc: BcRecord = {
    ...Object.fromEntries(Object.entries(header).filter(([k]) => !READ_ONLY.has(k))),
    id: randomUUID(),
    number,
    orderDate: typeof body.orderDate === 'string' ? body.orderDate : now().slice(0, 10),
    [sales ? 'customerId' : 'vendorId']: owner.id,
    [sales ? 'customerNumber' : 'vendorNumber']: owner.number,
    currencyCode: typeof body.currencyCode === 'string' ? body.currencyCode : '',
    status: 'Draft',
  };
  touch(sim, doc);
  const lines = (sales ? salesOrderLines : purchaseOrderLines) ?? [];
  if (!Array.isArray(lines)) throw new BcHttpError(400, 'Lines must be an array.');
  const created = lines.map((l, i) => lineDefaults(sim, set, doc, l as BcRecord, (i + 1) * 10000));
  collection.put(String(doc.id), doc);
  for (const line of created) sim.store.collection(CHILD_OF[set]!).put(String(line.id), line);
  return { ...doc, [CHILD_OF[set]!]: created };
}

function checkEtag(record: BcRecord, ifMatch: string | undefined): void {
  if (!ifMatch) throw new BcHttpError(428, 'Could not find the If-Match header.', 'Request_EntityChanged');
  if (ifMatch !== '*' && ifMatch !== record['@odata.etag']) {
    throw new BcHttpError(412, 'Another user has already changed the record.', 'Request_EntityChanged');
  }
}

/** PATCH of an order or an order line. */
export function patchRecord(
  sim: Sim,
  set: string,
  record: BcRecord,
  body: BcRecord,
  ifMatch: string | undefined,
): BcRecord {
  if (!['salesOrders', 'purchaseOrders', 'salesOrderLines', 'purchaseOrderLines'].includes(set)) {
    throw new BcHttpError(405, `${set} cannot be changed through this API.`);
  }
  if ((set === 'salesOrders' || set === 'purchaseOrders') && sim.settings.concurrentEditsOnPatch > 0) {
    sim.settings.concurrentEditsOnPatch -= 1;
    touch(sim, record); // someone else saved the order between the client's read and this write
  }
  checkEtag(record, ifMatch);
  for (const [key, value] of Object.entries(body)) {
    if (READ_ONLY.has(key) || key.endsWith('Lines')) continue;
    record[key] = value;
  }
  if (set.endsWith('Lines')) {
    const price = Number(record.unitPrice ?? record.directUnitCost);
    record.amountExcludingTax = cents(Number(record.quantity), price);
  }
  touch(sim, record);
  return record;
}

/** POST of a line onto an existing order. */
export function createLine(sim: Sim, set: string, doc: BcRecord, body: BcRecord): BcRecord {
  if (set !== 'salesOrders' && set !== 'purchaseOrders') throw new BcHttpError(405, `${set} is read-only.`);
  const existing = sim.store.collection<BcRecord>(CHILD_OF[set]!).filter((l) => l.documentId === doc.id);
  const line = lineDefaults(sim, set, doc, body, (existing.length + 1) * 10000);
  sim.store.collection(CHILD_OF[set]!).put(String(line.id), line);
  touch(sim, doc);
  return line;
}

/** DELETE of an order line that nothing was posted for. */
export function deleteLine(sim: Sim, set: string, line: BcRecord, ifMatch: string | undefined): void {
  checkEtag(line, ifMatch);
  if (Number(line.shippedQuantity ?? line.receivedQuantity ?? 0) > 0 || Number(line.invoicedQuantity) > 0) {
    throw new BcHttpError(
      400,
      'You cannot delete a line that has been posted.',
      'Application_DialogException',
    );
  }
  sim.store.collection(set).delete(String(line.id));
}

function ledger(sim: Sim, line: BcRecord, quantity: number, documentNumber: string, entryType: string): void {
  const item = sim.store.collection<BcRecord>('items').get(String(line.itemId));
  if (!item || item.type !== 'Inventory') return;
  const location = sim.store.collection<BcRecord>('locations').get(String(line.locationId));
  const entryNumber = sim.store.next('itemLedgerEntry');
  sim.store.collection('itemLedgerEntries').put(`ile-${entryNumber}`, {
    id: randomUUID(),
    entryNumber,
    itemNumber: item.number,
    postingDate: now().slice(0, 10),
    entryType,
    documentNumber,
    locationCode: location?.code ?? 'MAIN',
    description: String(line.description),
    quantity,
    salesAmountActual: 0,
    costAmountActual: cents(quantity, Number(item.unitCost)),
    lastModifiedDateTime: now(),
  });
  item.inventory = Number(item.inventory) + quantity;
  touch(sim, item);
}

/** A bound action: `shipAndInvoice` on a sales order, `receiveAndInvoice` on a purchase order. */
export function postAction(sim: Sim, set: string, doc: BcRecord, action: string): void {
  const sales = set === 'salesOrders';
  if (!(
    (sales && action === 'shipAndInvoice') ||
    (set === 'purchaseOrders' && action === 'receiveAndInvoice')
  )) {
    throw new BcHttpError(400, `The action '${action}' is not bound to ${set}.`);
  }
  const [toMove, moved] = sales
    ? ['shipQuantity', 'shippedQuantity']
    : ['receiveQuantity', 'receivedQuantity'];
  const lines = sim.store.collection<BcRecord>(CHILD_OF[set]!).filter((l) => l.documentId === doc.id);
  for (const l of lines) {
    const move = Number(l[toMove]);
    const invoice = Number(l.invoiceQuantity);
    if (move < 0 || move > Number(l.quantity) - Number(l[moved])) {
      throw new BcHttpError(
        400,
        `${toMove} ${move} on line ${String(l.sequence)} exceeds the outstanding quantity.`,
        'Application_DialogException',
      );
    }
    if (invoice < 0 || invoice > Number(l[moved]) + move - Number(l.invoicedQuantity)) {
      throw new BcHttpError(
        400,
        `invoiceQuantity ${invoice} on line ${String(l.sequence)} exceeds what was ${sales ? 'shipped' : 'received'}.`,
        'Application_DialogException',
      );
    }
  }
  const moving = lines.filter((l) => Number(l[toMove]) > 0);
  const invoicing = lines.filter((l) => Number(l.invoiceQuantity) > 0);
  if (!moving.length && !invoicing.length)
    throw new BcHttpError(400, 'There is nothing to post.', 'Application_DialogException');
  const base = {
    orderId: doc.id,
    orderNumber: doc.number,
    externalDocumentNumber: doc.externalDocumentNumber ?? '',
    yourReference: doc.yourReference ?? '',
    postingDate: now().slice(0, 10),
    ...(sales
      ? { customerId: doc.customerId, customerNumber: doc.customerNumber }
      : {
          vendorId: doc.vendorId,
          vendorNumber: doc.vendorNumber,
          vendorShipmentNumber: doc.vendorShipmentNumber ?? '',
          vendorInvoiceNumber: doc.vendorInvoiceNumber ?? '',
        }),
    currencyCode: doc.currencyCode ?? '',
  };
  const post = (
    postedSet: string,
    prefix: string,
    posted: BcRecord[],
    quantity: (l: BcRecord) => number,
    extra: BcRecord,
  ) => {
    const number = `${prefix}${100000 + sim.store.next(postedSet)}`;
    const header: BcRecord = { id: randomUUID(), number, ...base, ...extra };
    touch(sim, header);
    sim.store.collection(postedSet).put(String(header.id), header);
    for (const l of posted) {
      const price = Number(l.unitPrice ?? l.directUnitCost);
      const postedLine: BcRecord = {
        id: randomUUID(),
        documentId: header.id,
        sequence: l.sequence,
        itemId: l.itemId,
        lineObjectNumber: l.lineObjectNumber,
        description: l.description,
        unitOfMeasureCode: l.unitOfMeasureCode,
        quantity: quantity(l),
        unitPrice: price,
        amountExcludingTax: cents(quantity(l), price),
      };
      sim.store.collection(CHILD_OF[postedSet]!).put(String(postedLine.id), postedLine);
    }
    return number;
  };
  if (moving.length) {
    const number = post(
      sales ? 'salesShipments' : 'purchaseReceipts',
      sales ? 'S-SHPT' : 'P-RCPT',
      moving,
      (l) => Number(l[toMove]),
      {
        [sales ? 'shipmentDate' : 'receiptDate']: now().slice(0, 10),
      },
    );
    for (const l of moving)
      ledger(sim, l, sales ? -Number(l[toMove]) : Number(l[toMove]), number, sales ? 'Sale' : 'Purchase');
  }
  if (invoicing.length) {
    const total = invoicing.reduce(
      (sum, l) => sum + cents(Number(l.invoiceQuantity), Number(l.unitPrice ?? l.directUnitCost)),
      0,
    );
    const invoiceNumber = post(
      sales ? 'salesInvoices' : 'purchaseInvoices',
      sales ? 'PS-INV' : 'PP-INV',
      invoicing,
      (l) => Number(l.invoiceQuantity),
      {
        invoiceDate: now().slice(0, 10),
        status: 'Open',
        totalAmountExcludingTax: Math.round(total * 100) / 100,
        totalAmountIncludingTax: Math.round(total * 100) / 100,
        remainingAmount: Math.round(total * 100) / 100,
      },
    );
    if (!sales && sim.settings.autoPayBills) {
      const bill = sim.store.collection<BcRecord>('purchaseInvoices').find((r) => r.number === invoiceNumber);
      if (bill) payInvoice(sim, 'purchaseInvoices', String(bill.id));
    }
  }
  for (const l of lines) {
    l[moved] = Number(l[moved]) + Number(l[toMove]);
    l.invoicedQuantity = Number(l.invoicedQuantity) + Number(l.invoiceQuantity);
    l[toMove] = Number(l.quantity) - Number(l[moved]);
    l.invoiceQuantity = Number(l[moved]) - Number(l.invoicedQuantity);
    touch(sim, l);
  }
  doc.status = 'Open';
  touch(sim, doc);
}
