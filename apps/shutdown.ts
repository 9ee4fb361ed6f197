import type { HubLogger } from '../monitoring/logger';

/** Runs `steps` in order once on SIGINT/SIGTERM, logging each failure, then exits; a second signal exits at once. */
export function onShutdown(logger: HubLogger, steps: [string, () => Promise<unknown>][]): void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) process.exit(130);
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    void (async () => {
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (err) {
          logger.error({ err, step: name }, 'shutdown step failed');
        }
      }
      logger.info('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Prints a start-up failure plainly (config errors are for people, not log parsers) and exits with code 2. */
export function exitOnStartupError(err: unknown): never {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
