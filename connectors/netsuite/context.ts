/** What every NetSuite operation works with: the config, the signed transport, and the connector instance id. */
import type { NetSuiteConfig } from './config-schema';
import type { NetSuiteTransport } from './transport';

/** The shared state of one connector instance. */
export interface NetSuiteContext {
  config: NetSuiteConfig;
  transport: NetSuiteTransport;
  /** Written as `source.connectorId` on every canonical document read. */
  connectorId: string;
}
