import { RETRY_POLICY_SCHEMA } from '../sdk/types';
import type { ConfigSchema, RetryConfig } from '../sdk/types';

/** Config of a Shopify commerce connector, as create() and check() receive it (secrets decrypted, defaults set). */
export type ShopifyConfig = {
  shopDomain: string;
  baseUrl?: string;
  accessToken: string;
  webhookSecret: string;
  apiVersion: string;
  legalEntityId: string;
  notifyCustomer: boolean;
  timeoutMs: number;
  retry?: RetryConfig;
};

/** JSON Schema of ShopifyConfig; the Admin API access token and the app's client secret are secrets. */
export const shopifyConfigSchema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Shopify',
  additionalProperties: false,
  required: ['shopDomain', 'accessToken', 'webhookSecret', 'legalEntityId'],
  properties: {
    shopDomain: {
      type: 'string',
      maxLength: 255,
      pattern: '^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$',
      description: 'the shop\'s permanent domain, e.g. "acme-supply.myshopify.com"',
    },
    baseUrl: {
      type: 'string',
      maxLength: 2048,
      pattern: '^https?://[^\\s/]+(?:/[^\\s]*)?$',
      description: 'overrides https://{shopDomain} (a simulator or a proxy)',
    },
    accessToken: {
      type: 'string',
      'x-secret': true,
      minLength: 10,
      maxLength: 512,
      pattern: '^\\S+$',
      description: 'the Admin API access token of the custom app ("shpat_…")',
    },
    webhookSecret: {
      type: 'string',
      'x-secret': true,
      minLength: 8,
      maxLength: 512,
      description: "the app's client secret, which signs its webhooks (X-Shopify-Hmac-Sha256)",
    },
    apiVersion: {
      type: 'string',
      pattern: '^\\d{4}-(01|04|07|10)$',
      default: '2025-01',
      description: 'the Admin API version, e.g. "2025-01"',
    },
    legalEntityId: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
      description: 'the canonical legal entity that sells through this shop',
    },
    notifyCustomer: {
      type: 'boolean',
      default: false,
      description: 'whether Shopify e-mails the customer when the hub creates a fulfilment',
    },
    timeoutMs: { type: 'integer', minimum: 1000, maximum: 120_000, default: 30_000 },
    retry: RETRY_POLICY_SCHEMA,
  },
};
