/**
 * Retrying a database write the server answered "busy" or lost: FerretDB's SQLite backend has one writer and
 * answers SQLITE_BUSY under concurrent writes. Every write of this module is safe to repeat (conditional on the
 * seq and the lease), so a few quick retries beat leaving a key leased until its lease runs out.
 */
import { classifyError } from '../../platform/errors';

const DELAYS_MS = [10, 25, 50, 100, 200, 400, 800];

/** Runs `write`, again after a short pause while it fails transiently; the last failure is thrown. */
export async function withDbRetry<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const delay = DELAYS_MS[attempt];
      if (delay === undefined || classifyError(err).kind !== 'transient') throw err;
      await new Promise((resolve) => setTimeout(resolve, delay + Math.floor(Math.random() * delay)));
    }
  }
}
