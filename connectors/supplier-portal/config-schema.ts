import { RETRY_POLICY_SCHEMA } from '../sdk/types';
import type { ConfigSchema, RetryConfig } from '../sdk/types';

/** Config of a supplier-portal connector, as create() and check() receive it (secrets decrypted, defaults set). */
export type SupplierPortalConfig = {
  baseUrl: string;
  apiKey: string;
  webhookSecret: string;
  buyerCode: string;
  legalEntityId: string;
  timeoutMs: number;
  retry?: RetryConfig;
};

/** JSON Schema of SupplierPortalConfig; the API key and the webhook signing secret are secrets. */
export const supplierPortalConfigSchema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Supplier portal (REST)',
  additionalProperties: false,
  required: ['baseUrl', 'apiKey', 'webhookSecret', 'buyerCode', 'legalEntityId'],
  properties: {
    baseUrl: {
      type: 'string',
      maxLength: 2048,
      pattern: '^https?://[^\\s/?#]+(?:/[^\\s?#]*)?$',
      description: 'the portal root without /api/v1, e.g. "https://portal.example.com"',
    },
    apiKey: {
      type: 'string',
      'x-secret': true,
      minLength: 8,
      maxLength: 512,
      description: 'the API key the portal issued to the buyer account (sent as "Authorization: Bearer …")',
    },
    webhookSecret: {
      type: 'string',
      'x-secret': true,
      minLength: 8,
      maxLength: 512,
      description: 'the signing secret of the webhook endpoint registered at the portal',
    },
    buyerCode: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
      description: 'our buyer account code at the portal; the API key must belong to it',
    },
    legalEntityId: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
      description: 'the canonical legal entity that buys through this portal account',
    },
    timeoutMs: {
      type: 'integer',
      minimum: 1000,
      maximum: 120_000,
      default: 30_000,
      description: 'time limit of one API request',
    },
    retry: RETRY_POLICY_SCHEMA,
  },
};
