/**
 * Runs every simulator in one process, each on its own loopback port, for the demo and for manual poking:
 * `node --import tsx simulators/main.ts`. Ports come from HUB_SIM_<NAME>_PORT (0 = any free port); when
 * HUB_SIM_MANIFEST names a file, the simulators' URLs are written there as JSON once all listen. SIGINT/SIGTERM
 * stop them all.
 */
import { writeFileSync } from 'node:fs';
import { SIMULATORS } from './all';
import type { Simulator } from './kit/simulator';

function portOf(name: string, fallback: number): number {
  const variable = `HUB_SIM_${name.toUpperCase().replace(/-/g, '_')}_PORT`;
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} must be a port number, not ${raw}`);
  }
  return port;
}

async function main(): Promise<void> {
  const running: Simulator<object>[] = [];
  const urls: Record<string, string> = {};
  const stop = async () => {
    await Promise.all(running.map((s) => s.stop()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  for (const [name, spec] of Object.entries(SIMULATORS)) {
    const sim: Simulator<object> = spec.create();
    urls[name] = await sim.start(portOf(name, spec.port));
    running.push(sim);
    console.log(`[simulators] ${name} listening on ${urls[name]} (control API: ${urls[name]}/_sim)`);
  }
  if (process.env.HUB_SIM_MANIFEST)
    writeFileSync(process.env.HUB_SIM_MANIFEST, JSON.stringify(urls, null, 2));
  console.log('[simulators] ready');
}

main().catch((err: unknown) => {
  console.error('[simulators] could not start:', err);
  process.exit(1);
});
