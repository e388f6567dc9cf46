import { defineConfig } from 'vitest/config';

// Suites that only exist on an Operaton cluster (two-node failover, feelin vs feel-scala): in the run only when
// OPERATON_URL names the nodes (README, Operaton), never listed as skipped tests in a run that has none.
const OPERATON_ONLY = ['test/engine/feelEquivalence.test.ts', 'test/engine/operatonCluster.test.ts', 'test/engine/operatonTimerStartRecovery.test.ts', 'test/http/operatonOutage.e2e.test.ts', 'test/reliability/operatonWorkerKill.e2e.test.ts'];
// Files that drive a shared engine cluster (the Zeebe broker, the Operaton nodes: one clock, stopped by the outage
// tests): one after another, after every other file.
const SHARED_ENGINE = ['test/engine/conformance.test.ts', 'test/engine/embeddedCancel.test.ts', 'test/engine/zeebeAvailability.test.ts', 'test/http/zeebeOutage.e2e.test.ts', 'test/scenarios/packageScenarios.test.ts', ...OPERATON_ONLY];
const INCLUDE = ['engine/**/*.test.ts', 'designer/src/**/*.test.ts', 'rules/**/*.test.ts', 'forms/**/*.test.ts', 'test/**/*.test.ts', 'deployments/**/*.test.ts'];
const EXCLUDE = ['**/node_modules/**', '**/.git/**', ...(process.env.OPERATON_URL ? [] : OPERATON_ONLY)];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A fork imports the platform once for all its files (about 3 s a file otherwise, a third of the suite's time).
    // Files share nothing but content-keyed caches: each builds its own platform, store and ports, and
    // createPlatform arms crash points from its own config.
    isolate: false,
    // Two files at a time: most of a file's time is waiting (servers, child processes, a browser, polls).
    maxWorkers: 2,
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      { extends: true, test: { name: 'parallel', include: INCLUDE, exclude: [...EXCLUDE, ...SHARED_ENGINE] } },
      { extends: true, test: { name: 'shared-engine', include: SHARED_ENGINE, exclude: EXCLUDE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
