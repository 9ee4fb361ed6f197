/** The canonical document types of model version 1, in the order they are documented and generated. */
export const DOCUMENT_TYPES = [
  'item',
  'customer',
  'supplier',
  'location',
  'legal-entity',
  'sales-order',
  'purchase-order',
  'purchase-order-ack',
  'advance-ship-notice',
  'goods-receipt',
  'shipment',
  'invoice',
  'inventory-position',
  'inventory-movement',
  'reservation',
  'return',
  'sales-order-change',
  'warehouse-shipping-order',
  'lifecycle-event',
] as const;

/** A canonical document type, e.g. `'sales-order'`; it is also the document's `documentType` value. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A schema file of version 1: every document type plus the shared definitions. */
export type SchemaName = 'common' | DocumentType;

/** Every schema name, shared definitions first. */
export const SCHEMA_NAMES: readonly SchemaName[] = ['common', ...DOCUMENT_TYPES];

/** The version of the canonical model these schemas describe. */
export const SCHEMA_VERSION = '1';

/** The `$id` of a version-1 schema: a URN, so no reference ever depends on a network host. */
export function schemaId(name: SchemaName): string {
  return `urn:distribution-hub:canonical:v${SCHEMA_VERSION}:${name}`;
}

/** True when `value` names a canonical document type. */
export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

/** The TypeScript type name generated for a schema, e.g. `'purchase-order-ack'` → `'PurchaseOrderAck'`. */
export function typeName(name: SchemaName): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _sep: string, letter: string) => letter.toUpperCase());
}
