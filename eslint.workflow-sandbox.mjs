// Rules that keep workflow code deterministic (a sealed room): used by eslint.config.mjs and proven by
// workflows/sandbox-lint.test.ts. Workflow code may import @temporalio/workflow, canonical-model, and the *types* of
// activities, platform and connector modules.
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export const workflowSandboxRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({
        name,
        message: 'Workflow code is deterministic: no Node built-ins.',
      })),
      patterns: [
        {
          group: [
            '@temporalio/client',
            '@temporalio/worker',
            '@temporalio/activity',
            '@temporalio/testing',
            'mongodb',
            'node-rdkafka',
            'express',
            'pino',
            'prom-client',
            'ajv',
            '**/api/**',
            '**/monitoring/**',
          ],
          message: 'Workflow code may import only @temporalio/workflow, activity types and canonical types.',
        },
        {
          // Types are erased at compile time, so a port's or a policy's type cannot bring I/O into the sandbox.
          group: ['**/platform/**', '**/connectors/**'],
          allowTypeImports: true,
          message: 'Workflows may import only the *types* of platform and connector modules (import type …).',
        },
        {
          group: ['**/activities/**', '../activities', '../activities/*'],
          allowTypeImports: true,
          message: 'Workflows may import only the *types* of activities (import type …).',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
    { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
    { name: 'process', message: 'Workflow code cannot read the process environment.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: 'Use uuid4() or values passed in as input; Math.random is replaced by a seeded PRNG anyway.',
    },
  ],
};
