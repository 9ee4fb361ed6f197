import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENERATED_BANNER, renderTypeFiles } from './codegen';
import { GENERATED_DIR, changedFiles, main } from './generate';
import { SCHEMA_DIR, loadSchemas } from './schemas';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'canon-gen-'));
  temps.push(dir);
  return dir;
}

/** Runs `main` and returns its exit code and what it printed. */
async function run(args: string[], schemaDir?: string, outDir?: string) {
  const lines: string[] = [];
  const print = (...parts: unknown[]) => void lines.push(parts.map(String).join(' '));
  vi.spyOn(console, 'log').mockImplementation(print);
  vi.spyOn(console, 'error').mockImplementation(print);
  const code = await main(args, schemaDir, outDir);
  vi.restoreAllMocks();
  return { code, output: lines.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('generate.ts', () => {
  it('--check passes on the committed output (run as a user would)', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'canonical-model/generate.ts', '--check'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
  });

  it('--check exits 1 and names the file a schema change would alter', async () => {
    const schemas = tempDir();
    cpSync(SCHEMA_DIR, schemas, { recursive: true });
    const file = path.join(schemas, 'item.schema.json');
    const item = JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, unknown> };
    item.properties.colour = { type: 'string' };
    writeFileSync(file, JSON.stringify(item));

    const { code, output } = await run(['--check'], schemas, GENERATED_DIR);
    expect(code).toBe(1);
    expect(output).toMatch(/out of date/);
    expect(output).toMatch(/generated[/\\]item\.ts/);
    expect(output).not.toMatch(/sales-order\.ts/);
  });

  it('writes into an empty folder, then finds nothing to change, and removes files no schema produces', async () => {
    const out = tempDir();
    expect((await run([], undefined, out)).code).toBe(0);
    expect(changedFiles(await renderTypeFiles(loadSchemas()), out)).toEqual([]);
    writeFileSync(path.join(out, 'stale.ts'), 'export {};\n');
    const check = await run(['--check'], undefined, out);
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/stale\.ts/);
    expect((await run([], undefined, out)).output).toMatch(/wrote .*stale\.ts/);
    expect((await run(['--check'], undefined, out)).code).toBe(0);
  });

  it('renders the same bytes every time, each file opening with the do-not-edit banner', async () => {
    const [first, second] = [await renderTypeFiles(loadSchemas()), await renderTypeFiles(loadSchemas())];
    expect([...first.entries()]).toEqual([...second.entries()]);
    // common.ts, index.ts and one file for each of the 18 document types
    expect(first.size).toBe(21);
    for (const [name, content] of first) expect(content.startsWith(`${GENERATED_BANNER}\n`), name).toBe(true);
    expect(first.get('index.ts')).toMatch(/export interface CanonicalDocumentByType/);
    expect(first.get('sales-order.ts')).toMatch(/import type \{[^}]*\bMoney\b[^}]*\} from '\.\/common';/);
  });
});
