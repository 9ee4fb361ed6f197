/**
 * What every port (ERP, WMS, commerce, supplier portal) shares: how a write names the records it refers to in the
 * external system, how reads page, and what a write returns. Ports speak canonical documents only; vendor shapes
 * never leave a connector's folder.
 */

/**
 * Resolves a canonical id to the record's id in this connector's system (the cross-reference store in the hub, a
 * map in tests). A write whose reference cannot be resolved fails with a `data` HubError naming the field.
 */
export interface ReferenceResolver {
  externalId(objectType: string, canonicalId: string): Promise<string | undefined>;
}

/** Passed to every write: references, the idempotency key the vendor call is made safe with, cancellation. */
export interface WriteContext {
  references: ReferenceResolver;
  /** Stable across retries of the same business operation (e.g. the workflow id + step). */
  idempotencyKey: string;
  signal?: AbortSignal;
}

/** What a write created or found in the external system. */
export interface WriteResult {
  /** The record's id in the external system (internal id, GUID, …). */
  externalId: string;
  /** The human document number there (tranId, number, name), when it has one. */
  documentNumber?: string;
  /** False when the record already existed (an idempotent retry or an upsert of an existing record). */
  created: boolean;
}

/** One page of a read; `nextCursor` is undefined on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Paging and incremental-read options of a list operation. */
export interface ListOptions {
  /** Only records changed at or after this instant (ISO 8601). */
  modifiedSince?: string;
  cursor?: string;
  /** Page size wanted; the connector may cap it. */
  limit?: number;
  signal?: AbortSignal;
}

/** Options of a single-record read. */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** A verified webhook turned into canonical terms: what happened, and the document it happened to. */
export interface CanonicalEvent {
  /** Hub event name, e.g. "sales-order.created", "shipment.confirmed", "inventory.changed". */
  event: string;
  /** The canonical document (validated by the hub before anything acts on it). */
  document: { documentType: string; id: string; [field: string]: unknown };
}
