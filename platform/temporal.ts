import { Client, Connection } from '@temporalio/client';
import type { HubConfig } from './config';

/** A Temporal client plus its connection (for health checks and closing). */
export interface TemporalHandle {
  client: Client;
  connection: Connection;
}

/**
 * A client whose connection is opened on first use, so the API can start (and report "not ready") while Temporal
 * is down, and recovers by itself when it comes back.
 */
export function createTemporalClient(temporal: HubConfig['temporal']): TemporalHandle {
  const connection = Connection.lazy({ address: temporal.address });
  const client = new Client({ connection, namespace: temporal.namespace });
  return { client, connection };
}

/** Rejects unless the Temporal frontend reports SERVING within `timeoutMs`. */
export async function pingTemporal(connection: Connection, timeoutMs = 2_000): Promise<void> {
  const response = await connection.withDeadline(Date.now() + timeoutMs, () =>
    connection.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' }),
  );
  // 1 = SERVING in grpc.health.v1.HealthCheckResponse.ServingStatus
  if (Number(response.status) !== 1) throw new Error(`Temporal health status ${String(response.status)}`);
}
