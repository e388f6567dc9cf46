import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI tools read: 'N passed, N failed, N skipped', after the slowest files
 * (the suite's time budget is watched per file: test-artifacts/file-durations.json keeps every file's time).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const durations: Array<{ file: string; ms: number; tests: number }> = [];
    for (const m of testModules) {
      let tests = 0;
      for (const t of m.children.allTests()) {
        tests++;
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      durations.push({ file: m.relativeModuleId, ms: Math.round(m.diagnostic().duration), tests });
    }
    durations.sort((a, b) => b.ms - a.ms);
    try {
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-artifacts/file-durations.json', JSON.stringify(durations, null, 2));
    } catch {
      // the durations are a convenience; a read-only checkout still gets the summary line
    }
    const total = durations.reduce((s, d) => s + d.ms, 0);
    console.log(`\nslowest files (of ${Math.round(total / 1000)} s in files):`);
    for (const d of durations.slice(0, 15)) console.log(`  ${(d.ms / 1000).toFixed(1).padStart(7)} s  ${d.file} (${d.tests})`);
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
