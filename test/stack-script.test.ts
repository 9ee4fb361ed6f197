import { describe, expect, it } from 'vitest';
import { spawnCaptured } from './support/processes';

const stack = (args: string[], env: Record<string, string> = {}) =>
  spawnCaptured('bash', ['stack/stack.sh', ...args], env);

describe('stack/stack.sh', () => {
  it('installs nothing the second time: every tool is found in the cache', async () => {
    const run = stack(['install']);
    expect((await run.exited).code).toBe(0);
    const lines = run.lines.filter((l) => l.startsWith('[stack:'));
    expect(lines).toHaveLength(5);
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
});
