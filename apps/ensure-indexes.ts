import type { HubLogger } from '../monitoring/logger';

/** Something that owns database indexes and can create them idempotently. */
export interface IndexOwner {
  ensureIndexes(): Promise<void>;
}

/**
 * Creates every store's indexes once the database answers, retrying every `retryMs` — start-up never waits for the
 * database, and a replica that starts first creates them for all (creating an existing index changes nothing).
 */
export function ensureIndexesInBackground(logger: HubLogger, owners: IndexOwner[], retryMs = 5_000): void {
  const attempt = async (): Promise<void> => {
    try {
      for (const owner of owners) await owner.ensureIndexes();
      logger.info('database indexes ensured');
    } catch (err) {
      logger.warn({ err }, 'could not ensure database indexes yet; retrying');
      setTimeout(() => void attempt(), retryMs).unref();
    }
  };
  void attempt();
}
