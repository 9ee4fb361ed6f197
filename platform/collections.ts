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
} as const;
