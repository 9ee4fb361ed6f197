/**
 * NetSuite's record semantics over the kit's store: numeric internal ids, tranId document numbers, references
 * `{ id, refName }` checked against the records they name, sublists as `{ items: [...] }`, and the `q` filter of
 * the list endpoint (`itemId IS "WID-1001"`, `lastModifiedDate ON_OR_AFTER "2025-06-01T00:00:00Z"`, `createdFrom
 * ANY_OF [9001, 9002]` on a reference's id, joined by AND).
 */
import type { Simulator } from '../kit/simulator';
import { add, compare, multiply, num } from './decimal';
import { NetSuiteSimError } from './errors';

/** A stored NetSuite record: a JSON object with at least its internal id. */
export type NsRecord = Record<string, unknown> & { id: string };

/** One line of a transaction's `item` sublist. */
export type NsLine = Record<string, unknown> & { line: number; quantity: unknown; item: { id: string } };

/** Transactions the simulator can create directly, with their document-number prefix and entity type. */
export const CREATABLE: Record<string, { prefix: string; entity: 'customer' | 'vendor' }> = {
  salesOrder: { prefix: 'SO', entity: 'customer' },
  purchaseOrder: { prefix: 'PO', entity: 'vendor' },
};

/** Record types the list and get endpoints serve. */
export const READABLE = new Set([
  'salesOrder',
  'purchaseOrder',
  'itemReceipt',
  'itemFulfillment',
  'invoice',
  'vendorBill',
  'vendorPayment',
  'customerPayment',
  'creditMemo',
  'inventoryAdjustment',
  'inventoryItem',
  'account',
  'customer',
  'vendor',
  'location',
  'subsidiary',
]);

/** Now, as NetSuite writes lastModifiedDate. */
export function nowStamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A new internal id for a record type (each type has its own sequence, as in NetSuite). */
export function mintId(sim: Simulator, type: string): string {
  return String(sim.store.next(`id:${type}`, 9001));
}

/** A record by internal id or by `eid:<externalId>`. */
export function findRecord(sim: Simulator, type: string, key: string): NsRecord | undefined {
  const collection = sim.store.collection<NsRecord>(type);
  if (key.startsWith('eid:')) {
    const externalId = key.slice(4);
    return collection.find((r) => r.externalId === externalId);
  }
  return collection.get(key);
}

/** The referenced record, or a 400 as NetSuite answers an invalid reference key. */
export function resolveRef(sim: Simulator, type: string, value: unknown, field: string): NsRecord {
  const id = (value as { id?: unknown } | undefined)?.id;
  const found =
    typeof id === 'string' || typeof id === 'number' ? findRecord(sim, type, String(id)) : undefined;
  if (!found) {
    throw new NetSuiteSimError(
      400,
      `Invalid ${field} reference key ${JSON.stringify(id ?? null)}.`,
      'INVALID_KEY_OR_REF',
    );
  }
  return found;
}

/** The display name NetSuite puts in `refName`. */
export function refName(record: NsRecord): string {
  const name = record.tranId ?? record.itemId ?? record.entityId ?? record.name;
  return typeof name === 'string' || typeof name === 'number' ? String(name) : record.id;
}

/** A decimal from a request body, or a 400 naming the field. */
export function decimalField(value: unknown, field: string, positive = false): string {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  if (!/^-?\d+(\.\d+)?$/.test(text) || (positive && compare(text, '0') <= 0)) {
    throw new NetSuiteSimError(
      400,
      `Invalid number (must be ${positive ? 'positive' : 'a number'}): ${field}`,
    );
  }
  return text;
}

