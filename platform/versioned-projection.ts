/**
 * How a versioned view (an order's, a return's) is saved so its projection never goes back to an older version, on
 * MongoDB and on FerretDB v1 alike. FerretDB applies a version-guarded replace as read-modify-write without
 * isolation, so a guard alone lets a slow older save land after a newer one. Instead every save first inserts its
 * view into a version log under the unique `_id` `<id>:<version>` (an insert is atomic on both servers), then
 * brings the projection up to the highest version logged, and checks again after each write. Whoever writes last
 * also checks last, so the projection ends at the highest version saved; logged versions below it are pruned.
 * The log holds only `{ viewId, version }`: FerretDB v1 pushes down nothing but `_id` equality, so finding a view's
 * highest version reads the whole log, and that must not mean decoding every logged view. The views themselves sit
 * in a second collection under the same `_id`, read by `_id` only.
 */
import type { Collection, Filter, OptionalUnlessRequiredId } from 'mongodb';
import { HubError } from './errors';
import { isDuplicateKeyError } from './mongo';

/** What a save did: created the projection, moved it to a newer version, or found it at ours or newer already. */
export type SaveOutcome = 'inserted' | 'replaced' | 'stale';

/** A view with the version its writer gives it (higher is newer). */
export interface Versioned {
  version: number;
}

/** The projection document of one view: the view under its id. */
export type Projected<V extends Versioned> = V & { _id: string };

/** One logged version of a view, kept until the projection has caught up with it. */
export interface LoggedVersion {
  _id: string;
  viewId: string;
  version: number;
}

/** The view of a logged version, under the log entry's `_id`. */
export interface LoggedBody<V extends Versioned> {
  _id: string;
  view: V;
}

/** Where a projection lives and what to do when another view holds one of its unique keys. */
export interface VersionedProjectionOptions<V extends Versioned> {
  projection: Collection<Projected<V>>;
  log: Collection<LoggedVersion>;
  bodies: Collection<LoggedBody<V>>;
  idOf: (view: V) => string;
  /** Throws the error to report when the projection's insert or replace hit another view's unique key. */
  keyConflict: (view: V) => Promise<never>;
}

/** A writer that has not converged after this many rounds reports the contention instead of looping on. */
const MAX_ROUNDS = 20;

const logId = (viewId: string, version: number) => `${viewId}:${String(version).padStart(10, '0')}`;

/** The save operation over a projection and its version log. */
export function versionedProjection<V extends Versioned>(options: VersionedProjectionOptions<V>) {
  const { projection, log, bodies, idOf, keyConflict } = options;
  const byId = (id: string) => ({ _id: id }) as Filter<Projected<V>>;

  const highest = async (viewId: string): Promise<V | undefined> => {
    for (;;) {
      const [top] = await log.find({ viewId }).sort({ version: -1 }).limit(1).toArray();
      if (!top) return undefined;
      const body = await bodies.findOne({ _id: top._id });
      // Gone: a newer version was logged and this one pruned meanwhile; the newer one is the answer.
      if (body) return body.view;
    }
  };

  const prune = async (viewId: string, below: number): Promise<void> => {
    const lower = await log.find({ viewId, version: { $lt: below } }, { projection: { _id: 1 } }).toArray();
    for (const { _id } of lower) {
      // The entry first: `highest` must never find an entry whose body is gone.
      await log.deleteOne({ _id });
      await bodies.deleteOne({ _id });
    }
  };

  /** One round: writes the highest logged view over a lower projection ('current' when none is lower). */
  const catchUp = async (viewId: string): Promise<'inserted' | 'replaced' | 'raced' | 'current'> => {
    const target = await highest(viewId);
    if (!target) return 'current';
    const current = await projection.findOne(byId(viewId), { projection: { version: 1 } });
    if (current && current.version >= target.version) return 'current';
    const doc = { ...target, _id: viewId } as Projected<V>;
    if (!current) {
      try {
        await projection.insertOne(doc as OptionalUnlessRequiredId<Projected<V>>);
        return 'inserted';
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        if ((await projection.countDocuments(byId(viewId), { limit: 1 })) === 0) return keyConflict(target);
        return 'raced';
      }
    }
    try {
      await projection.replaceOne({ _id: viewId, version: current.version } as Filter<Projected<V>>, doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) return keyConflict(target);
      throw err;
    }
    return 'replaced';
  };

  return {
    ensureIndexes: () => log.createIndex({ viewId: 1, version: -1 }, { name: 'view_version' }),

    async save(view: V): Promise<SaveOutcome> {
      const viewId = idOf(view);
      const _id = logId(viewId, view.version);
      // The body before the entry, so every logged version has its view.
      for (const write of [
        () => bodies.insertOne({ _id, view }),
        () => log.insertOne({ _id, viewId, version: view.version }),
      ]) {
        try {
          await write();
        } catch (err) {
          // The same version saved before (a retried activity): the log already holds it.
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
      let outcome: SaveOutcome = 'stale';
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const step = await catchUp(viewId);
        if (step === 'current') {
          const top = await highest(viewId);
          if (top) await prune(viewId, top.version);
          return outcome;
        }
        if (step === 'inserted' || (step === 'replaced' && outcome === 'stale')) outcome = step;
      }
      throw new HubError('transient', `${viewId}: the projection kept changing while it was saved`);
    },
  };
}
