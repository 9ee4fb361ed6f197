import pino from 'pino';
import type { Logger, LevelWithSilent, DestinationStream } from 'pino';
import { currentLogContext } from './context';

/** Structured JSON logger of the hub; every line carries the current correlation id when there is one. */
export type HubLogger = Logger;

/**
 * Paths whose values are replaced before a line is written. Secrets must never be logged in the first place; this
 * is the second line of defence for what arrives in headers and connector configs.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.token',
  '*.privateKey',
  'config.*.password',
  'config.*.secret',
];

/** Creates the process logger; `destination` lets tests capture lines. */
export function createLogger(
  service: 'api' | 'worker' | 'cli' | 'test',
  level: LevelWithSilent,
  destination?: DestinationStream,
): HubLogger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '***' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentLogContext() }),
    },
    destination,
  );
}
