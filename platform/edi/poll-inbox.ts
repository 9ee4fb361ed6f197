/**
 * Takes the files waiting in an SFTP connector's inbound folder: each is claimed by an atomic rename (so several
 * workers can poll one folder), streamed through `receiveEdi`, answered with its acknowledgements written
 * atomically into the partner's outbound folder, and moved to the archive folder — or to the error folder when it
 * could not be processed (not X12, unknown partner, rejected, duplicate), where its record says why.
 */
import type { EdiSftpConnector, ClaimedFile } from '../../connectors/edi-sftp/index';
import { isEdiSftpConnector } from './edi-connectors';
import type { EdiDeps } from './deps';
import { receiveEdi } from './receive-edi';
import type { ReceiveResult } from './receive-edi';

/** What became of one file. */
export interface PolledFile {
  name: string;
  outcome: 'archived' | 'error-folder' | 'skipped';
  interchangeId?: string;
  status?: string;
  movedTo?: string;
  acknowledgementPath?: string;
  message?: string;
}

/** A claim older than this is taken over: its poller died mid-file. */
export const STALE_CLAIM_MS = 10 * 60_000;
/** Files taken in one poll; the rest wait for the next. */
export const FILES_PER_POLL = 100;

const FAILED = new Set(['unreadable', 'rejected', 'duplicate']);

/**
 * The acknowledgement file name: the partner sees which file and interchange it answers, and the hub's id of the
 * acknowledgement keeps it unique (a resent file with the same name and ISA13 gets a TA1 of its own).
 */
export function acknowledgementFileName(
  inboundName: string,
  controlNumber: string | undefined,
  acknowledgementId: string,
): string {
  const base = inboundName
    .replace(/\.[A-Za-z0-9]{1,4}$/, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 120);
  return `ack-${controlNumber ?? 'unreadable'}-${base}-${acknowledgementId.slice(-8)}.x12`;
}

async function finish(
  deps: EdiDeps,
  instance: EdiSftpConnector,
  file: ClaimedFile,
  result: ReceiveResult,
): Promise<PolledFile> {
  let acknowledgementPath: string | undefined;
  if (result.acknowledgement) {
    const name = acknowledgementFileName(
      file.name,
      result.interchange.controlNumber,
      result.acknowledgement.interchangeId,
    );
    acknowledgementPath = (await instance.upload(name, result.acknowledgement.content)).path;
    await deps.interchanges.update(result.acknowledgement.interchangeId, { status: 'sent', fileName: name });
  }
  const failed = FAILED.has(result.interchange.status);
  const moved = await instance.settle(file, failed ? 'error' : 'archive');
  return {
    name: file.name,
    outcome: failed ? 'error-folder' : 'archived',
    interchangeId: result.interchange._id,
    status: result.interchange.status,
    movedTo: moved.to,
    ...(acknowledgementPath ? { acknowledgementPath } : {}),
    ...(result.interchange.error ? { message: result.interchange.error.message } : {}),
  };
}

/** Polls one SFTP connector once; a file whose transport fails stays claimed and is taken over later. */
export async function pollInbox(
  deps: EdiDeps,
  connectorId: string,
  correlationId?: string,
): Promise<PolledFile[]> {
  const connector = await deps.connectors.getDecryptedConfig(connectorId);
  const manifest = deps.registry.getConnectorType(connector.type);
  const instance = manifest?.create(connector.config, { logger: deps.logger, connectorId });
  if (!isEdiSftpConnector(instance)) return [];
  const waiting = [
    ...(await instance.staleClaims(STALE_CLAIM_MS)),
    ...(await instance.listInbound()).map((f) => ({ name: f.name, claimedName: '' })),
  ].slice(0, FILES_PER_POLL);
  const results: PolledFile[] = [];
  for (const entry of waiting) {
    if (entry.claimedName) {
      // A poller died after claiming this file; if it got as far as recording the interchange, only the move is
      // left (receiving it again would wrongly answer a duplicate).
      const [earlier] = await deps.interchanges.list({
        connectorId,
        direction: 'inbound',
        fileName: entry.name,
        limit: 1,
      });
      if (earlier && earlier.status !== 'receiving') {
        const moved = await instance.settle(entry, FAILED.has(earlier.status) ? 'error' : 'archive');
        results.push({
          name: entry.name,
          outcome: moved.folder === 'error' ? 'error-folder' : 'archived',
          interchangeId: earlier._id,
          status: earlier.status,
          movedTo: moved.to,
        });
        continue;
      }
    }
    const file = entry.claimedName ? entry : await instance.claim(entry.name);
    if (!file) {
      results.push({ name: entry.name, outcome: 'skipped', message: 'taken by another poller' });
      continue;
    }
    const result = await instance.readClaimed(file, (body) =>
      receiveEdi(deps, {
        connectorId,
        transport: 'sftp',
        fileName: file.name,
        body,
        ...(correlationId ? { correlationId } : {}),
      }),
    );
    results.push(await finish(deps, instance, file, result));
  }
  return results;
}
