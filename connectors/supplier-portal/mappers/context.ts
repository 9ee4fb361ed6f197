/** What every portal → canonical mapper needs besides the payload, and small readers of untyped vendor JSON. */
import type { ItemIdentifier, ItemReference } from '../../../canonical-model/generated/index';
import type { UnitCode } from '../../../canonical-model/uom';
import { provisionalId } from '../../sdk/mapping';
import type { MappingProblems } from '../../sdk/mapping';
import { SOURCE_SYSTEM } from '../transport';
import { CANONICAL_UNIT_BY_PORTAL } from '../units';

/** The connector instance a document is read through. */
export interface MapContext {
  connectorId: string;
  legalEntityId: string;
}

const CANONICAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** The value as an object with string keys, or an empty object (its fields then report as missing). */
export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A required non-empty array; records a problem and returns [] otherwise. */
export function list(value: unknown, path: string, problems: MappingProblems): unknown[] {
  if (Array.isArray(value) && value.length > 0) return value;
  problems.add(path, Array.isArray(value) ? 'is empty' : 'is missing');
  return [];
}

/** An optional string field, trimmed; undefined when absent or empty. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A line number (whole number from 1). */
export function lineNumber(value: unknown, path: string, problems: MappingProblems): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  problems.add(path, `${JSON.stringify(value) ?? 'nothing'} is not a line number`);
  return 1;
}

/** The item of a portal line: its SKU and the supplier's part number; a line with neither does not map. */
export function itemOf(
  line: Record<string, unknown>,
  path: string,
  problems: MappingProblems,
): ItemReference {
  const identifiers: ItemIdentifier[] = [];
  const sku = optionalText(line.sku);
  const vendorPart = optionalText(line.vendor_part);
  if (sku) identifiers.push({ qualifier: 'SKU', value: sku });
  if (vendorPart) identifiers.push({ qualifier: 'VENDOR_PART', value: vendorPart });
  if (!identifiers.length) problems.add(`${path}/sku`, 'is missing (and there is no vendor_part either)');
  const description = optionalText(line.description);
  return {
    identifiers: identifiers.length ? identifiers : [{ qualifier: 'SKU', value: '?' }],
    ...(description ? { description } : {}),
  };
}

/** The canonical PO id: the buyer reference the portal echoes when it is one of ours, else a provisional id. */
export function purchaseOrderIdOf(doc: Record<string, unknown>, context: MapContext): string {
  const reference = optionalText(doc.buyer_reference);
  if (reference && CANONICAL_ID.test(reference)) return reference;
  return provisionalId(context.connectorId, 'purchase-order', String(doc.purchase_order_id ?? doc.po_number));
}

/** The provisional canonical id of the portal's supplier (the cross-reference store links it to ours). */
export function supplierIdOf(supplierId: string, context: MapContext): string {
  return provisionalId(context.connectorId, 'supplier', supplierId);
}

/** The `source` block of a document read from the portal. */
export function sourceOf(context: MapContext, externalId: string, updatedAt: unknown) {
  const version = optionalText(updatedAt);
  return {
    connectorId: context.connectorId,
    system: SOURCE_SYSTEM,
    externalId,
    ...(version ? { version } : {}),
  };
}

/** An optional instant: kept when it parses, recorded as a problem when present but not an instant. */
export function instant(value: unknown, path: string, problems: MappingProblems): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return value;
  }
  problems.add(path, `${JSON.stringify(value)} is not an instant with a time-zone offset`);
  return undefined;
}

/** A currency code (ISO 4217). */
export function currency(value: unknown, path: string, problems: MappingProblems): string {
  if (typeof value === 'string' && /^[A-Z]{3}$/.test(value.trim().toUpperCase()))
    return value.trim().toUpperCase();
  problems.add(path, `${JSON.stringify(value) ?? 'nothing'} is not an ISO 4217 currency code`);
  return 'XXX';
}

/** A portal unit name ("case") as a canonical unit code ("CS"); an unknown unit is recorded as a problem. */
export function portalUnit(value: unknown, path: string, problems: MappingProblems): UnitCode {
  return problems.unit(value, path, CANONICAL_UNIT_BY_PORTAL) as UnitCode;
}
