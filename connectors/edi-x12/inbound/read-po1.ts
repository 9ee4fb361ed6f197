/**
 * A PO1 (or POC/IT1-like) line: quantity, unit, price, price basis, product ids and the PID description. Shared
 * by the 850, which orders with it, and the 855, which echoes it.
 */
import type { ItemReference, Quantity } from '../../../canonical-model/generated/index';
import type { InboundContext } from './context';
import type { ElementReader } from './read-elements';
import { readProductIds } from './read-product-ids';
import type { IdentifierChecks } from './identifier-checks';
import { optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';

/** Where a line segment keeps what: PO1 is 1 id, 2 qty, 3 unit, 4 price, 5 basis, 6+ id pairs. */
export interface LineLayout {
  id: number;
  quantity: number;
  unit: number;
  price: number;
  basis: number;
  firstQualifier: number;
}

/** The PO1 (and IT1) layout. */
export const PO1_LAYOUT: LineLayout = { id: 1, quantity: 2, unit: 3, price: 4, basis: 5, firstQualifier: 6 };

/** One line as read. */
export interface ReadLine {
  at: At;
  /** The partner's line id (PO101), when sent. */
  lineId?: string;
  quantity: Quantity;
  /** R explicit decimal; undefined when the partner sent no price. */
  unitPrice?: string;
  /** Price basis (PO105: PE per each, PP per pound …). */
  basis?: string;
  item: ItemReference;
  /** Product ids the model has no qualifier for, and other line facts worth keeping. */
  attributes: Record<string, string>;
}

/** The PID free-form description of a line loop (PID01 F, PID05), the first one that has text. */
export function descriptionOf(loop: At[]): string | undefined {
  const pid = segmentsOf(loop, 'PID').find((at) => value(at, 1) !== 'S' && value(at, 5));
  return pid ? value(pid, 5).slice(0, 256) : undefined;
}

/** Reads the line segment that starts `loop` with `layout`; service lines (810) may have no product id. */
export function readLine(
  reader: ElementReader,
  context: InboundContext,
  loop: At[],
  layout: LineLayout = PO1_LAYOUT,
  requireProductId = true,
  checks?: IdentifierChecks,
): ReadLine {
  const at = loop[0]!;
  const lineId = optional(at, layout.id);
  const quantity = reader.decimal(at, layout.quantity, { what: 'the quantity', nonNegative: true }) ?? '0';
  const uom = reader.unit(at, layout.unit);
  const unitPrice = reader.decimal(at, layout.price, { nonNegative: true });
  const basis = optional(at, layout.basis);
  const ids = readProductIds(
    reader,
    at,
    layout.firstQualifier,
    context.partner.productIdQualifiers,
    requireProductId,
    checks,
  );
  const description = descriptionOf(loop);
  return {
    at,
    ...(lineId ? { lineId } : {}),
    quantity: { value: quantity, uom },
    ...(unitPrice !== undefined ? { unitPrice } : {}),
    ...(basis ? { basis } : {}),
    item: { identifiers: ids.identifiers, ...(description ? { description } : {}) },
    attributes: ids.attributes,
  };
}
