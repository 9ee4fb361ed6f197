import { RETRY_POLICY_SCHEMA } from '../sdk/types';
import type { ConfigSchema, RetryConfig } from '../sdk/types';

/** Config of a NetSuite connector, as create() and check() receive it (secrets decrypted, defaults set). */
export type NetSuiteConfig = {
  accountId: string;
  baseUrl?: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  legalEntityId: string;
  subsidiaryId?: string;
  /** Internal id of the account inventory adjustments post against; default: the account named "Inventory Adjustment". */
  adjustmentAccountId?: string;
  currency: string;
  timeoutMs: number;
  retry?: RetryConfig;
};

const credential = (description: string, secret: boolean) => ({
  type: 'string',
  minLength: 1,
  maxLength: 512,
  pattern: '^\\S+$',
  description,
  ...(secret ? { 'x-secret': true } : {}),
});

/** JSON Schema of NetSuiteConfig; the consumer secret, the token id and the token secret are secrets. */
export const netSuiteConfigSchema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'NetSuite (REST Record API, token-based authentication)',
  additionalProperties: false,
  required: ['accountId', 'consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret', 'legalEntityId'],
  properties: {
    accountId: {
      type: 'string',
      pattern: '^[0-9]+(?:[_-][A-Za-z0-9]+)?$',
      maxLength: 64,
      description: 'the NetSuite account id, e.g. "1234567" or "1234567_SB1" for a sandbox',
    },
    baseUrl: {
      type: 'string',
      pattern: '^https?://[^\\s/]+(?:/[^\\s]*)?$',
      maxLength: 2048,
      description:
        'the REST root; default https://<account>.suitetalk.api.netsuite.com/services/rest (set it for a proxy or the simulator)',
    },
    consumerKey: credential('consumer key of the integration record', false),
    consumerSecret: credential('consumer secret of the integration record', true),
    tokenId: credential('token id of the access token (integration user and role)', true),
    tokenSecret: credential('token secret of the access token', true),
    legalEntityId: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
      description: 'the canonical legal entity the records of this account (or subsidiary) belong to',
    },
    subsidiaryId: {
      type: 'string',
      pattern: '^[0-9]+$',
      maxLength: 20,
      description: 'internal id of the subsidiary orders are written to (OneWorld accounts)',
    },
    adjustmentAccountId: {
      type: 'string',
      pattern: '^[0-9]+$',
      maxLength: 20,
      description:
        'internal id of the account inventory adjustments (count differences, shrink) post against; when unset, ' +
        'the account named "Inventory Adjustment" is used',
    },
    currency: {
      type: 'string',
      pattern: '^[A-Z]{3}$',
      default: 'USD',
      description: 'ISO code of the base currency item prices and costs are kept in',
    },
    timeoutMs: { type: 'integer', minimum: 1000, maximum: 300_000, default: 30_000 },
    retry: RETRY_POLICY_SCHEMA,
  },
};

/** The REST root of the account: the configured baseUrl, or NetSuite's account-specific host. */
export function restRoot(config: Pick<NetSuiteConfig, 'accountId' | 'baseUrl'>): string {
  if (config.baseUrl) return config.baseUrl.replace(/\/+$/, '');
  const host = config.accountId.toLowerCase().replace(/_/g, '-');
  return `https://${host}.suitetalk.api.netsuite.com/services/rest`;
}
