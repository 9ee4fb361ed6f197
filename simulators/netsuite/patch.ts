/**
 * `PATCH /record/v1/{salesOrder|purchaseOrder}/{id}`: changes the named lines of the item sublist (matched by
 * `line`): quantity, rate, expected receipt date, closed. A quantity below what was already received or fulfilled is
 * refused with NetSuite's 400 USER_ERROR; nothing changes when any line is refused.
 */
import type { Simulator } from '../kit/simulator';
import { compare, multiply, num } from './decimal';
import { NetSuiteSimError } from './errors';
import { decimalField, findRecord, nowStamp } from './records';
import type { NsLine, NsRecord } from './records';

/** Applies a PATCH of an order's lines; answers the changed record. */
export function patchOrder(
  sim: Simulator,
  type: string,
  key: string,
  body: Record<string, unknown>,
): NsRecord {
  if (type !== 'purchaseOrder' && type !== 'salesOrder')
    throw new NetSuiteSimError(
      405,
      `PATCH is not supported on ${type} in this account.`,
      'METHOD_NOT_ALLOWED',
    );
  const record = findRecord(sim, type, key);
  if (!record)
    throw new NetSuiteSimError(
      404,
      'The record instance does not exist. Provide a valid record instance ID.',
    );
  const lines = (record.item as { items: NsLine[] }).items;
  const changes = ((body.item as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).map(
    (raw, i) => {
      const line = lines.find((l) => String(l.line) === String(raw.line as number));
      if (!line) throw new NetSuiteSimError(400, `Invalid line ${String(raw.line)} on item[${i}].`);
      const done = type === 'purchaseOrder' ? line.quantityReceived : line.quantityFulfilled;
      const quantity =
        raw.quantity === undefined ? undefined : decimalField(raw.quantity, `item[${i}].quantity`);
      if (quantity !== undefined && compare(quantity, done ?? '0') < 0) {
        throw new NetSuiteSimError(
          400,
          `You cannot set the quantity of line ${String(line.line)} below the ${String(done)} already ${type === 'purchaseOrder' ? 'received' : 'fulfilled'}.`,
          'USER_ERROR',
        );
      }
      const rate = raw.rate === undefined ? undefined : decimalField(raw.rate, `item[${i}].rate`);
      return { raw, line, quantity, rate };
    },
  );
  for (const { raw, line, quantity, rate } of changes) {
    if (quantity !== undefined) line.quantity = num(quantity);
    if (rate !== undefined) line.rate = num(rate);
    if (typeof raw.expectedReceiptDate === 'string') line.expectedReceiptDate = raw.expectedReceiptDate;
    if (typeof raw.isClosed === 'boolean') line.isClosed = raw.isClosed;
    line.amount = num(multiply(line.quantity, line.rate));
  }
  record.lastModifiedDate = nowStamp();
  return record;
}
