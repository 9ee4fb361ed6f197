import { afterAll, describe, expect, it } from 'vitest';
import { createConnection } from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, eventually, freePort } from '../support/processes';

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const STACK_NAME = 'hub-command-test';

/** Stops whatever a previous or failed run of this test left of its stack (servers run in sessions of their own). */
const stopStack = () =>
  spawnSync('bash', ['stack/stack.sh', 'stop'], {
    cwd: ROOT,
    env: { ...process.env, HUB_STACK_NAME: STACK_NAME },
  });

describe('command 1: npm run hub', () => {
  let running: { pgid: number; exited: Promise<unknown> } | undefined;
  afterAll(async () => {
    if (!running) return;
    // A failed assertion left the hub running: stop it as Ctrl-C would, give it 20 s, then make sure of the stack.
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-running!.pgid, s);
      } catch {
        /* already gone */
      }
    };
    signal('SIGINT');
    await Promise.race([running.exited, new Promise((r) => setTimeout(r, 20_000))]);
    signal('SIGKILL');
    stopStack();
  });

  it('starts the stack, API and worker, becomes ready, and Ctrl-C stops everything it started', async () => {
    const ports = {
      HUB_TEMPORAL_PORT: await freePort(),
      HUB_TEMPORAL_HTTP_PORT: await freePort(),
      HUB_TEMPORAL_UI_PORT: await freePort(),
      HUB_KAFKA_PORT: await freePort(),
      HUB_KAFKA_CONTROLLER_PORT: await freePort(),
      HUB_MONGO_PORT: await freePort(),
      HUB_SFTP_PORT: await freePort(),
      HUB_API_PORT: await freePort(),
      HUB_WORKER_METRICS_PORT: await freePort(),
      HUB_SIM_NETSUITE_PORT: await freePort(),
      HUB_SIM_BUSINESS_CENTRAL_PORT: await freePort(),
      HUB_SIM_WMS_PORT: await freePort(),
      HUB_SIM_SHOPIFY_PORT: await freePort(),
      HUB_SIM_SUPPLIER_PORTAL_PORT: await freePort(),
    };
    const stackName = STACK_NAME;
    // A fresh machine has no stack data; start like one (ports are new each run anyway).
    stopStack();
    rmSync(path.join(process.env.HUB_CACHE_DIR ?? path.join(ROOT, '.cache'), 'stacks', stackName), {
      recursive: true,
      force: true,
    });
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_STACK_NAME: stackName, HUB_TEMPORAL_UI: '1' };
    // The hub makes its own keys, as on a developer's machine.
    delete env.HUB_SECRET_KEY;
    delete env.HUB_BOOTSTRAP_ADMIN_KEY;
    for (const [k, v] of Object.entries(ports)) env[k] = String(v);
    // Its own process group, as in a terminal, so Ctrl-C reaches the script and the processes it runs.
    const child = spawn('bash', ['scripts/hub.sh'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    running = { pgid: child.pid!, exited };

    await eventually(
      'the ready banner',
      () => (output.includes('ready — ') ? true : undefined),
      240_000,
      500,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n--- output of npm run hub ---\n${output}`);
    });
    expect(output).toContain(`http://127.0.0.1:${ports.HUB_API_PORT}`);
    expect(output).toContain(`Temporal UI      http://127.0.0.1:${ports.HUB_TEMPORAL_UI_PORT}`);
    expect(output).toMatch(/smoke run hub-start-\d+: ok/);
    expect(output).toMatch(/connector con_[a-z2-7]{20} live test: ok/);
    // The demo: one connector of each kind against its simulator, each passing its live test…
    for (const name of ['NetSuite', 'Business Central', 'ShipHero', 'Shopify', 'supplier portal']) {
      expect(output).toMatch(new RegExp(`Demo [^\\n]*${name}[^\\n]* → con_[a-z2-7]{20}: live test ok`));
    }
    // …master data applied, web orders and supplier documents arriving as verified webhooks.
    expect(output).toContain('master data: item WID-1001 from the ERP → applied');
    expect(output).toContain(
      'stock signal: WID-1002 counted 70 at the Chicago DC, under its reorder point of 100',
    );
    // The PO the signal became, through the portal and the warehouse to a vendor bill in the ERP, paid there.
    const purchase =
      /PO \d+ \(portal, WID-1002 × (\d+)\) → closed: → erp-purchase-order, → portal-purchase-order, ← purchase-order-ack, ← advance-ship-notice, ← goods-receipt, ← invoice/.exec(
        output,
      );
    expect(purchase, 'the PO line of the demo').not.toBeNull();
    // 100 − (70 − what demo orders reserved), in packs of 12: at least 36.
    const ordered = Number(purchase![1]);
    expect(ordered % 12).toBe(0);
    expect(ordered).toBeGreaterThanOrEqual(36);
    expect(output).toContain(`received ${ordered}, billed ${ordered}; vendor bill`);
    expect(output).toMatch(
      /vendor bill payment: \S+ paid on \d{4}-\d{2}-\d{2} \([\d.]+ USD paid, 0(\.0+)? due\)/,
    );
    expect(output).toMatch(/\d+ × shopify-commerce orders\/create \(accepted\)/);
    expect(output).toMatch(/EDI over SFTP: EDI-PO-\d+\.x12 → archived, 997 written to outbound\/ack-/);
    expect(output).toMatch(/EDI 850 EDI-PO-\d+: accepted → sales-order/);
    expect(output).toMatch(/EDI over HTTP: 850 EDI-PO-\d+-H → 202 accepted \(accepted\)/);
    expect(output).toMatch(/EDI 850 PO-EDI-\d+ to Demo Supplier: ISA13 \d{9}, sftp outbound\//);
    // Orders from each channel flow to completion: a price hold approved, an unknown item rejected.
    expect(output).toMatch(/order API-DEMO-\S+ on hold \(3\.10 deviates[^\n]*→ approved/);
    expect(output).toMatch(/order #\d+ on hold \(GAD-2001 is unknown in the ERP\) → rejected/);
    expect(output).toMatch(
      /order API-DEMO-\S+ \(api\) → completed: 30 units shipped, invoices INV\d+ USD 95\.10/,
    );
    expect(output).toMatch(
      /order EDI-PO-\d+ \(edi\) → completed: 16 units shipped, invoices INV\d+ USD 48\.20/,
    );
    expect(output).toMatch(/order EDI-PO-\d+-H \(edi\) → completed: 16 units shipped/);
    expect(
      output.match(/order #\d+ \(web-store\) → completed: \d+ units shipped, invoices INV\d+/g),
    ).toHaveLength(2);
    const ready = await fetch(`http://127.0.0.1:${ports.HUB_API_PORT}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.HUB_TEMPORAL_UI_PORT}/`)).status).toBe(200);

    process.kill(-child.pid!, 'SIGINT');
    await exited;
    running = undefined;
    expect(output).toContain('stopped everything it started');
    for (const [name, port] of Object.entries(ports)) {
      expect(await listening(port), `${name} ${port} still listening`).toBe(false);
    }
  }, 300_000);
});
