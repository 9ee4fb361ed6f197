import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
// @ts-expect-error -- plain ESM config module without type declarations
import { workflowSandboxRules } from '../eslint.workflow-sandbox.mjs';

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      rules: workflowSandboxRules as Linter.RulesRecord,
    },
  ],
});

async function violations(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'workflows/probe.ts' });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('workflow sandbox lint rules', () => {
  it.each([
    ["import fs from 'node:fs';", 'no-restricted-imports'],
    ["import { readFile } from 'fs';", 'no-restricted-imports'],
    ["import { MongoClient } from 'mongodb';", 'no-restricted-imports'],
    ["import { Context } from '@temporalio/activity';", 'no-restricted-imports'],
    ["import { createActivities } from '../activities';", 'no-restricted-imports'],
    ["import { loadConfig } from '../platform/config';", 'no-restricted-imports'],
    ["import { http } from '../connectors/sdk/http';", 'no-restricted-imports'],
    ['setTimeout(() => undefined, 10);', 'no-restricted-globals'],
    ['const x = process.env.HOME;', 'no-restricted-globals'],
    ['const r = Math.random();', 'no-restricted-syntax'],
  ])('rejects %s', async (code, rule) => {
    expect((await violations(code)).join('\n')).toContain(rule);
  });

  it('accepts what workflow code is allowed to import', async () => {
    expect(
      await violations(
        [
          "import { proxyActivities, sleep } from '@temporalio/workflow';",
          "import type { HubActivities } from '../activities';",
          "import type { OrderPolicy } from '../platform/orders/policy';",
          "import { addDecimal } from '../canonical-model/decimal';",
          'export async function wf(): Promise<void> { await sleep(1); void proxyActivities<HubActivities>({}); }',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
