/** Behaviour knobs of the Business Central simulator, changeable through `POST /_sim/settings`. */
export interface BcSimSettings {
  tenantId: string;
  environment: string;
  /** The GUID of the one company the simulator holds. */
  companyId: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime the token endpoint announces (`expires_in`) and enforces. */
  tokenTtlSeconds: number;
  /** Tokens minted under an older generation answer 401; bump it to make every held token stale. */
  tokenGeneration: number;
  /** Server-driven page size: collections longer than this carry `@odata.nextLink`. */
  pageSize: number;
  /** The next N PATCHes of an order change it "concurrently" first, so their If-Match is stale (412). */
  concurrentEditsOnPatch: number;
  /** Pay every purchase invoice in full as soon as it is posted (a vendor payment applied to it). */
  autoPayBills: boolean;
  /** `{publisher}/{group}/{version}` the item journal API page (the tenant's extension) is published at. */
  itemJournalApi: string;
}

/** The settings a fresh simulator starts with. */
export const DEFAULT_BC_SIM_SETTINGS: Readonly<BcSimSettings> = Object.freeze({
  tenantId: 'contoso-tenant',
  environment: 'production',
  companyId: '2f1c4a8e-6b0d-4e57-9a63-0c5d7b1e9f01',
  clientId: '0c7e5a1d-3b2f-4d68-9e41-7a5c2b8d6f10',
  clientSecret: 'bc-sim-secret',
  tokenTtlSeconds: 3599,
  tokenGeneration: 1,
  pageSize: 1000,
  concurrentEditsOnPatch: 0,
  autoPayBills: false,
  itemJournalApi: 'hub/inventory/v1.0',
});
