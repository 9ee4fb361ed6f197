/**
 * Posting against an order the Business Central way: set each line's "quantity to ship/receive" and "quantity to
 * invoice" (every line, since BC defaults them to the outstanding quantity), stamp the header with the hub's
 * document number, and call the bound action (`shipAndInvoice` / `receiveAndInvoice`). The stamp is copied onto
 * the posted document, which is how a retry finds it and posts nothing twice.
 */
import { HubError } from '../../../platform/errors';
import type { WriteResult } from '../../sdk/ports/common';
import type { BcContext } from '../context';
import { addDecimal, compareDecimal, subtractDecimal } from '../../sdk/decimal';
import type { BcRecord } from '../mappers/common';
import { jsonNumber } from '../../sdk/json';
import { odataString } from '../transport';
import { patchWithEtag } from './etag';
import { findOne } from './resolve';

/** One canonical line to post: which order line, how much to move and invoice. */
export interface PostingLine {
  /** JSON pointer of the canonical line, for errors. */
  path: string;
  orderLineNumber?: number;
  sku?: string;
  /** Quantity to ship/receive with this posting. */
  move: string;
  /** Quantity to invoice with this posting. */
  invoice: string;
}

/** What to post against which order. */
export interface Posting {
  kind: 'sales' | 'purchase';
  orderId: string;
  postedSet: 'salesShipments' | 'salesInvoices' | 'purchaseReceipts' | 'purchaseInvoices';
  referenceField: 'yourReference' | 'vendorShipmentNumber' | 'vendorInvoiceNumber';
  reference: string;
  lines: PostingLine[];
  /** BC location id the moved quantities are booked at, when known. */
  locationId?: string;
  what: string;
  signal?: AbortSignal;
}

const dec = (value: unknown) =>
  typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '0';

