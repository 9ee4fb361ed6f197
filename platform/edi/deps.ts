/** What the EDI edge (HTTP receipt, SFTP polling, outbound sending) needs, built once by the composition root. */
import type { CanonicalValidator } from '../../canonical-model/validate';
import type { HubLogger } from '../../monitoring/logger';
import type { HubMetrics } from '../../monitoring/metrics';
import type { ConnectorStore, ConnectorTypeLookup } from '../connector-store-types';
import type { EventProducer } from '../kafka';
import type { AckTracking } from './ack-tracking';
import type { ControlNumbers } from './control-numbers';
import type { InterchangeStore } from './interchange-store';
import type { PartnerStore } from './partner-store';
import type { RawStore } from './raw-store';
import type { SetStore } from './set-store';
import { createAckTracking } from './ack-tracking';
import { createControlNumbers } from './control-numbers';
import { createInterchangeStore } from './interchange-store';
import { createPartnerStore } from './partner-store';
import { createRawStore } from './raw-store';
import { createSetStore } from './set-store';
import type { Db } from 'mongodb';

/** The EDI stores. */
export interface EdiStores {
  partners: PartnerStore;
  interchanges: InterchangeStore;
  sets: SetStore;
  raw: RawStore;
  controlNumbers: ControlNumbers;
  acks: AckTracking;
}

/** Everything the EDI edge uses. */
export interface EdiDeps extends EdiStores {
  connectors: ConnectorStore;
  registry: ConnectorTypeLookup;
  producer: Pick<EventProducer, 'send'>;
  validator: CanonicalValidator;
  logger: HubLogger;
  metrics: Pick<HubMetrics, 'ediInterchanges' | 'ediTransactionSets' | 'ediBytes'>;
  /** The clock (tests move it to make acknowledgements overdue). */
  now?: () => Date;
}

/** Builds every EDI store over `db`. */
export function createEdiStores(db: Db): EdiStores {
  return {
    partners: createPartnerStore(db),
    interchanges: createInterchangeStore(db),
    sets: createSetStore(db),
    raw: createRawStore(db),
    controlNumbers: createControlNumbers(db),
    acks: createAckTracking(db),
  };
}

/** Creates the indexes of every EDI store, one at a time (FerretDB v1 drops the connection on bulk creates). */
export async function ensureEdiIndexes(stores: EdiStores): Promise<void> {
  await stores.partners.ensureIndexes();
  await stores.interchanges.ensureIndexes();
  await stores.sets.ensureIndexes();
  await stores.controlNumbers.ensureIndexes();
  await stores.acks.ensureIndexes();
}
