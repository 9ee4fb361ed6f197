import { defineSearchAttributeKey } from '@temporalio/common';

/** Custom search attributes registered on the Temporal server (stack/stack.sh, docker-compose) for support search. */
export const SEARCH_ATTRIBUTES = {
  businessKey: defineSearchAttributeKey('BusinessKey', 'KEYWORD'),
  connectorId: defineSearchAttributeKey('ConnectorId', 'KEYWORD'),
  partnerId: defineSearchAttributeKey('PartnerId', 'KEYWORD'),
  flow: defineSearchAttributeKey('Flow', 'KEYWORD'),
} as const;
