/**
 * Reconciliation runs and discrepancies over MongoDB / FerretDB v1 (no transactions): one run record per run,
 * one discrepancy record per legal entity × location × SKU that lives open → exception → resolved and can open
 * again. Recording a run is idempotent by run id: a retried activity finds its run and changes nothing.
 */
import type { Collection, Db, Filter } from 'mongodb';
import { HubError } from '../errors';
import { isDuplicateKeyError } from '../mongo';
import type {
  DiscrepancyCause,
  DiscrepancyHistoryEntry,
  DiscrepancyRecord,
  DiscrepancyStatus,
  Finding,
  GracePeriod,
  ReconciliationRunRecord,
} from './reconcile-types';

/** The collections of this store (kept here: platform/collections.ts is another module's). */
export const RECONCILIATION_COLLECTIONS = {
  runs: 'inventory_reconciliations',
  discrepancies: 'inventory_discrepancies',
} as const;

/** A discrepancy keeps its latest history entries only. */
const HISTORY_LIMIT = 50;

/** What one run found, to record. */
export interface RunInput {
  runId: string;
  legalEntityId: string;
  startedAt: Date;
  compared: number;
  findings: Finding[];
  unmappedLocations: string[];
  grace: GracePeriod;
  /** Only discrepancies of these SKUs can be resolved by this run (it compared no others); all when absent. */
  skus?: string[];
}

/** One page of discrepancies. */
export interface DiscrepancyPage {
  items: DiscrepancyRecord[];
  nextCursor?: string;
}

/** Open discrepancies per legal entity and cause (the gauge's numbers). */
export interface OpenDiscrepancyCount {
  legalEntityId: string;
  cause: DiscrepancyCause;
  count: number;
}

/** The store. */
export interface ReconciliationStore {
  ensureIndexes(): Promise<void>;
  /** Applies a run's findings and stores the run; the run's record (the first one when retried). */
  recordRun(input: RunInput): Promise<ReconciliationRunRecord>;
  /** Discrepancies of a legal entity, by status (default: open and exception), by id, a page at a time. */
  listDiscrepancies(query: {
    legalEntityId: string;
    status?: DiscrepancyStatus[];
    limit?: number;
    cursor?: string;
  }): Promise<DiscrepancyPage>;
  /** One discrepancy by id (`<legalEntity>|<location>|<sku>`), or undefined. */
  getDiscrepancy(id: string): Promise<DiscrepancyRecord | undefined>;
  /** The latest runs of a legal entity, newest first. */
  listRuns(legalEntityId: string, limit?: number): Promise<ReconciliationRunRecord[]>;
  /** Open and exception discrepancies counted per legal entity and cause. */
  openCounts(): Promise<OpenDiscrepancyCount[]>;
}

/** The id of the discrepancy of one key. */
export function discrepancyId(legalEntityId: string, locationId: string, sku: string): string {
  return `${legalEntityId}|${locationId}|${sku}`;
}

const ACTIVE: DiscrepancyStatus[] = ['open', 'exception'];

/** True when a discrepancy seen again now has outlasted the grace period. */
function persistent(current: DiscrepancyRecord, now: Date, grace: GracePeriod): boolean {
  if (grace.runs !== undefined && current.runsSeen >= grace.runs) return true;
  if (grace.minutes !== undefined && now.getTime() - current.firstSeenAt.getTime() >= grace.minutes * 60_000)
    return true;
  return false;
}

function requireGrace(grace: GracePeriod): void {
  for (const [field, value] of Object.entries(grace)) {
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0)))
      throw new HubError('data', `/grace/${field} must be a number ≥ 0`, {
        fieldErrors: [{ path: `/grace/${field}`, message: 'must be a number ≥ 0' }],
      });
  }
  if (grace.runs === undefined && grace.minutes === undefined)
    throw new HubError('data', '/grace needs runs or minutes', {
      fieldErrors: [{ path: '/grace', message: 'needs runs or minutes' }],
    });
}

