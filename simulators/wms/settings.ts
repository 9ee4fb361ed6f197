import { WMS_SIM_WAREHOUSES } from './seed';

/** Behaviour knobs of the WMS simulator, changeable at run time through `POST /_sim/settings`. */
export interface WmsSimSettings {
  /** How long after release an order ships. */
  shipDelayMs: number;
  /** Probability (0–1, seeded by `seed`) that a line ships short. */
  shortPickRate: number;
  /** SKUs that always ship short (half the ordered quantity, rounded down): deterministic short picks for tests. */
  shortPickSkus: string[];
  /** How long after an expected receipt is created it is received. */
  receiveDelayMs: number;
  /**
   * Whether the warehouse receives an expected receipt on its own after `receiveDelayMs` (in full, with the
   * configured variances). Off, receipts happen only through `POST /__sim/receive-purchase-order`.
   */
  autoReceivePurchaseOrders: boolean;
  /** Received quantity minus expected quantity by SKU (e.g. {"SKU-1003": -2} receives two fewer). */
  receiptVarianceSkus: Record<string, number>;
  /** IANA time zone of the account: the "YYYY-MM-DD HH:MM:SS" webhook timestamps of a warehouse without its own. */
  timeZone: string;
  /** Time zones of warehouses that stamp their own local time, by ShipHero warehouse id. */
  warehouseTimeZones: Record<string, string>;
  /** The refresh token `/auth/refresh` accepts. */
  refreshToken: string;
  /** Lifetime of an access token. */
  accessTokenTtlSeconds: number;
  /** The next N GraphQL requests are refused for lack of credits (HTTP 200 with a throttling error). */
  throttleNext: number;
  /** The wait the throttling error names. */
  throttleRetrySeconds: number;
  /** Seed of the short-pick random source. */
  seed: number;
}

/** The refresh token a fresh simulator accepts. */
export const WMS_SIM_REFRESH_TOKEN = 'shiphero-sim-refresh-token-0001';

/** The settings of a fresh simulator. */
export const DEFAULT_WMS_SIM_SETTINGS: Readonly<WmsSimSettings> = Object.freeze({
  shipDelayMs: 1_500,
  shortPickRate: 0,
  shortPickSkus: [],
  receiveDelayMs: 1_500,
  autoReceivePurchaseOrders: true,
  receiptVarianceSkus: {},
  timeZone: 'America/New_York',
  // The primary warehouse is the Chicago DC (as the demo connector config says); the secondary keeps the account's.
  warehouseTimeZones: { [WMS_SIM_WAREHOUSES.primary]: 'America/Chicago' },
  refreshToken: WMS_SIM_REFRESH_TOKEN,
  accessTokenTtlSeconds: 2_419_200,
  throttleNext: 0,
  throttleRetrySeconds: 2,
  seed: 7,
});
