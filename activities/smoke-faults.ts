import type { Db } from 'mongodb';
import { HubError } from '../platform/errors';
import type { HubErrorOptions } from '../platform/errors';

/**
 * Fault injection for the smoke path, so tests can drive the reliability machinery through real servers: a document
 * `{ _id: runId, step, kind }` here makes that step of that run throw a HubError of that kind; deleting it "fixes"
 * the cause. Kept out of platform/collections.ts because it is a test hook of the smoke path only.
 */
export const SMOKE_FAULTS_COLLECTION = 'smoke_faults';

/** The smoke steps a fault can target. */
export type SmokeStep = 'recordSmokeRun' | 'publishSmokeEvent';

/** An injected fault. */
export interface SmokeFault {
  _id: string;
  step: SmokeStep;
  kind: 'data' | 'transient' | 'config';
}

/** What each injected kind looks like, as a connector would report it. */
const AS_REPORTED: Record<SmokeFault['kind'], HubErrorOptions> = {
  data: {
    upstream: { status: 422, bodyExcerpt: '{"error":"injected data fault"}' },
    fieldErrors: [{ path: '/note', message: 'rejected by an injected data fault' }],
  },
  transient: { upstream: { status: 503, bodyExcerpt: 'injected transient fault' } },
  config: { upstream: { status: 401, bodyExcerpt: 'injected config fault' } },
};

/** Throws the fault injected for `step` of run `runId`, if there is one. */
export async function throwInjectedFault(db: Db, runId: string, step: SmokeStep): Promise<void> {
  const fault = await db.collection<SmokeFault>(SMOKE_FAULTS_COLLECTION).findOne({ _id: runId, step });
  if (fault) {
    throw new HubError(fault.kind, `injected ${fault.kind} fault in ${step}`, AS_REPORTED[fault.kind] ?? {});
  }
}
