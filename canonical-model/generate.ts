/**
 * Generates the TypeScript types of the canonical model into canonical-model/generated/.
 *   tsx canonical-model/generate.ts           write the files (and delete stale ones)
 *   tsx canonical-model/generate.ts --check   change nothing; exit 1 naming every file that would change
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTypeFiles } from './codegen';
import { loadSchemas } from './schemas';

/** Where the generated types live. */
export const GENERATED_DIR = fileURLToPath(new URL('./generated/', import.meta.url));

/** Names (relative to `dir`) of files whose content differs from `files`, is missing, or should not exist. */
export function changedFiles(files: ReadonlyMap<string, string>, dir: string): string[] {
  const changed: string[] = [];
  for (const [name, content] of files) {
    let current: string | undefined;
    try {
      current = readFileSync(path.join(dir, name), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== content) changed.push(name);
  }
  let present: string[] = [];
  try {
    present = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  } catch {
    present = [];
  }
  for (const name of present) if (!files.has(name)) changed.push(name);
  return changed.sort();
}

/** Writes `files` into `dir`, removing generated files that no schema produces any more. */
export function writeFiles(files: ReadonlyMap<string, string>, dir: string): string[] {
  const changed = changedFiles(files, dir);
  mkdirSync(dir, { recursive: true });
  for (const name of changed) {
    const content = files.get(name);
    if (content === undefined) rmSync(path.join(dir, name));
    else writeFileSync(path.join(dir, name), content);
  }
  return changed;
}

/** Runs the generator with command-line arguments; resolves to the process exit code. */
export async function main(
  args: readonly string[],
  schemaDir?: string,
  outDir = GENERATED_DIR,
): Promise<number> {
  const files = await renderTypeFiles(loadSchemas(schemaDir));
  const relative = (name: string) => path.relative(process.cwd(), path.join(outDir, name));
  if (args.includes('--check')) {
    const changed = changedFiles(files, outDir);
    if (changed.length === 0) return 0;
    console.error(`generated types are out of date; run \`tsx canonical-model/generate.ts\`. Would change:`);
    for (const name of changed) console.error(`  ${relative(name)}`);
    return 1;
  }
  const written = writeFiles(files, outDir);
  for (const name of written) console.log(`wrote ${relative(name)}`);
  if (written.length === 0) console.log('generated types are up to date');
  return 0;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
