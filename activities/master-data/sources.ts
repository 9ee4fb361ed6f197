/** masterDataSources: the item system of record per legal entity, from the ownership rules. */
import type { MasterDataSyncDeps } from './deps';
import type { SyncSource } from './types';

/** The masterDataSources activity; a named legal entity without an item owner is logged and skipped. */
export function masterDataSources(deps: MasterDataSyncDeps) {
  return async ({ legalEntityIds }: { legalEntityIds?: string[] }): Promise<SyncSource[]> => {
    const rules = (await deps.ownership.listRules()).filter((r) => r.objectType === 'item');
    const wanted = legalEntityIds ?? [...new Set(rules.map((r) => r.legalEntityId))];
    const sources: SyncSource[] = [];
    for (const legalEntityId of wanted) {
      const rule = rules.find((r) => r.legalEntityId === legalEntityId);
      if (!rule) {
        deps.logger.warn({ legalEntityId }, 'no system of record for items: nothing to sync');
        continue;
      }
      sources.push({ legalEntityId, objectType: 'item', connectorId: rule.ownerConnectorId });
    }
    return sources;
  };
}
