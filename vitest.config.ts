import { defineConfig } from 'vitest/config';

// Suites that only exist on an Operaton cluster (two-node failover, feelin vs feel-scala): in the run only when
// OPERATON_URL names the nodes (README, Operaton), never listed as skipped tests in a run that has none.
const OPERATON_ONLY = ['test/engine/feelEquivalence.test.ts', 'test/engine/operatonCluster.test.ts', 'test/http/operatonOutage.e2e.test.ts', 'test/reliability/operatonWorkerKill.e2e.test.ts'];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/.git/**', ...(process.env.OPERATON_URL ? [] : OPERATON_ONLY)],
    include: ['engine/**/*.test.ts', 'designer/src/**/*.test.ts', 'rules/**/*.test.ts', 'forms/**/*.test.ts', 'test/**/*.test.ts', 'deployments/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files run one after another: the Zeebe suites share one broker and its clock.
    fileParallelism: false,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
