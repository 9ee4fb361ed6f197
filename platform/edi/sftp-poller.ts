/**
 * The worker's SFTP poller: every few seconds it looks for active `edi-x12-sftp` connectors with at least one
 * trading partner whose poll is due (each connector's `pollIntervalSeconds`) and takes their waiting files. Every
 * file is claimed by an atomic rename before it is read, so any number of workers can run this side by side.
 * A poll that fails (server down, bad key) is logged and retried at the next interval; it never stops the others.
 */
import type { EdiDeps } from './deps';
import { pollInbox } from './poll-inbox';

/** The SFTP connector type the poller serves. */
export const SFTP_CONNECTOR_TYPE = 'edi-x12-sftp';
const DEFAULT_INTERVAL_S = 60;

/** A running poller. */
export interface SftpPoller {
  /** Waits for the poll in progress, then stops. */
  stop(): Promise<void>;
}

/** Starts polling; `tickMs` is how often due connectors are looked for. */
export function startSftpPoller(deps: EdiDeps, tickMs = 5_000): SftpPoller {
  const lastPoll = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const page = await deps.connectors.list({ type: SFTP_CONNECTOR_TYPE, status: 'active', limit: 200 });
    for (const connector of page.items) {
      if (stopped) return;
      const interval = Number(connector.config.pollIntervalSeconds ?? DEFAULT_INTERVAL_S) * 1000;
      if (Date.now() - (lastPoll.get(connector.id) ?? 0) < interval) continue;
      lastPoll.set(connector.id, Date.now());
      if (!(await deps.partners.list({ connectorId: connector.id })).length) continue;
      try {
        const files = await pollInbox(deps, connector.id);
        if (files.length) deps.logger.info({ connectorId: connector.id, files }, 'EDI inbox polled');
      } catch (err) {
        deps.logger.warn(
          { err, connectorId: connector.id },
          'EDI inbox poll failed; retried at the next interval',
        );
      }
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch((err: unknown) => deps.logger.warn({ err }, 'EDI poller tick failed'));
  }, tickMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
