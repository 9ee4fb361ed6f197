import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConnectorConfig } from '../connectors/config';
import { ediSftpConnector } from '../connectors/edi-sftp';
import { createLogger } from '../monitoring/logger';
import { freePort, spawnCaptured } from './support/processes';

const stack = (args: string[], env: Record<string, string> = {}) =>
  spawnCaptured('bash', ['stack/stack.sh', ...args], env);

describe('stack/stack.sh', () => {
  it('installs nothing the second time: every tool is found in the cache', async () => {
    const run = stack(['install']);
    expect((await run.exited).code).toBe(0);
    const lines = run.lines.filter((l) => l.startsWith('[stack:'));
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/✓ .*(cached|present)/);
    expect(run.output()).not.toMatch(/Installing|Fetching|Building/);
  });

  it('refuses a second stack on occupied ports, naming the port, the server and the variable', async () => {
    // The test stack started by scripts/test.sh holds these ports; a stack of another name must not start on them.
    const run = stack(['start', 'temporal'], { HUB_STACK_NAME: 'second-stack-test' });
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(
      new RegExp(
        `port ${process.env.HUB_TEMPORAL_PORT} for Temporal \\(gRPC\\) is already in use.*HUB_TEMPORAL_PORT=<port>`,
      ),
    );
    // …and the running stack is untouched.
    const status = stack(['status']);
    expect((await status.exited).code).toBe(0);
    expect(status.output()).toMatch(/temporal: running/);
  });

  it('refuses to start a service of the same stack twice', async () => {
    const run = stack(['start', 'ferretdb']);
    expect((await run.exited).code).toBe(1);
    expect(run.output()).toMatch(/ferretdb of stack 'test' is already running/);
  });

  it('serves SFTP even when the checkout sits in a directory only its owner can enter', async () => {
    // mktemp -d makes 0700 directories, and CI may clone into one: sshd must still read the key and serve files.
    const privateDir = mkdtempSync(path.join(tmpdir(), 'hub-private-'));
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    const env = {
      HUB_CACHE_DIR: path.join(privateDir, 'cache'),
      HUB_STACK_NAME: 'sftp-private-test',
      HUB_SFTP_PORT: String(await freePort()),
    };
    try {
      expect((await stack(['start', 'sshd'], env).exited).code).toBe(0);
      const sshd = path.join(env.HUB_CACHE_DIR, 'stacks', env.HUB_STACK_NAME, 'sshd');
      const printed = stack(['env'], env);
      await printed.exited;
      const user = /export HUB_SFTP_USER=(\S+)/.exec(printed.output())?.[1];
      const config = validateConnectorConfig(ediSftpConnector, {
        host: '127.0.0.1',
        port: Number(env.HUB_SFTP_PORT),
        username: user,
        privateKey: readFileSync(path.join(sshd, 'client_ed25519'), 'utf8'),
        hostKey: readFileSync(path.join(sshd, 'host_ed25519.pub'), 'utf8').split(' ').slice(0, 2).join(' '),
        inboundDir: 'inbound',
        outboundDir: 'outbound',
      });
      if (!config.valid) throw new Error(JSON.stringify(config.errors));
      const result = await ediSftpConnector.check(config.value, { logger: createLogger('test', 'silent') });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    } finally {
      await stack(['stop'], env).exited;
      rmSync(privateDir, { recursive: true, force: true });
    }
  });
});
