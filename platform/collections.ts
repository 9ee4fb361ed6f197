/** Names of the database collections the hub owns, in one place. */
export const COLLECTIONS = {
  smokeRuns: 'smoke_runs',
  connectors: 'connectors',
  connectorRevisions: 'connector_revisions',
  apiKeys: 'api_keys',
  idempotencyKeys: 'idempotency_keys',
  deadLetters: 'dead_letters',
  /** Bulk replays of dead letters: the ids chosen by a filter and each batch's outcome. */
  bulkReplays: 'bulk_replays',
  inboundDedup: 'inbound_dedup',
  crossReferences: 'cross_references',
  crossReferencesBack: 'cross_reference_canonical_ids',
  ownershipRules: 'ownership_rules',
  quarantine: 'quarantine',
  rateLimits: 'rate_limits',
  masterData: 'master_data',
  inboundEvents: 'inbound_events',
  ediPartners: 'edi_trading_partners',
  ediControlNumbers: 'edi_control_numbers',
  ediInterchanges: 'edi_interchanges',
  ediInterchangeClaims: 'edi_interchange_claims',
  ediTransactionSets: 'edi_transaction_sets',
  ediOutboundGroups: 'edi_outbound_groups',
  stockLedger: 'stock_ledger',
  /** One marker per stock ledger key and sequence number (`<key>#<seq>`): how writers find a key's head by _id. */
  stockLedgerSeq: 'stock_ledger_seq',
  /** The locations the stock ledger has written to (platform/orders/stock-locations.ts). */
  stockLocations: 'stock_locations',
  inboundSupply: 'inbound_supply',
  orders: 'orders',
  /** Saved order views the projection has not yet caught up with (see platform/versioned-projection.ts). */
  orderViewVersions: 'order_view_versions',
  orderViewVersionsBodies: 'order_view_versions_bodies',
  orderReturns: 'order_returns',
  /** Saved return views the return projection has not yet caught up with. */
  orderReturnVersions: 'order_return_versions',
  orderReturnVersionsBodies: 'order_return_versions_bodies',
  orderPolicies: 'order_policies',
  /** Purchasing policy revisions, one document per revision (`legalEntityId#revision`). */
  purchasingPolicies: 'purchasing_policies',
  /** The stored PO views (procure-to-receive), `_id` = purchaseOrderId. */
  purchaseOrders: 'purchase_orders',
  /** Saved PO views the PO projection has not yet caught up with. */
  purchaseOrderViewVersions: 'purchase_order_view_versions',
  purchaseOrderViewVersionsBodies: 'purchase_order_view_versions_bodies',
  /** Which PO number each proposal was given (`_id` = proposalId). */
  poNumberClaims: 'po_number_claims',
  /** PO numbers handed out (`_id` = the number), so no number goes to two proposals. */
  poNumbers: 'po_numbers',
  /** Which proposal each replenishment signal went into (`_id` = signalId). */
  replenishmentSignalClaims: 'replenishment_signal_claims',
  /** GridFS bucket name: `edi_raw.files` and `edi_raw.chunks`. */
  ediRaw: 'edi_raw',
} as const;
