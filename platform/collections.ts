/** Names of the database collections the hub owns, in one place. */
export const COLLECTIONS = {
  smokeRuns: 'smoke_runs',
  connectors: 'connectors',
  connectorRevisions: 'connector_revisions',
  apiKeys: 'api_keys',
  idempotencyKeys: 'idempotency_keys',
  deadLetters: 'dead_letters',
  inboundDedup: 'inbound_dedup',
  crossReferences: 'cross_references',
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
  inboundSupply: 'inbound_supply',
  orders: 'orders',
  /** Saved order views the projection has not yet caught up with (see platform/versioned-projection.ts). */
  orderViewVersions: 'order_view_versions',
  orderReturns: 'order_returns',
  /** Saved return views the return projection has not yet caught up with. */
  orderReturnVersions: 'order_return_versions',
  orderPolicies: 'order_policies',
  /** GridFS bucket name: `edi_raw.files` and `edi_raw.chunks`. */
  ediRaw: 'edi_raw',
} as const;
