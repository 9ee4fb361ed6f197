/**
 * The connector registry: an explicit list of every connector type the hub ships. Adding a connector means adding
 * its manifest here; nothing is discovered from the filesystem.
 */
import { businessCentralConnector } from './business-central';
import { ediSftpConnector } from './edi-sftp';
import { netsuiteConnector } from './netsuite';
import { shopifyConnector } from './shopify';
import { supplierPortalConnector } from './supplier-portal';
import type { ConnectorManifest } from './sdk/types';
import { wmsConnector } from './wms';

const CONNECTOR_TYPES: readonly ConnectorManifest[] = [
  netsuiteConnector,
  businessCentralConnector,
  wmsConnector,
  shopifyConnector,
  supplierPortalConnector,
  ediSftpConnector,
];

const byType = new Map(CONNECTOR_TYPES.map((m) => [m.type, m]));

/** Every registered connector type, in registration order. */
export function listConnectorTypes(): readonly ConnectorManifest[] {
  return CONNECTOR_TYPES;
}

/** The manifest of `type`, or undefined when no such connector type is registered. */
export function getConnectorType(type: string): ConnectorManifest | undefined {
  return byType.get(type);
}
