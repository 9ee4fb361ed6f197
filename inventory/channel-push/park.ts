/** A figure a channel refused as bad data, parked in the dead-letter store with the key and the change. */
import type { DeadLetterStore } from '../../platform/dead-letters';
import type { HubError } from '../../platform/errors';
import { INVENTORY_FLOW } from '../parked';
import type { ChangeDocument } from './types';

/** The dead-letter step of a refused push. */
export const PUSH_STEP = 'push-availability';

/** The dead-letter "workflow" of a key: one open record per (connector, SKU, location). */
export function parkedWorkflowId(key: Pick<ChangeDocument, 'connectorId' | 'sku' | 'locationId'>): string {
  return `channel-push:${key.connectorId}:${key.sku}@${key.locationId}`;
}

/** Records the refusal of the change `key` (recording the same seq twice changes nothing). */
export async function recordRefusal(
  deadLetters: Pick<DeadLetterStore, 'record'>,
  key: ChangeDocument,
  setting: { sku: string; locationExternalId: string; available: string },
  error: HubError,
): Promise<void> {
  await deadLetters.record({
    flow: INVENTORY_FLOW,
    step: PUSH_STEP,
    connectorId: key.connectorId,
    businessKeys: { sku: key.sku, locationId: key.locationId },
    correlationId: `channel-push:${key.key}`,
    workflowId: parkedWorkflowId(key),
    runId: `seq:${key.seq}`,
    activityType: 'setInventory',
    payload: {
      change: {
        sku: key.sku,
        locationId: key.locationId,
        available: key.available,
        seq: key.seq,
        eventAt: key.eventAt.toISOString(),
      },
      setting,
    },
    error: {
      kind: error.kind,
      type: error.name,
      message: error.message,
      ...(error.upstream?.status === undefined ? {} : { upstreamStatus: error.upstream.status }),
      ...(error.upstream?.bodyExcerpt === undefined
        ? {}
        : { upstreamBodyExcerpt: error.upstream.bodyExcerpt }),
      ...(error.fieldErrors?.length ? { fieldErrors: error.fieldErrors } : {}),
    },
    attempts: 1,
    failureId: `seq:${key.seq}`,
  });
}
