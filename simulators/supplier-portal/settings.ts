/** The behaviour knobs of the supplier-portal simulator, changeable at run time through `POST /_sim/settings`. */

/** Scopes an API key can hold; the hub's key needs all of them. */
export const PORTAL_SCOPES = [
  'purchase_orders:write',
  'acknowledgements:read',
  'asns:read',
  'invoices:read',
] as const;

/** What the simulated supplier does with the purchase orders it receives, and how the portal answers. */
export interface SupplierPortalSimSettings {
  /** The one API key the portal accepts (`Authorization: Bearer <apiKey>`). */
  apiKey: string;
  /** The buyer account the key belongs to. */
  buyerCode: string;
  buyerName: string;
  /** Scopes granted to the key. */
  scopes: string[];
  /** How long after a PO arrives the supplier acknowledges it. */
  ackDelayMs: number;
  /** How long after the acknowledgement the accepted quantities ship (an ASN). */
  shipDelayMs: number;
  /** How long after the ASN the shipped quantities are invoiced. */
  invoiceDelayMs: number;
  /** SKUs or vendor parts the supplier rejects. */
  rejectSkus: string[];
  /** SKUs or vendor parts of which the supplier confirms (and ships) less. */
  changeQuantitySkus: string[];
  /** SKUs or vendor parts the supplier confirms at a higher price. */
  changePriceSkus: string[];
  /** SKUs or vendor parts the supplier promises later than requested. */
  delayDateSkus: string[];
  /** Probability (0–1) that any other line gets one of those four answers, from a seeded random source. */
  changeRate: number;
  seed: number;
  /** Share of the ordered quantity confirmed on a quantity change (rounded down, at least 1 less). */
  changeQuantityRatio: number;
  /** Price increase on a price change, in percent. */
  priceChangePercent: number;
  /** Days added to the requested date on a date change. */
  dateDelayDays: number;
  /** Requested date assumed when a PO line has none: order date plus this many days. */
  leadTimeDays: number;
  /** Units per carton when shipping whole quantities. */
  cartonSize: number;
  /** GS1 company prefix (7 digits) of the supplier's SSCC-18 labels. */
  gs1CompanyPrefix: string;
  /** Net days of the invoices. */
  paymentTermsDays: number;
  /** Largest page a list endpoint returns. */
  maxPageSize: number;
}

/** The defaults: a cooperative supplier that acknowledges within seconds and changes nothing. */
export const DEFAULT_SETTINGS: SupplierPortalSimSettings = {
  apiKey: 'sp_test_4f7c1e9a2b8d6035',
  buyerCode: 'ACME-US',
  buyerName: 'Acme Distribution US',
  scopes: [...PORTAL_SCOPES],
  ackDelayMs: 2_000,
  shipDelayMs: 5_000,
  invoiceDelayMs: 5_000,
  rejectSkus: [],
  changeQuantitySkus: [],
  changePriceSkus: [],
  delayDateSkus: [],
  changeRate: 0,
  seed: 1,
  changeQuantityRatio: 0.5,
  priceChangePercent: 5,
  dateDelayDays: 7,
  leadTimeDays: 14,
  cartonSize: 24,
  gs1CompanyPrefix: '0614141',
  paymentTermsDays: 30,
  maxPageSize: 100,
};
