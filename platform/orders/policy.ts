/**
 * The order policy: how the order-to-cash flow treats every order — which ERP and WMS it works with, the
 * warehouses it may ship from, price tolerance, hold time-outs, allocation and shortage rules. One document per
 * legal entity, edited through `PUT /v1/order-policy`; a workflow takes a copy when it starts, so a policy change
 * applies to new orders and never rewrites the history of a running one.
 */

/**
 * A warehouse run by a third-party logistics partner (3PL): its releases go out as EDI 940 warehouse shipping
 * orders through the partner's EDI connector, and its 945 shipping advices confirm what shipped.
 */
export interface ThirdPartyWarehouse {
  /** The EDI connector the 3PL is reached through. */
  ediConnectorId: string;
  /** The 3PL's trading partner profile (role 3pl, 940 outbound and 945 inbound) on that connector. */
  partnerId: string;
}

/** A warehouse the flow may allocate from. */
export interface WarehousePolicy {
  /** Canonical location id (the WMS connector maps it to its own warehouse id). */
  locationId: string;
  /** Ship-to regions this warehouse is nearest to: ISO country ("US") or country-region ("US-IL"). */
  regions?: string[];
  /**
   * Set when a 3PL runs this warehouse: releases are sent to the partner as EDI 940s instead of to the WMS, and
   * a release cannot be cancelled once its 940 is out (the 3PL is asked out of band; its 945 says what shipped).
   */
  thirdParty?: ThirdPartyWarehouse;
}

/** How stock is allocated across warehouses. */
export type AllocationStrategy = 'nearest-warehouse' | 'fewest-splits' | 'customer-priority';

/** What happens to a quantity that cannot be allocated (or was short-picked). */
export type ShortageAction = 'backorder' | 'cancel';

/** The policy every order of a legal entity runs under. */
export interface OrderPolicy {
  legalEntityId: string;
  /** ERP connector: credit, contract prices, the order of record, fulfilments and invoices. */
  erpConnectorId?: string;
  /** WMS connector the allocated lines are released to. */
  wmsConnectorId?: string;
  /** Canonical customer (linked to an ERP customer) prepaid web-store orders are booked against in the ERP. */
  webStoreCustomerId?: string;
  /** Warehouses in preference order (the first is the default for ship-tos no warehouse lists). */
  warehouses: WarehousePolicy[];
  strategy: AllocationStrategy;
  /** May one order ship from several warehouses (split shipments)? */
  allowSplitShipments: boolean;
  /** Customers whose orders may use the protected stock (strategy customer-priority). */
  priorityCustomerIds: string[];
  /** Share of each warehouse's on-hand (0–100) only priority customers may take (strategy customer-priority). */
  protectedStockPercent: number;
  /** Substitute SKUs offered, in order, when a SKU is short: `{ "WID-1001": ["WID-1002"] }`. */
  substitutes: Record<string, string[]>;
  shortageAction: ShortageAction;
  /** What the unshipped rest of a short-picked line becomes. */
  shortPickAction: ShortageAction;
  /** Largest accepted deviation of an order price from the ERP's contract price, in percent (decimal string). */
  priceTolerancePercent: string;
  /** How long a hold waits for a person before it is escalated. */
  holdTimeoutMinutes: number;
  /** After escalation, how long until the order is rejected automatically (0: wait for a person forever). */
  autoRejectAfterMinutes: number;
  /** How long a release may wait for the warehouse's shipment confirmation before it is escalated. */
  shipmentTimeoutMinutes: number;
  /** How often a backordered order tries to allocate again (stock arriving also wakes it at once). */
  backorderRecheckMinutes: number;
  /** Days an authorised customer return waits for the goods before it expires (default 30). */
  returnExpiryDays?: number;
  /** Percent (decimal string, 0–100) kept from returns whose reason is not the seller's fault (default "0"). */
  restockingFeePercent?: string;
}

/** The policy of a legal entity that has none stored yet. */
export function defaultOrderPolicy(legalEntityId: string): OrderPolicy {
  return {
    legalEntityId,
    warehouses: [],
    strategy: 'nearest-warehouse',
    allowSplitShipments: true,
    priorityCustomerIds: [],
    protectedStockPercent: 0,
    substitutes: {},
    shortageAction: 'backorder',
    shortPickAction: 'backorder',
    priceTolerancePercent: '2',
    holdTimeoutMinutes: 24 * 60,
    autoRejectAfterMinutes: 0,
    shipmentTimeoutMinutes: 3 * 24 * 60,
    backorderRecheckMinutes: 60,
  };
}

/** What a policy without the return fields means (stored policies and the default omit them). */
export const RETURN_POLICY_DEFAULTS = { returnExpiryDays: 30, restockingFeePercent: '0' } as const;
