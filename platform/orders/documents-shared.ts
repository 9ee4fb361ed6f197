/**
 * Helpers shared by the order-to-cash document builders: the hub's document source, data errors, order-line
 * look-ups, business dates and the one division the decimal module has no function for. All pure.
 */
import type {
  DocumentSource,
  SalesOrder,
  SalesOrderLine,
  Shipment,
} from '../../canonical-model/generated/index';
import { zoneClock, padDigits } from '../../connectors/sdk/time-zone';
import { HubError } from '../errors';

/** Money amounts on the hub's invoices have two decimals (X12 N2, every ERP the hub posts to). */
export const MONEY_PLACES = 2;

/** Throws the `data` HubError of one field of the input (a JSON pointer into the document named in `what`). */
export function dataError(path: string, message: string, what: string): never {
  throw new HubError('data', `${what}: ${path} ${message}`, { fieldErrors: [{ path, message }] });
}

/** The source of a document the hub itself makes: it owns the record, so the external id is the hub's id. */
export function hubSource(connectorId: string, id: string): DocumentSource {
  return { connectorId, system: 'hub', externalId: id };
}

/** The purchase order number the customer knows the order by (its PO number, else our order number). */
export function customerPoNumberOf(order: SalesOrder, shipment?: Shipment): string {
  return order.customerPoNumber ?? shipment?.customerPoNumber ?? order.orderNumber;
}

/** The order's lines by line number. */
export function orderLinesByNumber(order: SalesOrder): Map<number, SalesOrderLine> {
  return new Map(order.lines.map((line) => [line.lineNumber, line]));
}

/** Refuses a shipment of another order: its lines would be matched against the wrong order lines. */
export function assertShipmentOfOrder(order: SalesOrder, shipment: Shipment, what: string): void {
  if (shipment.salesOrderId !== order.id) {
    dataError('/salesOrderId', `is ${shipment.salesOrderId}, not the order ${order.id}`, what);
  }
}

/** `date` (YYYY-MM-DD) plus `days` calendar days, by the proleptic Gregorian calendar. */
export function addDays(date: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || !Number.isInteger(days)) throw new Error(`cannot add ${days} days to ${date}`);
  // UTC midnight has no daylight-saving gaps, so whole days are exact multiples of 86 400 000 ms.
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The business date of an instant: its calendar date in `timeZone` when given (e.g. the partner's), else the
 * date as the instant was written (its own offset), so "2025-04-03T21:38:00-05:00" is 3 April.
 */
export function businessDateOf(instant: string, timeZone?: string): string {
  if (!timeZone) return instant.slice(0, 10);
  const wall = zoneClock(timeZone).read(new Date(instant));
  return `${padDigits(wall.year, 4)}-${padDigits(wall.month)}-${padDigits(wall.day)}`;
}

function scaled(text: string): { units: bigint; scale: number } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`${text} is not a non-negative decimal number`);
  return { units: BigInt(`${match[1]}${match[2] ?? ''}`), scale: (match[2] ?? '').length };
}

/** amount × part ÷ whole, rounded half away from zero to `places` decimals (non-negative inputs, whole > 0). */
export function proportionOf(amount: string, part: string, whole: string, places: number): string {
  const a = scaled(amount);
  const p = scaled(part);
  const w = scaled(whole);
  if (w.units === 0n) throw new Error('cannot take a share of a zero whole');
  // value = (a·p / 10^(sa+sp)) / (w / 10^sw); times 10^places to keep `places` decimals in the quotient.
  const numerator = a.units * p.units * 10n ** BigInt(w.scale + places);
  const denominator = w.units * 10n ** BigInt(a.scale + p.scale);
  let quotient = numerator / denominator;
  if ((numerator % denominator) * 2n >= denominator) quotient += 1n;
  const digits = quotient.toString().padStart(places + 1, '0');
  return places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
}
