/**
 * Connector instances for the worker's activities: the stored config decrypted, built by its manifest, and write
 * contexts whose references resolve through the cross-reference store. A paused connector is a `config` error (a
 * person resumes it and replays the step); a connector of the wrong kind is a `config` error naming the kind.
 */
import type { CrossReferenceStore } from '../canonical-model/cross-reference';
import type { WriteContext } from '../connectors/sdk/ports/common';
import type { ConnectorKind } from '../connectors/sdk/types';
import type { HubLogger } from '../monitoring/logger';
import type { ConnectorStore, ConnectorTypeLookup } from './connector-store-types';
import { HubError } from './errors';

/** What the runtime needs. */
export interface ConnectorRuntimeDeps {
  connectors: Pick<ConnectorStore, 'getDecryptedConfig'>;
  registry: ConnectorTypeLookup;
  crossReferences: CrossReferenceStore;
  logger: HubLogger;
}

/** Builds connector instances and their write contexts. */
export interface ConnectorRuntime {
  /** The instance of a connector of the given kind (its port, e.g. ErpPort). */
  instance<T>(connectorId: string, kind: ConnectorKind): Promise<T>;
  /** A write context whose references resolve in this connector's system. */
  writeContext(connectorId: string, idempotencyKey: string): WriteContext;
  /** Links the record a write created to its canonical id (idempotent). */
  link(connectorId: string, objectType: string, externalId: string, canonicalId: string): Promise<void>;
}

/** The runtime over the connector store, the registry and the cross-reference store. */
export function createConnectorRuntime(deps: ConnectorRuntimeDeps): ConnectorRuntime {
  return {
    async instance<T>(connectorId: string, kind: ConnectorKind): Promise<T> {
      const connector = await deps.connectors.getDecryptedConfig(connectorId);
      if (connector.kind !== kind)
        throw new HubError(
          'config',
          `connector ${connectorId} is a ${connector.kind} connector, not ${kind}`,
        );
      if (connector.status === 'paused')
        throw new HubError('config', `connector ${connectorId} is paused; resume it and replay the step`);
      const manifest = deps.registry.getConnectorType(connector.type);
      if (!manifest) throw new HubError('config', `connector type ${connector.type} is not installed`);
      return manifest.create(connector.config, { logger: deps.logger, connectorId }) as T;
    },
    writeContext(connectorId: string, idempotencyKey: string): WriteContext {
      return {
        idempotencyKey,
        references: {
          externalId: (objectType, canonicalId) =>
            deps.crossReferences.toExternal(canonicalId, connectorId, objectType),
        },
      };
    },
    async link(connectorId, objectType, externalId, canonicalId) {
      await deps.crossReferences.link({ connectorId, objectType, externalId }, canonicalId);
    },
  };
}
