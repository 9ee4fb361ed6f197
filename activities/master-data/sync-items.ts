/**
 * syncItemPage: one page of the system of record's items (ErpPort.listItems), each validated against the canonical
 * schema and ingested through the master-data store (de-duplicated by version, system-of-record check, quarantine).
 * Every applied item gets an audit entry of its changed fields, old → new, naming the run. An item whose external
 * id is already linked keeps its canonical id.
 */
import type { Item } from '../../canonical-model/generated/index';
import type { ErpPort } from '../../connectors/sdk/ports/erp';
import type { MasterDataDocument } from '../../platform/master-data';
import { diffDocuments } from '../../platform/master-data-audit';
import type { MasterDataSyncDeps } from './deps';
import type { SyncPageArgs, SyncPageResult } from './types';

/** Items per page when the workflow does not say. */
const DEFAULT_PAGE = 100;

/** The syncItemPage activity. */
export function syncItemPage(deps: MasterDataSyncDeps) {
  return async (args: SyncPageArgs): Promise<SyncPageResult> => {
    const erp = await deps.runtime.instance<ErpPort>(args.connectorId, 'erp');
    const page = await erp.listItems({
      limit: args.limit ?? DEFAULT_PAGE,
      ...(args.cursor ? { cursor: args.cursor } : {}),
    });
    const result: SyncPageResult = { read: page.items.length, applied: 0, unchanged: 0, stale: 0, held: 0 };
    if (page.nextCursor) result.nextCursor = page.nextCursor;
    for (const item of page.items) {
      const document = await withCanonicalId(deps, item);
      const checked = deps.validator.validate('item', document);
      if (!checked.valid) {
        result.held += 1;
        await deps.quarantine.hold({
          legalEntityId: document.legalEntityId,
          objectType: 'item',
          connectorId: args.connectorId,
          document,
          reason: `not a valid canonical item: ${checked.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
          correlationId: args.runId,
        });
        continue;
      }
      const before = await deps.masterData.get('item', document.id);
      const outcome = await deps.masterData.ingest(document, { correlationId: args.runId });
      if (outcome.outcome === 'held') result.held += 1;
      else if (outcome.outcome === 'stale') result.stale += 1;
      else if (outcome.outcome !== 'applied') result.unchanged += 1;
      else {
        result.applied += 1;
        await deps.audit.record({
          runId: args.runId,
          objectType: 'item',
          canonicalId: document.id,
          legalEntityId: document.legalEntityId,
          connectorId: args.connectorId,
          fromRevision: before?.revision ?? 0,
          toRevision: outcome.record.revision,
          sourceVersion: outcome.record.sourceVersion,
          changes: diffDocuments(before?.document ?? {}, document),
        });
      }
    }
    return result;
  };
}

/** The item as a master-data document, under the canonical id its external id is linked to when it is. */
async function withCanonicalId(deps: MasterDataSyncDeps, item: Item): Promise<MasterDataDocument> {
  const linked = await deps.crossReferences.toCanonical({
    connectorId: item.source.connectorId,
    objectType: 'item',
    externalId: item.source.externalId,
  });
  return { ...(item as unknown as MasterDataDocument), id: linked ?? item.id };
}
