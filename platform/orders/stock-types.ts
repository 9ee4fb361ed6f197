/**
 * The hub's stock ledger: what is on hand, held and reserved per SKU and warehouse, and what is due in. It is the
 * one place available-to-promise is computed and reservations are made, so two concurrent orders can never be
 * promised the same units. Quantities are decimal strings in the item's base (stocking) unit.
 */

/** A SKU in one warehouse. */
export interface StockKey {
  sku: string;
  locationId: string;
}

/** The running totals of one SKU in one warehouse after the latest ledger entry. */
export interface StockPosition extends StockKey {
  onHand: string;
  /** Not sellable: quality hold, damaged, non-sellable bins. */
  held: string;
  /** Promised to orders and not yet shipped or released. */
  reserved: string;
  /** Shipped to this location by a transfer, not yet received (not part of on hand or available). */
  inTransit: string;
  /** The legal entity whose stock this is, when a movement named it. */
  legalEntityId?: string;
  /** Sequence number of the latest ledger entry of this key. */
  seq: number;
  /** When the on-hand figure was last taken from the warehouse (ISO 8601). */
  stockAsOf: string;
  /** When the latest ledger entry of this key was written (ISO 8601). */
  updatedAt: string;
}

/** Supply due into a warehouse: an open purchase order line or ASN (written by procure-to-receive). */
export interface InboundSupply extends StockKey {
  /** Stable id of the supply (e.g. `po_123/2`); adding it again changes nothing. */
  id: string;
  quantity: string;
  /** Business date the supply is due (YYYY-MM-DD). */
  dueDate: string;
  source: { documentType: string; documentId: string };
  status: 'open' | 'received' | 'cancelled';
}

/** Available-to-promise of one key: on hand − held − reserved + inbound due on or before the date. */
export interface Availability extends StockKey {
  onHand: string;
  held: string;
  reserved: string;
  inboundDue: string;
  available: string;
}

/** A request to reserve stock for one order line in one warehouse. */
export interface ReserveRequest extends StockKey {
  /** The reservation's id; a retry with the same id returns the first result and reserves nothing more. */
  reservationId: string;
  quantity: string;
  orderId: string;
  lineNumber: number;
  /** Inbound supply due on or before this date counts as available (none counts when omitted). */
  needBy?: string;
  /** Units of on-hand this request may not take (stock protected for priority customers). */
  protectedQuantity?: string;
  /** Reserve what is available when it is less than asked (else nothing is reserved). */
  allowPartial: boolean;
}

/** What a reservation got. */
export interface ReserveResult {
  reservationId: string;
  /** "0" when nothing was available (or, without allowPartial, not enough). */
  reserved: string;
  /** Available-to-promise the request saw, before it reserved. */
  availableBefore: string;
}

/** One reservation's state, from the ledger. */
export interface ReservationState extends StockKey {
  reservationId: string;
  orderId: string;
  lineNumber: number;
  reserved: string;
  released: string;
  consumed: string;
  /** reserved − released − consumed. */
  outstanding: string;
}

/** A stock movement to apply: signed changes of on hand and held, from an event that happened at `at`. */
export interface MovementInput extends StockKey {
  /** The movement's id; applying it again returns the first result and moves nothing. */
  opId: string;
  /** Signed decimal ("-3", "12.5"): what the movement adds to (or takes from) on hand. */
  onHandDelta: string;
  /** Signed decimal: what it adds to (or takes from) held. */
  heldDelta: string;
  /** Signed decimal: what it adds to (or takes from) in transit to this location (transfers). Default "0". */
  inTransitDelta?: string;
  /** The legal entity the movement belongs to (kept on the position). */
  legalEntityId?: string;
  /** When the movement happened at the source (ISO 8601). */
  at: string;
}

/** The position after a movement, and whether the movement moved anything. */
export interface MovementResult extends StockPosition {
  /**
   * False when the movement happened before the key's latest stock count (`stockAsOf`): the count already holds
   * it, so it is recorded but moves nothing.
   */
  applied: boolean;
  /** True when the opId had been applied before (this call changed nothing). */
  replayed: boolean;
}

/** The stock ledger's operations; each write is idempotent by its `opId` / `reservationId`. */
export interface StockLedger {
  ensureIndexes(): Promise<void>;
  /** Sets on hand and held to the warehouse's figures (an absolute count), keeping reservations. */
  setStock(
    input: StockKey & { opId: string; onHand: string; held: string; asOf: string },
  ): Promise<StockPosition>;
  /** The latest position of a key; undefined when the ledger has never seen it. */
  position(key: StockKey): Promise<StockPosition | undefined>;
  /** The locations the ledger holds a position of `sku` in. */
  locationsOf(sku: string): Promise<string[]>;
  /** Every SKU × location the ledger holds a position of (a scan of the ledger: for rare, whole-ledger work). */
  keys(): Promise<StockKey[]>;
  /** Every open inbound supply of a SKU into the given locations, earliest due first. */
  openInbound(sku: string, locationIds: string[]): Promise<InboundSupply[]>;
  /** Available-to-promise of a SKU in each of the given warehouses (zero for keys never seen). */
  availability(sku: string, locationIds: string[], needBy?: string): Promise<Availability[]>;
  /** Reserves atomically against available-to-promise; never over-promises, even under concurrency. */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** Gives back `quantity` (default: all outstanding) of a reservation. */
  release(input: { opId: string; reservationId: string; quantity?: string }): Promise<ReservationState>;
  /** Shipped: on hand and the reservation both go down by `quantity`. */
  consume(input: { opId: string; reservationId: string; quantity: string }): Promise<ReservationState>;
  /** Goods received back into stock (a customer return): on hand goes up by `quantity`, once per opId. */
  receive(input: StockKey & { opId: string; quantity: string }): Promise<StockPosition>;
  /**
   * Applies a movement's signed deltas to on hand and held (a pick, receipt, adjustment, hold…), once per opId,
   * keeping reservations. A movement older than the key's latest stock count moves nothing (the count holds it).
   * Reusing an opId with other deltas or another key is refused (`data`).
   */
  applyMovement(input: MovementInput): Promise<MovementResult>;
  /** Every reservation of an order. */
  reservationsOf(orderId: string): Promise<ReservationState[]>;
  /** Records supply due in (idempotent by id). */
  addInbound(supply: InboundSupply): Promise<void>;
  /** Marks supply received or cancelled; it no longer counts as inbound. */
  settleInbound(id: string, status: 'received' | 'cancelled'): Promise<void>;
}
