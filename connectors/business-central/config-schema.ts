import { RETRY_POLICY_SCHEMA } from '../sdk/types';
import type { ConfigSchema, RetryConfig } from '../sdk/types';

/** Config of a Business Central connector, as create() and check() receive it (secret decrypted, defaults set). */
export type BusinessCentralConfig = {
  baseUrl: string;
  authorityUrl: string;
  scope: string;
  tenantId: string;
  environment: string;
  companyId: string;
  clientId: string;
  clientSecret: string;
  legalEntityId: string;
  localCurrency: string;
  /** `{publisher}/{group}/{version}` of the item journal API page the extension installs; default DEFAULT_ITEM_JOURNAL.api. */
  itemJournalApi?: string;
  /** Item journal template and batch adjustments are posted through; default ITEM / DEFAULT. */
  itemJournalTemplate?: string;
  itemJournalBatch?: string;
  timeoutMs: number;
  retry?: RetryConfig;
};

/** Where inventory adjustments go when the config does not say: the hub's item journal API, ITEM / DEFAULT. */
export const DEFAULT_ITEM_JOURNAL = Object.freeze({
  api: 'hub/inventory/v1.0',
  template: 'ITEM',
  batch: 'DEFAULT',
});

const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const HTTP_URL = '^https?://[^\\s/?#]+(?:/[^\\s?#]*)?$';

/** JSON Schema of BusinessCentralConfig; the client secret is the one secret. */
export const businessCentralConfigSchema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Microsoft Dynamics 365 Business Central',
  additionalProperties: false,
  required: ['tenantId', 'environment', 'companyId', 'clientId', 'clientSecret', 'legalEntityId'],
  properties: {
    baseUrl: {
      type: 'string',
      pattern: HTTP_URL,
      maxLength: 2048,
      default: 'https://api.businesscentral.dynamics.com',
      description: 'API host; the API root is {baseUrl}/v2.0/{tenantId}/{environment}/api/v2.0',
    },
    authorityUrl: {
      type: 'string',
      pattern: HTTP_URL,
      maxLength: 2048,
      default: 'https://login.microsoftonline.com',
      description:
        'Microsoft Entra ID authority; tokens come from {authorityUrl}/{tenantId}/oauth2/v2.0/token',
    },
    scope: {
      type: 'string',
      minLength: 1,
      maxLength: 512,
      default: 'https://api.businesscentral.dynamics.com/.default',
    },
    tenantId: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$',
      description: 'Entra ID tenant: a GUID or a domain such as contoso.onmicrosoft.com',
    },
    environment: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,30}$',
      description: 'e.g. "production" or "sandbox"',
    },
    companyId: {
      type: 'string',
      pattern: GUID,
      description: 'the id (GUID) of the company in the environment',
    },
    clientId: {
      type: 'string',
      pattern: GUID,
      description: 'application (client) id of the Entra ID app registration',
    },
    clientSecret: {
      type: 'string',
      'x-secret': true,
      minLength: 1,
      maxLength: 1024,
      description: 'a client secret of the app registration',
    },
    legalEntityId: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
      maxLength: 128,
      description: 'canonical id of the legal entity this company books for',
    },
    localCurrency: {
      type: 'string',
      pattern: '^[A-Z]{3}$',
      default: 'USD',
      description: "the company's local currency (LCY): what an empty currencyCode means in Business Central",
    },
    itemJournalApi: {
      type: 'string',
      pattern: '^[A-Za-z0-9]+/[A-Za-z0-9]+/(?:v[0-9]+\\.[0-9]+|beta)$',
      maxLength: 100,
      default: DEFAULT_ITEM_JOURNAL.api,
      description:
        'publisher/group/version of the item journal API page (an extension of the tenant; see the connector README) ' +
        'inventory adjustments are posted through',
    },
    itemJournalTemplate: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,10}$',
      default: DEFAULT_ITEM_JOURNAL.template,
      description: 'item journal template of the adjustments',
    },
    itemJournalBatch: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,10}$',
      default: DEFAULT_ITEM_JOURNAL.batch,
      description:
        'item journal batch of the adjustments; give it no number series (the hub sets Document No.)',
    },
    timeoutMs: { type: 'integer', minimum: 1000, maximum: 300_000, default: 30_000 },
    retry: RETRY_POLICY_SCHEMA,
  },
};
