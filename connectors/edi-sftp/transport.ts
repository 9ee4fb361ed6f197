/**
 * The SSH/SFTP transport of the EDI connector: one authenticated SFTP session per operation, strict host-key
 * pinning, bounded connect time, keepalives, cancellation, and the one place where ssh2 and SFTP failures become
 * HubError kinds (credentials, host keys, permissions and missing directories are 'config'; network is 'transient').
 * Nothing here puts the private key, its passphrase or file contents into a message or a log line.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import ssh2 from 'ssh2';
import type { Algorithms, ClientErrorExtensions, FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import { HubError, classifyError, isHubError } from '../../platform/errors';
import type { HubErrorKind } from '../../platform/errors';
import type { HubLogger } from '../../monitoring/logger';
import type { EdiSftpConfig } from './config-schema';

const { Client } = ssh2;

/** Dead peers are noticed after about KEEPALIVE_INTERVAL_MS × KEEPALIVE_COUNT_MAX. */
const KEEPALIVE_INTERVAL_MS = 10_000;
const KEEPALIVE_COUNT_MAX = 3;

/** SFTP status codes (draft-ietf-secsh-filexfer-02) that decide an error's kind. */
const SFTP_STATUS = {
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  BAD_MESSAGE: 5,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;

/** The pinned identity of the server: its whole public key, or the SHA256 fingerprint of it. */
export type PinnedHostKey =
  | { form: 'key'; algorithm: string; blob: Buffer; fingerprint: string }
  | { form: 'fingerprint'; fingerprint: string };

/** OpenSSH's fingerprint of a public key blob: "SHA256:" and unpadded base64 of its SHA-256. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Parses the config's hostKey ("ssh-ed25519 AAAA… [comment]" or "SHA256:…"); throws HubError 'config'. */
export function parseHostKey(hostKey: string): PinnedHostKey {
  const text = hostKey.trim();
  if (text.startsWith('SHA256:')) return { form: 'fingerprint', fingerprint: text.replace(/=+$/, '') };
  const [algorithm, base64] = text.split(/\s+/);
  const blob = Buffer.from(base64 ?? '', 'base64');
  // The blob starts with its own algorithm name; a mismatch means a pasted key of another type or a typo.
  const named = blob.length > 4 ? blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1') : '';
  if (!algorithm || named !== algorithm) {
    throw new HubError(
      'config',
      'hostKey is not a valid public key ("ssh-ed25519 AAAA…") or "SHA256:…" fingerprint',
      {
        fieldErrors: [{ path: '/hostKey', message: 'is not a valid public key or SHA256 fingerprint' }],
      },
    );
  }
  return { form: 'key', algorithm, blob, fingerprint: fingerprintOf(blob) };
}

/** Host key algorithms to negotiate so a server holding several keys presents the pinned one. */
function hostKeyAlgorithms(pinned: PinnedHostKey): Algorithms['serverHostKey'] {
  if (pinned.form !== 'key') return undefined;
  if (pinned.algorithm === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [pinned.algorithm as 'ssh-ed25519'];
}

/** One entry of a directory listing. */
export interface RemoteEntry {
  name: string;
  size: number;
  modifiedAt: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** What a missing path means for the operation: a missing directory is setup ('config'), a missing file is 'data'. */
type Missing = 'directory' | 'file';

/** An open, host-verified and authenticated SFTP session; every method maps failures to HubError. */
export interface SftpConnection {
  /** Fingerprint of the server's (verified) host key. */
  readonly hostKeyFingerprint: string;
  list(dir: string): Promise<RemoteEntry[]>;
  stat(file: string, missing: Missing): Promise<Stats>;
  /** Like stat, but undefined when the path does not exist. */
  statIfExists(file: string): Promise<Stats | undefined>;
  readFile(file: string): Promise<Buffer>;
  /** Streams a file (large interchanges are never held in memory); errors arrive on the stream as HubErrors. */
  readStream(file: string): Readable;
  /** Creates or truncates `file`; a missing parent directory is a 'config' error. */
  writeFile(file: string, data: Buffer): Promise<void>;
  /** Plain SFTP rename: fails when `to` exists (OpenSSH answers FAILURE), so nothing is silently overwritten. */
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  rmdir(dir: string): Promise<void>;
  chmod(file: string, mode: number): Promise<void>;
  setModifiedAt(file: string, at: Date): Promise<void>;
  close(): void;
}

/** Options of a connection: cancellation and where debug lines go. */
export interface ConnectOptions {
  signal?: AbortSignal;
  logger?: HubLogger;
}

const endpointOf = (config: Pick<EdiSftpConfig, 'host' | 'port'>) => `${config.host}:${config.port}`;

/** Opens an SFTP session; rejects with HubError ('config' for keys and credentials, 'transient' for the network). */
export async function connectSftp(
  config: EdiSftpConfig,
  options: ConnectOptions = {},
): Promise<SftpConnection> {
  const { signal, logger } = options;
  const endpoint = endpointOf(config);
  const pinned = parseHostKey(config.hostKey);
  const pinnedAlgorithm = pinned.form === 'key' ? pinned.algorithm : undefined;
  const client = new Client();
  let presented: string | undefined;
  let hostKeyRejected = false;
  // A permanent listener: ssh2 may emit late errors (e.g. a reset after close) that must not crash the process.
  client.on('error', (err) => logger?.debug({ endpoint, err: err.message }, 'sftp connection error'));

  return new Promise<SftpConnection>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (err: HubError) =>
      settle(() => {
        client.destroy();
        reject(err);
      });
    const onAbort = () => fail(aborted(`connecting to ${endpoint}`, signal));
    // ssh2's readyTimeout ends at authentication; this one also covers opening the SFTP subsystem.
    const deadline = setTimeout(
      () =>
        fail(
          new HubError(
            'transient',
            `${endpoint} did not open an SFTP session within ${config.connectTimeoutMs} ms`,
          ),
        ),
      config.connectTimeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    client.once('error', (err) =>
      fail(connectionError(err, { endpoint, config, hostKeyRejected, presented, pinnedAlgorithm })),
    );
    client.once('close', () =>
      fail(
        new HubError('transient', `the connection to ${endpoint} closed before the SFTP session was ready`),
      ),
    );
    client.once('ready', () => {
      client.sftp((err, sftp) => {
        if (err)
          return fail(
            connectionError(err, { endpoint, config, hostKeyRejected, presented, pinnedAlgorithm }),
          );
        settle(() => {
          logger?.debug({ endpoint, hostKey: presented }, 'sftp session open');
          resolve(wrapSession(client, sftp, endpoint, presented ?? pinned.fingerprint));
        });
      });
    });

    try {
      client.connect({
        host: config.host,
        port: config.port,
        username: config.username,
        privateKey: config.privateKey,
        passphrase: config.passphrase,
        readyTimeout: config.connectTimeoutMs,
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        algorithms: { serverHostKey: hostKeyAlgorithms(pinned) },
        hostVerifier: (key: Buffer) => {
          presented = fingerprintOf(key);
          const accepted = pinned.form === 'key' ? key.equals(pinned.blob) : presented === pinned.fingerprint;
          hostKeyRejected = !accepted;
          return accepted;
        },
      });
    } catch (err) {
      // ssh2 parses the key (and checks its settings) synchronously, before any network traffic.
      fail(settingsError(err, config));
    }
  });
}

/** Maps ssh2's synchronous refusal of the settings; for the key, without ever quoting it. */
function settingsError(err: unknown, config: EdiSftpConfig): HubError {
  const message = err instanceof Error ? err.message : String(err);
  if (/privateKey/.test(message)) {
    const encrypted = /encrypted|passphrase|decrypt/i.test(message);
    const problem = !encrypted
      ? /does not contain/.test(message)
        ? 'privateKey holds no private key (a public key?)'
        : 'privateKey cannot be read: it must be an OpenSSH or PEM private key'
      : config.passphrase
        ? 'privateKey cannot be decrypted: the passphrase is wrong'
        : 'privateKey is encrypted: set passphrase';
    return new HubError('config', problem, {
      fieldErrors: [
        { path: encrypted ? '/passphrase' : '/privateKey', message: 'does not open the private key' },
      ],
    });
  }
  return new HubError('config', `the SSH client refused the connector settings: ${message}`);
}

interface ConnectionContext {
  endpoint: string;
  pinnedAlgorithm: string | undefined;
  config: EdiSftpConfig;
  hostKeyRejected: boolean;
  presented: string | undefined;
}

/** Maps a failure while connecting, negotiating or authenticating to a HubError. */
function connectionError(err: Error & ClientErrorExtensions, ctx: ConnectionContext): HubError {
  const { endpoint, config } = ctx;
  const code = (err as { code?: unknown }).code;
  if (ctx.hostKeyRejected) {
    return new HubError(
      'config',
      `host key mismatch: ${endpoint} presented ${ctx.presented ?? 'an unknown key'}, which is not the configured ` +
        'hostKey; the connection was refused before authenticating (if the partner rotated its key, update hostKey)',
    );
  }
  switch (err.level) {
    case 'client-authentication':
      return new HubError(
        'config',
        `authentication as ${JSON.stringify(config.username)} on ${endpoint} failed: the server did not accept the private key`,
      );
    case 'client-timeout':
      return new HubError(
        'transient',
        `${endpoint} did not complete the SSH handshake within ${config.connectTimeoutMs} ms (${err.message})`,
      );
    case 'handshake':
      if (ctx.pinnedAlgorithm && /host key/i.test(err.message)) {
        return new HubError(
          'config',
          `host key mismatch: ${endpoint} has no ${ctx.pinnedAlgorithm} host key, so it is not the pinned server ` +
            '(if the partner changed its key type, update hostKey)',
        );
      }
      // Otherwise the two sides share no cipher, MAC or key exchange: a setup problem, not a passing one.
      return new HubError('config', `SSH handshake with ${endpoint} failed: ${err.message}`);
    case 'client-socket':
    case 'client-dns':
      return new HubError('transient', `cannot reach ${endpoint}: ${err.message}`, { cause: err });
    default:
      if (typeof code === 'string') return reclassified(classifyError(err), `cannot reach ${endpoint}`);
      return new HubError('transient', `the SSH connection to ${endpoint} failed: ${err.message}`);
  }
}

function reclassified(error: HubError, context: string): HubError {
  // A failure the network layer does not recognise is still the remote side's, not a hub bug: let retries decide.
  const kind: HubErrorKind = error.kind === 'bug' ? 'transient' : error.kind;
  return new HubError(kind, `${context}: ${error.message}`, { cause: error.cause ?? error });
}

function aborted(what: string, signal: AbortSignal | undefined): HubError {
  return new HubError('transient', `SFTP cancelled while ${what}`, { cause: signal?.reason });
}

/** Maps a failed SFTP request on `target` to a HubError. */
export function sftpError(
  err: unknown,
  endpoint: string,
  verb: string,
  target: string,
  missing: Missing,
): HubError {
  if (isHubError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  const where = `${verb} ${target} on ${endpoint}`;
  switch (code) {
    case SFTP_STATUS.NO_SUCH_FILE:
      return missing === 'directory'
        ? new HubError(
            'config',
            `cannot ${where}: the directory does not exist (check the connector's directories)`,
          )
        : new HubError('data', `cannot ${where}: no such file`);
    case SFTP_STATUS.PERMISSION_DENIED:
      return new HubError('config', `cannot ${where}: permission denied for this SFTP account`);
    case SFTP_STATUS.OP_UNSUPPORTED:
      return new HubError('config', `cannot ${where}: the server does not support this operation`);
    case SFTP_STATUS.BAD_MESSAGE:
      return new HubError('bug', `cannot ${where}: the server rejected the request as malformed (${detail})`);
    case SFTP_STATUS.FAILURE:
    case SFTP_STATUS.NO_CONNECTION:
    case SFTP_STATUS.CONNECTION_LOST:
      return new HubError('transient', `cannot ${where}: ${detail}`, { cause: err });
    default:
      // ssh2 answers pending requests with plain errors when the connection drops ("No response from server").
      return reclassified(classifyError(err), `cannot ${where}`);
  }
}

function wrapSession(
  client: InstanceType<typeof Client>,
  sftp: SFTPWrapper,
  endpoint: string,
  hostKeyFingerprint: string,
): SftpConnection {
  let closed = false;
  sftp.on('error', () => undefined); // failures reach the pending requests; an unheard 'error' would crash
  const call = <T>(
    verb: string,
    target: string,
    missing: Missing,
    run: (done: (err: Error | null | undefined, value: T) => void) => void,
  ) =>
    new Promise<T>((resolve, reject) => {
      if (closed)
        return reject(new HubError('transient', `cannot ${verb} ${target}: the SFTP session is closed`));
      run((err, value) => (err ? reject(sftpError(err, endpoint, verb, target, missing)) : resolve(value)));
    });
  const done =
    (cb: (err: Error | null | undefined, value: undefined) => void) =>
    (err?: Error | null): void =>
      cb(err, undefined);
  const stat = (file: string, missing: Missing) =>
    call<Stats>('find', file, missing, (cb) => sftp.stat(file, (err, stats) => cb(err, stats)));

  return {
    hostKeyFingerprint,
    list: async (dir) => {
      const entries = await call<FileEntryWithStats[]>('list', dir, 'directory', (cb) =>
        sftp.readdir(dir, (err, list) => cb(err, list)),
      );
      return entries.map((e) => ({
        name: e.filename,
        size: e.attrs.size,
        modifiedAt: new Date(e.attrs.mtime * 1000).toISOString(),
        isFile: e.attrs.isFile(),
        isDirectory: e.attrs.isDirectory(),
      }));
    },
    stat,
    statIfExists: async (file) => {
      try {
        return await stat(file, 'file');
      } catch (err) {
        if (isHubError(err) && err.kind === 'data') return undefined;
        throw err;
      }
    },
    readFile: (file) => call('read', file, 'file', (cb) => sftp.readFile(file, (err, data) => cb(err, data))),
    readStream: (file) => {
      const stream = sftp.createReadStream(file, { highWaterMark: 64 * 1024 });
      const out = new PassThrough();
      stream.on('error', (err: Error) => out.destroy(sftpError(err, endpoint, 'read', file, 'file')));
      return stream.pipe(out);
    },
    writeFile: (file, data) =>
      call<undefined>('write', file, 'directory', (cb) =>
        sftp.writeFile(file, data, { flag: 'w' }, done(cb)),
      ),
    rename: (from, to) =>
      call<undefined>('rename', `${from} to ${to}`, 'file', (cb) => sftp.rename(from, to, done(cb))),
    unlink: (file) => call<undefined>('remove', file, 'file', (cb) => sftp.unlink(file, done(cb))),
    mkdir: (dir) => call<undefined>('create directory', dir, 'directory', (cb) => sftp.mkdir(dir, done(cb))),
    rmdir: (dir) => call<undefined>('remove directory', dir, 'directory', (cb) => sftp.rmdir(dir, done(cb))),
    chmod: (file, mode) => call<undefined>('chmod', file, 'file', (cb) => sftp.chmod(file, mode, done(cb))),
    setModifiedAt: (file, at) => {
      const seconds = Math.floor(at.getTime() / 1000);
      return call<undefined>('set the time of', file, 'file', (cb) =>
        sftp.utimes(file, seconds, seconds, done(cb)),
      );
    },
    close: () => {
      if (closed) return;
      closed = true;
      client.end();
    },
  };
}

/** Runs `work` on a fresh SFTP session and always closes it; cancelling `signal` drops the connection at once. */
export async function withSftp<T>(
  config: EdiSftpConfig,
  work: (sftp: SftpConnection) => Promise<T>,
  options: ConnectOptions = {},
): Promise<T> {
  const { signal } = options;
  const connection = await connectSftp(config, options);
  const onAbort = () => connection.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(connection);
  } catch (err) {
    if (signal?.aborted) throw aborted(`talking to ${endpointOf(config)}`, signal);
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    connection.close();
  }
}

/** Joins a configured directory and a file name the way the server expects (POSIX separators). */
export function remotePath(dir: string, name: string): string {
  return path.posix.join(dir, name);
}

/** Rejects file names that could escape the configured directory or collide with the hub's temporary files. */
export function assertFileName(name: string): void {
  const problem =
    name.length === 0 || name.length > 255
      ? 'must be 1–255 characters'
      : /[/\\]/.test(name) || name.includes('\0')
        ? 'must not contain "/", "\\" or NUL'
        : name === '.' || name === '..'
          ? 'must not be "." or ".."'
          : name.endsWith('.part')
            ? 'must not end in ".part" (reserved for uploads in progress)'
            : undefined;
  if (problem) {
    throw new HubError('data', `file name ${JSON.stringify(name)} ${problem}`, {
      fieldErrors: [{ path: '/name', message: problem }],
    });
  }
}