/** Builds the store over its two collections of `db`. */
export function createReconciliationStore(db: Db): ReconciliationStore {
  const runs: Collection<ReconciliationRunRecord> = db.collection(RECONCILIATION_COLLECTIONS.runs);
  const discrepancies: Collection<DiscrepancyRecord> = db.collection(
    RECONCILIATION_COLLECTIONS.discrepancies,
  );

  const withHistory = (record: DiscrepancyRecord, entry: DiscrepancyHistoryEntry) =>
    [...record.history, entry].slice(-HISTORY_LIMIT);

  return {
    async ensureIndexes() {
      await discrepancies.createIndex({ legalEntityId: 1, status: 1 }, { name: 'entity_status' });
      await runs.createIndex({ legalEntityId: 1, startedAt: -1 }, { name: 'entity_started' });
    },

    async recordRun(input) {
      requireGrace(input.grace);
      const earlier = await runs.findOne({ _id: input.runId });
      if (earlier) return earlier;
      const now = new Date();
      const counts = { opened: 0, resolved: 0, exceptionsOpened: 0, exceptionsClosed: 0 };
      const byCause: Partial<Record<DiscrepancyCause, number>> = {};
      const known = new Map(
        (await discrepancies.find({ legalEntityId: input.legalEntityId }).toArray()).map((d) => [d._id, d]),
      );
      const seen = new Set<string>();
      for (const finding of input.findings) {
        const _id = discrepancyId(input.legalEntityId, finding.locationId, finding.sku);
        seen.add(_id);
        byCause[finding.cause] = (byCause[finding.cause] ?? 0) + 1;
        const current = known.get(_id);
        if (current?.lastRunId === input.runId) continue;
        const entry = (event: DiscrepancyHistoryEntry['event']): DiscrepancyHistoryEntry => ({
          at: now,
          runId: input.runId,
          event,
          cause: finding.cause,
          values: finding.values,
        });
        let next: DiscrepancyRecord;
        if (!current || current.status === 'resolved') {
          counts.opened += 1;
          next = {
            _id,
            legalEntityId: input.legalEntityId,
            sku: finding.sku,
            locationId: finding.locationId,
            status: 'open',
            cause: finding.cause,
            explanation: finding.explanation,
            values: finding.values,
            firstSeenAt: now,
            lastSeenAt: now,
            runsSeen: 1,
            lastRunId: input.runId,
            history: current ? withHistory(current, entry('reopened')) : [entry('opened')],
          };
        } else {
          const escalate = current.status === 'open' && persistent(current, now, input.grace);
          if (escalate) counts.exceptionsOpened += 1;
          const rest = { ...current };
          delete rest.resolvedAt;
          delete rest.exceptionClosedAt;
          next = {
            ...rest,
            status: escalate ? 'exception' : current.status,
            cause: finding.cause,
            explanation: finding.explanation,
            values: finding.values,
            lastSeenAt: now,
            runsSeen: current.runsSeen + 1,
            lastRunId: input.runId,
            ...(escalate ? { exceptionOpenedAt: now } : {}),
            history: withHistory(current, entry(escalate ? 'exception-opened' : 'seen')),
          };
        }
        await discrepancies.replaceOne({ _id }, next, { upsert: true });
      }
      const inScope = (d: DiscrepancyRecord) => !input.skus || input.skus.includes(d.sku);
      for (const d of known.values()) {
        if (seen.has(d._id) || !ACTIVE.includes(d.status) || !inScope(d) || d.lastRunId === input.runId)
          continue;
        counts.resolved += 1;
        if (d.status === 'exception') counts.exceptionsClosed += 1;
        const resolved: DiscrepancyRecord = {
          ...d,
          status: 'resolved',
          resolvedAt: now,
          ...(d.status === 'exception' ? { exceptionClosedAt: now } : {}),
          lastRunId: input.runId,
          history: withHistory(d, {
            at: now,
            runId: input.runId,
            event: 'resolved',
            cause: d.cause,
            values: {},
          }),
        };
        await discrepancies.replaceOne({ _id: d._id }, resolved);
      }
      const finishedAt = new Date();
      const run: ReconciliationRunRecord = {
        _id: input.runId,
        legalEntityId: input.legalEntityId,
        startedAt: input.startedAt,
        finishedAt,
        durationMs: finishedAt.getTime() - input.startedAt.getTime(),
        compared: input.compared,
        agreeing: input.compared - input.findings.length,
        discrepancies: input.findings.length,
        byCause,
        ...counts,
        unmappedLocations: input.unmappedLocations,
      };
      try {
        await runs.insertOne(run);
      } catch (err) {
        // A concurrent retry stored it first; its record is the run's.
        if (!isDuplicateKeyError(err)) throw err;
        return (await runs.findOne({ _id: input.runId })) ?? run;
      }
      return run;
    },

    async listDiscrepancies({ legalEntityId, status = ACTIVE, limit = 100, cursor }) {
      const size = Math.min(Math.max(Math.trunc(limit), 1), 500);
      const filter: Filter<DiscrepancyRecord> = { legalEntityId, status: { $in: status } };
      if (cursor !== undefined) filter._id = { $gt: cursor };
      const items = await discrepancies
        .find(filter)
        .sort({ _id: 1 })
        .limit(size + 1)
        .toArray();
      const page = items.slice(0, size);
      const last = page[page.length - 1];
      return items.length > size && last ? { items: page, nextCursor: last._id } : { items: page };
    },

    async getDiscrepancy(id) {
      return (await discrepancies.findOne({ _id: id })) ?? undefined;
    },

    listRuns: (legalEntityId, limit = 20) =>
      runs.find({ legalEntityId }).sort({ startedAt: -1 }).limit(limit).toArray(),

    async openCounts() {
      const active = await discrepancies
        .find({ status: { $in: ACTIVE } }, { projection: { legalEntityId: 1, cause: 1 } })
        .toArray();
      const counts = new Map<string, OpenDiscrepancyCount>();
      for (const d of active) {
        const k = `${d.legalEntityId}|${d.cause}`;
        const c = counts.get(k) ?? { legalEntityId: d.legalEntityId, cause: d.cause, count: 0 };
        c.count += 1;
        counts.set(k, c);
      }
      return [...counts.values()];
    },
  };
}
