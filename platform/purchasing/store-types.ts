/** The stores of the procure-to-receive flow, as activities, the intake and the API use them. */
import type { PurchaseOrderView, PurchaseOrderStatusCode } from '../../workflows/procure-to-receive/types';
import type { PurchasingPolicy } from './policy';

/** One purchasing policy per legal entity. */
export interface PurchasingPolicyStore {
  ensureIndexes(): Promise<void>;
  /** The stored policy with defaults filled in; undefined when the legal entity has none. */
  get(legalEntityId: string): Promise<PurchasingPolicy | undefined>;
  /** Validates (a `data` HubError naming each bad field) and stores the policy; answers it with defaults. */
  put(policy: unknown): Promise<PurchasingPolicy>;
  /** The latest policy of every legal entity that has one. */
  listAll(): Promise<PurchasingPolicy[]>;
}

/** PO numbers: the same number for the same proposal id every time, never the same number twice. */
export interface PoNumberAllocator {
  ensureIndexes(): Promise<void>;
  next(proposalId: string, legalEntityId: string): Promise<string>;
}

/** Which proposal each demand signal went into (a signal is bought for once). */
export interface SignalClaims {
  ensureIndexes(): Promise<void>;
  /** Claims the ids for the proposal; answers the ids claimed by it (including ones it claimed before). */
  claim(proposalId: string, signalIds: string[]): Promise<string[]>;
}

/** What the PO list can be filtered by. */
export interface PurchaseOrderFilter {
  legalEntityId?: string;
  poNumber?: string;
  supplierId?: string;
  status?: PurchaseOrderStatusCode;
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

/** The stored PO views (a versioned projection: never goes back to an older version). */
export interface PurchaseOrderStore {
  ensureIndexes(): Promise<void>;
  save(view: PurchaseOrderView): Promise<void>;
  get(purchaseOrderId: string): Promise<PurchaseOrderView | undefined>;
  /** By PO number (within a legal entity when given). */
  findByPoNumber(poNumber: string, legalEntityId?: string): Promise<PurchaseOrderView | undefined>;
  list(filter: PurchaseOrderFilter): Promise<{ items: PurchaseOrderView[]; nextCursor?: string }>;
  /**
   * Units of `sku` still to come to `locationId` on the legal entity's POs that are not final (awaiting approval
   * included): ordered − received − cancelled over their lines, never below zero per line.
   */
  openQuantity(legalEntityId: string, sku: string, locationId: string): Promise<string>;
}
