import { RETRY_POLICY_SCHEMA } from '../sdk/types';
import type { ConfigSchema, RetryConfig } from '../sdk/types';

/** One ShipHero warehouse and the canonical location it is. */
export interface WmsWarehouseMapping {
  /** ShipHero's warehouse id (base64, e.g. "V2FyZWhvdXNlOjExNzkw"). */
  warehouseId: string;
  /** The canonical Location id of the warehouse. */
  locationId: string;
  /** IANA time zone of the warehouse's local webhook timestamps; the account's `timeZone` when absent. */
  timeZone?: string;
}

/** Config of a ShipHero WMS connector, as create() and check() receive it (secrets decrypted, defaults set). */
export type WmsConfig = {
  baseUrl: string;
  refreshToken: string;
  webhookSecret: string;
  legalEntityId: string;
  /** The first warehouse is where orders go when the sales order names no ship-from location. */
  warehouses: WmsWarehouseMapping[];
  timeZone: string;
  timeoutMs: number;
  pageSize: number;
  retry?: RetryConfig;
};

const CANONICAL_ID = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
};
const TIME_ZONE = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$',
};

/** JSON Schema of WmsConfig; the refresh token and the webhook secret are secrets. */
export const wmsConfigSchema: ConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'ShipHero WMS',
  additionalProperties: false,
  required: ['baseUrl', 'refreshToken', 'webhookSecret', 'legalEntityId', 'warehouses'],
  properties: {
    baseUrl: {
      type: 'string',
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2048,
      description: 'API root, e.g. "https://public-api.shiphero.com" (serves /auth/refresh and /graphql)',
    },
    refreshToken: {
      type: 'string',
      'x-secret': true,
      minLength: 8,
      maxLength: 4096,
      description: 'the refresh token of the API user; access tokens are obtained from it',
    },
    webhookSecret: {
      type: 'string',
      'x-secret': true,
      minLength: 8,
      maxLength: 1024,
      description: 'the secret key webhooks are signed with (x-shiphero-hmac-sha256)',
    },
    legalEntityId: { ...CANONICAL_ID, description: 'the canonical legal entity that owns the stock' },
    warehouses: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      description: 'ShipHero warehouses and the canonical locations they are; the first is the default',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['warehouseId', 'locationId'],
        properties: {
          warehouseId: { type: 'string', minLength: 1, maxLength: 128 },
          locationId: CANONICAL_ID,
          timeZone: TIME_ZONE,
        },
      },
    },
    timeZone: {
      ...TIME_ZONE,
      default: 'America/New_York',
      description:
        'time zone of the account: ShipHero writes webhook timestamps as local time without an offset',
    },
    timeoutMs: { type: 'integer', minimum: 1000, maximum: 120_000, default: 30_000 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 50, description: 'inventory page size' },
    retry: RETRY_POLICY_SCHEMA,
  },
};
