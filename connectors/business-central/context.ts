import type { BusinessCentralConfig } from './config-schema';
import type { BcTransport } from './transport';

/** What every operation of one connector instance shares. */
export interface BcContext {
  transport: BcTransport;
  config: BusinessCentralConfig;
  /** Written as source.connectorId on the canonical documents read. */
  connectorId: string;
}
