/** What the master-data sync activities reach the outside world through (built once by the worker). */
import type { CrossReferenceStore } from '../../canonical-model/cross-reference';
import type { CanonicalValidator } from '../../canonical-model/validate';
import type { HubLogger } from '../../monitoring/logger';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { MasterData } from '../../platform/master-data';
import type { MasterDataAudit } from '../../platform/master-data-audit';
import type { Ownership } from '../../platform/ownership';
import type { Quarantine } from '../../platform/quarantine';

/** The ports of the master-data sync activities. */
export interface MasterDataSyncDeps {
  runtime: ConnectorRuntime;
  ownership: Pick<Ownership, 'listRules'>;
  masterData: MasterData;
  audit: MasterDataAudit;
  quarantine: Pick<Quarantine, 'hold'>;
  crossReferences: Pick<CrossReferenceStore, 'toCanonical'>;
  validator: CanonicalValidator;
  logger: HubLogger;
}
