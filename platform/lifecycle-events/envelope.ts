/** What every lifecycle event of a flow shares: the envelope, the ids and the correlation. */
import type { LifecycleEvent } from '../../canonical-model/generated/index';
import { isUnitCode } from '../../canonical-model/uom';
import type { UnitCode } from '../../canonical-model/uom';
import { lifecycleEventId } from './event-id';

/** The fields a flow's events differ in; the envelope is filled in by `lifecycleEvent`. */
export type LifecycleEventBody = Omit<
  LifecycleEvent,
  | 'schemaVersion'
  | 'documentType'
  | 'id'
  | 'source'
  | 'legalEntityId'
  | 'flow'
  | 'workflowId'
  | 'correlationId'
>;

/** The document an event is about, and the context the step ran in. */
export interface LifecycleSubject {
  documentId: string;
  legalEntityId: string;
  flow: LifecycleEvent['flow'];
  workflowId: string;
  correlationId: string;
}

/** A complete event: the envelope (source: the hub's workflow) and the stable id around `body`. */
export function lifecycleEvent(subject: LifecycleSubject, body: LifecycleEventBody): LifecycleEvent {
  return {
    schemaVersion: '1',
    documentType: 'lifecycle-event',
    id: lifecycleEventId(subject.documentId, body.eventType, body.stageInstance),
    legalEntityId: subject.legalEntityId,
    source: { connectorId: 'hub', system: 'hub', externalId: subject.workflowId },
    flow: subject.flow,
    workflowId: subject.workflowId,
    correlationId: subject.correlationId,
    ...body,
  };
}

/** The time of the first timeline entry `match` finds, else `fallback` (the view's own time). */
export function timeOf<E extends { at: string }>(
  timeline: readonly E[],
  match: (entry: E) => boolean,
  fallback: string,
): string {
  return timeline.find(match)?.at ?? fallback;
}

/** `{ uom }` when `value` is a unit the canonical model knows (a view's unit is plain text), else nothing. */
export function unitOf(value: string | undefined): { uom?: UnitCode } {
  return isUnitCode(value) ? { uom: value } : {};
}
