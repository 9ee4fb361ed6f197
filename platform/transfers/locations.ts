/**
 * Which hub locations a transfer can move between: a location is known when a registered WMS connector of the
 * legal entity maps one of its warehouses to it (`warehouses[].locationId` of the ShipHero config); its name and
 * address come from the location's master data when the hub holds it.
 */
import type { Address } from '../../canonical-model/generated/index';
import type { TransferEndpoint } from '../../workflows/transfer-order/types';

/** Resolves a location of a legal entity to the warehouse a transfer ships from or to. */
export interface TransferLocations {
  resolve(legalEntityId: string, locationId: string): Promise<TransferEndpoint | undefined>;
}

/** A WMS connector as the resolver reads it. */
export interface WmsConnectorConfig {
  id: string;
  config: { legalEntityId?: unknown; warehouses?: unknown };
}

/** What the resolver reads. */
export interface TransferLocationSources {
  /** The registered WMS connectors (their configs, secrets not needed). */
  wmsConnectors(): Promise<WmsConnectorConfig[]>;
  /** The location's master data, when the hub holds it. */
  location?(locationId: string): Promise<{ name?: string; address?: Address } | undefined>;
}

/** Builds the resolver over the connector configs and master data. */
export function createTransferLocations(sources: TransferLocationSources): TransferLocations {
  return {
    async resolve(legalEntityId, locationId) {
      for (const connector of await sources.wmsConnectors()) {
        if (connector.config.legalEntityId !== legalEntityId) continue;
        const warehouses = Array.isArray(connector.config.warehouses) ? connector.config.warehouses : [];
        const mapped = warehouses.some(
          (w) =>
            typeof w === 'object' && w !== null && (w as { locationId?: unknown }).locationId === locationId,
        );
        if (!mapped) continue;
        const master = await sources.location?.(locationId);
        return {
          locationId,
          wmsConnectorId: connector.id,
          name: master?.name ?? locationId,
          ...(master?.address ? { address: master.address } : {}),
        };
      }
      return undefined;
    },
  };
}
