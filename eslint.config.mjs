// ESLint flat config: strict type-aware rules everywhere, and a sealed room for workflow code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { workflowSandboxRules } from './eslint.workflow-sandbox.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', 'coverage/**', '**/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Workflow code must replay deterministically: no I/O, no Node built-ins, no infrastructure clients, no clocks
    // or randomness except Temporal's own. It may import @temporalio/workflow, activity *types* and canonical types.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: workflowSandboxRules,
  },
);
