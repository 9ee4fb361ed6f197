/**
 * Credit memos of the simulated NetSuite: `POST /record/v1/invoice/{id}/!transform/creditMemo` credits lines of an
 * invoice (each body line names the invoice `line` it credits in `orderLine`), `POST /record/v1/creditMemo` credits
 * items for a customer. Quantities and rates are positive; like NetSuite, crediting more than was invoiced is
 * accepted (the hub checks that itself). Memos are stored in the `creditMemo` collection, readable by GET.
 */
import type { Simulator } from '../kit/simulator';
import { add, multiply, num } from './decimal';
import { NetSuiteSimError } from './errors';
import { decimalField, findRecord, mintId, nowStamp, refName, resolveRef } from './records';
import type { NsLine, NsRecord } from './records';

type Body = Record<string, unknown>;

function bodyLines(body: Body): Body[] {
  const lines = (body.item as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(lines) || lines.length === 0)
    throw new NetSuiteSimError(400, 'You must enter at least one line item for this transaction.');
  return lines as Body[];
}

function store(sim: Simulator, body: Body, fields: Body, items: Body[]): NsRecord {
  const memos = sim.store.collection<NsRecord>('creditMemo');
  if (typeof body.externalId === 'string' && memos.find((r) => r.externalId === body.externalId)) {
    throw new NetSuiteSimError(
      400,
      `A creditMemo record with external ID ${body.externalId} already exists.`,
      'DUP_RCRD',
    );
  }
  const total = items.reduce((sum, l) => add(sum, l.amount), '0');
  const id = mintId(sim, 'creditMemo');
  const stamp = nowStamp();
  return memos.put(id, {
    tranDate: stamp.slice(0, 10),
    currency: { id: '1', refName: 'USD' },
    subsidiary: { id: '1', refName: 'Acme Distribution US' },
    ...body,
    ...fields,
    id,
    tranId: `CM${sim.store.next('tranId:creditMemo', 1001)}`,
    item: { items },
    total: num(total),
    amountRemaining: num(total),
    status: { id: 'open', refName: 'Open' },
    createdDate: stamp,
    lastModifiedDate: stamp,
  });
}

function line(raw: Body, index: number, item: { id: string; refName: string }, rate: unknown): Body {
  const quantity = decimalField(raw.quantity, `item[${index}].quantity`, true);
  const price = decimalField(raw.rate ?? rate, `item[${index}].rate`);
  if (price.startsWith('-'))
    throw new NetSuiteSimError(400, `Invalid number (must be positive): item[${index}].rate`);
  return {
    ...raw,
    line: index + 1,
    item,
    quantity: num(quantity),
    rate: num(price),
    amount: num(multiply(quantity, price)),
  };
}

/** `invoice !transform creditMemo`: the memo credits the invoice's customer for lines of that invoice. */
export function creditMemoFromInvoice(sim: Simulator, invoiceId: string, body: Body): NsRecord {
  const invoice = findRecord(sim, 'invoice', invoiceId);
  if (!invoice)
    throw new NetSuiteSimError(
      404,
      'The record instance does not exist. Provide a valid record instance ID.',
    );
  const billed = (invoice.item as { items: NsLine[] }).items;
  const items = bodyLines(body).map((raw, index) => {
    const source = billed.find((l) => String(l.line) === String(raw.orderLine as number));
    if (!source)
      throw new NetSuiteSimError(400, `Invalid orderLine ${String(raw.orderLine)} on line ${index + 1}.`);
    return line(raw, index, source.item as { id: string; refName: string }, source.rate);
  });
  return store(
    sim,
    body,
    { entity: invoice.entity, createdFrom: { id: invoice.id, refName: refName(invoice) } },
    items,
  );
}

/** `POST creditMemo`: a memo for a customer's items, from no other transaction. */
export function createCreditMemo(sim: Simulator, body: Body): NsRecord {
  const entity = resolveRef(sim, 'customer', body.entity, 'entity');
  if (body.custbody_hub_sales_order !== undefined)
    resolveRef(sim, 'salesOrder', body.custbody_hub_sales_order, 'custbody_hub_sales_order');
  const items = bodyLines(body).map((raw, index) => {
    const item = resolveRef(sim, 'inventoryItem', raw.item, 'item');
    return line(raw, index, { id: item.id, refName: refName(item) }, item.basePrice);
  });
  return store(sim, body, { entity: { id: entity.id, refName: refName(entity) } }, items);
}