/** Builds (or rebuilds, keeping fulfilment progress per line) a sales or purchase order from a request body. */
export function buildOrder(
  sim: Simulator,
  type: string,
  body: Record<string, unknown>,
  existing?: NsRecord,
): NsRecord {
  const spec = CREATABLE[type];
  if (!spec) throw new NetSuiteSimError(400, `Records of type ${type} cannot be created this way.`);
  const entity = resolveRef(sim, spec.entity, body.entity ?? existing?.entity, 'entity');
  const input =
    (body.item as { items?: unknown } | undefined)?.items ?? (existing?.item as { items?: unknown })?.items;
  if (!Array.isArray(input) || input.length === 0) {
    throw new NetSuiteSimError(400, 'You must enter at least one line item for this transaction.');
  }
  const previous = (existing?.item as { items?: NsLine[] } | undefined)?.items ?? [];
  let total = '0';
  const lines = input.map((raw: Record<string, unknown>, index) => {
    const item = resolveRef(sim, 'inventoryItem', raw.item, 'item');
    const quantity = decimalField(raw.quantity, `item[${index}].quantity`, true);
    const rate = decimalField(raw.rate ?? item.basePrice, `item[${index}].rate`);
    const amount = multiply(quantity, rate);
    total = add(total, amount);
    const before = previous[index];
    return {
      ...raw,
      line: index + 1,
      item: { id: item.id, refName: refName(item) },
      quantity: num(quantity),
      rate: num(rate),
      amount: num(amount),
      quantityReceived: before?.quantityReceived ?? num('0'),
      quantityFulfilled: before?.quantityFulfilled ?? num('0'),
      quantityBilled: before?.quantityBilled ?? num('0'),
    };
  });
  const id = existing?.id ?? mintId(sim, type);
  const stamp = nowStamp();
  return {
    createdDate: stamp,
    tranDate: stamp.slice(0, 10),
    currency: { id: '1', refName: 'USD' },
    subsidiary: { id: '1', refName: 'Acme Distribution US' },
    ...existing,
    ...body,
    id,
    tranId: existing?.tranId ?? `${spec.prefix}${sim.store.next(`tranId:${type}`, 1001)}`,
    entity: { id: entity.id, refName: refName(entity) },
    item: { items: lines },
    total: num(total),
    status: existing?.status ?? {
      id: 'pending',
      refName: type === 'salesOrder' ? 'Pending Fulfillment' : 'Pending Receipt',
    },
    lastModifiedDate: stamp,
  };
}

/** True when the record passes a NetSuite `q` filter (conditions joined by AND). */
export function matchesQuery(record: NsRecord, q: string | undefined): boolean {
  if (!q?.trim()) return true;
  return q.split(/\s+AND\s+/i).every((condition) => {
    const anyOf = /^\s*(\w+)\s+ANY_OF\s+\[([^\]]*)\]\s*$/i.exec(condition);
    if (anyOf) {
      const raw = record[anyOf[1] ?? ''];
      const actual = raw && typeof raw === 'object' && 'id' in raw ? raw.id : raw;
      const wanted = (anyOf[2] ?? '').split(',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'));
      return (typeof actual === 'string' || typeof actual === 'number') && wanted.includes(String(actual));
    }
    const match =
      /^\s*(\w+)\s+(IS|IS_NOT|ON_OR_AFTER|AFTER|BEFORE|ON_OR_BEFORE|START_WITH)\s+"([^"]*)"\s*$/i.exec(
        condition,
      );
    if (!match)
      throw new NetSuiteSimError(400, `Invalid search query: ${condition.trim()}`, 'INVALID_PARAMETER');
    const [, field = '', operator = '', expected = ''] = match;
    const raw = record[field];
    const actual = raw && typeof raw === 'object' && 'id' in raw ? raw.id : raw;
    const text =
      typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean'
        ? String(actual)
        : '';
    switch (operator.toUpperCase()) {
      case 'IS':
        return text === expected;
      case 'IS_NOT':
        return text !== expected;
      case 'START_WITH':
        return text.startsWith(expected);
      default: {
        const at = Date.parse(text);
        const limit = Date.parse(expected);
        if (Number.isNaN(limit)) throw new NetSuiteSimError(400, `Invalid date in search query: ${expected}`);
        if (Number.isNaN(at)) return false;
        const op = operator.toUpperCase();
        return op === 'ON_OR_AFTER'
          ? at >= limit
          : op === 'AFTER'
            ? at > limit
            : op === 'BEFORE'
              ? at < limit
              : at <= limit;
      }
    }
  });
}
