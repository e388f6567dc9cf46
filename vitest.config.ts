import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'designer/src/**/*.test.ts', 'rules/**/*.test.ts', 'forms/**/*.test.ts', 'test/**/*.test.ts', 'deployments/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files run one after another: the Zeebe suites share one broker and its clock.
    fileParallelism: false,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
