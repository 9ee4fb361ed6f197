import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';
const here = __dirname;
const present = existsSync(PROMTOOL);
const inCi = process.env.CI === 'true';

/** promtool's answer: exit code and everything it printed. */
async function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { cwd: here });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('Prometheus alert rules', () => {
  // Without promtool the rules are unchecked: a failure in CI, a visible skip on a laptop without the package.
  it.runIf(!present && inCi)('has promtool (Debian package prometheus) in CI', () => {
    expect.fail(
      `${PROMTOOL} is missing: install the Debian package prometheus (bash stack/stack.sh install)`,
    );
  });

  it.runIf(present)('are valid rules (promtool check rules)', async () => {
    const { code, output } = await promtool('check', 'rules', join(here, 'alerts.yml'));
    expect(output).toContain('SUCCESS');
    expect(code, output).toBe(0);
  });

  it.runIf(present)(
    'fire for a breached SLO and a silent partner, stay silent for healthy ones (promtool test rules)',
    async () => {
      const { code, output } = await promtool('test', 'rules', join(here, 'alerts.test.yml'));
      expect(code, output).toBe(0);
      expect(output).toContain('SUCCESS');
    },
    60_000,
  );

  it.runIf(present)('are what prometheus.yml loads', async () => {
    const { code, output } = await promtool('check', 'config', join(here, 'prometheus.yml'));
    expect(code, output).toBe(0);
    expect(output).toMatch(/alerts\.yml\s+SUCCESS: \d+ rules found/);
  });
});