/** Posts `posting`; returns the posted document (created false when a retry finds it already posted). */
export async function postAgainstOrder(ctx: BcContext, posting: Posting): Promise<WriteResult> {
  const { transport } = ctx;
  const { signal } = posting;
  const sales = posting.kind === 'sales';
  const set = sales ? 'salesOrders' : 'purchaseOrders';
  const linesSet = sales ? 'salesOrderLines' : 'purchaseOrderLines';
  const [moveField, movedField] = sales
    ? ['shipQuantity', 'shippedQuantity']
    : ['receiveQuantity', 'receivedQuantity'];
  const opt = signal ? { signal } : {};
  const order = (
    await transport.request<BcRecord>({
      method: 'GET',
      path: `/${set}(${posting.orderId})`,
      query: { $expand: linesSet },
      ...opt,
    })
  ).body;
  const find = () =>
    findOne(
      transport,
      posting.postedSet,
      `orderNumber eq ${odataString(String(order.number))} and ${posting.referenceField} eq ${odataString(posting.reference)}`,
      signal,
    );
  const already = await find();
  if (already)
    return { externalId: String(already.id), documentNumber: String(already.number), created: false };

  const orderLines = Array.isArray(order[linesSet]) ? (order[linesSet] as BcRecord[]) : [];
  const plan = new Map<BcRecord, { move: string; invoice: string }>(
    orderLines.map((l) => [l, { move: '0', invoice: '0' }]),
  );
  const errors: { path: string; message: string }[] = [];
  for (const line of posting.lines) {
    const target =
      orderLines.find(
        (l) => line.orderLineNumber !== undefined && l.sequence === line.orderLineNumber * 10_000,
      ) ??
      orderLines.find(
        (l) =>
          line.orderLineNumber === undefined && line.sku !== undefined && l.lineObjectNumber === line.sku,
      );
    if (!target) {
      errors.push({ path: line.path, message: `matches no line of ${posting.what}` });
      continue;
    }
    const entry = plan.get(target)!;
    entry.move = addDecimal(entry.move, line.move);
    entry.invoice = addDecimal(entry.invoice, line.invoice);
  }
  for (const [l, entry] of plan) {
    // Invoicing more than was moved and not yet invoiced ships/receives the rest in the same posting, as BC does.
    const uninvoiced = subtractDecimal(addDecimal(dec(l[movedField]), entry.move), dec(l.invoicedQuantity));
    if (compareDecimal(entry.invoice, uninvoiced) > 0)
      entry.move = addDecimal(entry.move, subtractDecimal(entry.invoice, uninvoiced));
    const outstanding = subtractDecimal(dec(l.quantity), dec(l[movedField]));
    if (compareDecimal(entry.move, outstanding) > 0) {
      errors.push({
        path: `/lines`,
        message: `${posting.what} line ${String(l.sequence)} has only ${outstanding} outstanding, not ${entry.move}`,
      });
    }
  }
  if (errors.length) {
    throw new HubError('data', `Business Central ${posting.what}: ${errors[0]!.path} ${errors[0]!.message}`, {
      fieldErrors: errors,
    });
  }
  if (
    [...plan.values()].every((e) => compareDecimal(e.move, '0') === 0 && compareDecimal(e.invoice, '0') === 0)
  ) {
    throw new HubError('data', `Business Central ${posting.what}: nothing to post (every quantity is 0)`, {
      fieldErrors: [{ path: '/lines', message: 'has no quantity to post' }],
    });
  }
  for (const [l, entry] of plan) {
    const moving = compareDecimal(entry.move, '0') > 0;
    if (
      dec(l[moveField]) === entry.move &&
      dec(l.invoiceQuantity) === entry.invoice &&
      !(moving && posting.locationId)
    )
      continue;
    await patchWithEtag(
      transport,
      `/${set}(${posting.orderId})/${linesSet}(${String(l.id)})`,
      String(l['@odata.etag']),
      {
        [moveField]: jsonNumber(entry.move),
        invoiceQuantity: jsonNumber(entry.invoice),
        ...(moving && posting.locationId ? { locationId: posting.locationId } : {}),
      },
      `${posting.what} line ${String(l.sequence)}`,
      signal,
    );
  }
  const fresh = (
    await transport.request<BcRecord>({ method: 'GET', path: `/${set}(${posting.orderId})`, ...opt })
  ).body;
  await patchWithEtag(
    transport,
    `/${set}(${posting.orderId})`,
    String(fresh['@odata.etag']),
    { [posting.referenceField]: posting.reference },
    posting.what,
    signal,
  );
  const action = sales ? 'Microsoft.NAV.shipAndInvoice' : 'Microsoft.NAV.receiveAndInvoice';
  await transport.request({ method: 'POST', path: `/${set}(${posting.orderId})/${action}`, ...opt });
  const posted = await find();
  if (!posted)
    throw new HubError(
      'transient',
      `Business Central posted ${posting.what} but the ${posting.postedSet} record is not visible yet`,
    );
  return { externalId: String(posted.id), documentNumber: String(posted.number), created: true };
}

/** The BC id of an order: the linked record of `canonicalId`, else the order found by `filter`; a `data` error otherwise. */
export async function resolveOrder(
  ctx: BcContext,
  references: { externalId(objectType: string, canonicalId: string): Promise<string | undefined> },
  objectType: 'sales-order' | 'purchase-order',
  canonicalId: string | undefined,
  fallbackFilter: string | undefined,
  path: string,
  what: string,
  signal?: AbortSignal,
): Promise<string> {
  const linked = canonicalId ? await references.externalId(objectType, canonicalId) : undefined;
  if (linked) return linked;
  const set = objectType === 'sales-order' ? 'salesOrders' : 'purchaseOrders';
  const found = fallbackFilter ? await findOne(ctx.transport, set, fallbackFilter, signal) : undefined;
  if (typeof found?.id === 'string') return found.id;
  throw new HubError(
    'data',
    `Business Central ${what}: ${path} ${JSON.stringify(canonicalId ?? null)} names no Business Central ${objectType}`,
    {
      fieldErrors: [{ path, message: `no Business Central ${objectType} is linked to it` }],
    },
  );
}

/** The BC location id of a canonical location (whose external id is the BC location code), when linked. */
export async function resolveLocationId(
  ctx: BcContext,
  references: { externalId(objectType: string, canonicalId: string): Promise<string | undefined> },
  locationId: string | undefined,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const code = locationId ? await references.externalId('location', locationId) : undefined;
  if (!code) return undefined;
  const location = await findOne(ctx.transport, 'locations', `code eq ${odataString(code)}`, signal);
  return typeof location?.id === 'string' ? location.id : undefined;
}
