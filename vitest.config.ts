import { defineConfig } from 'vitest/config';

/** Tests run against the real local stack started by scripts/test.sh; integration files run one at a time. */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.cache/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
