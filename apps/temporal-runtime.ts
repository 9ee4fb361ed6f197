import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/worker';
import type { HubLogger } from '../monitoring/logger';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/** Sends the Temporal SDK's own log lines (worker state, workflow logs) through the hub's JSON logger. */
export function installTemporalRuntime(logger: HubLogger): void {
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const level = (logger.level === 'silent' ? 'ERROR' : logger.level.toUpperCase()) as LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level in LEVELS ? level : 'INFO', (entry) => {
      sdkLogger[LEVELS[entry.level]]({ ...entry.meta }, entry.message);
    }),
  });
}
