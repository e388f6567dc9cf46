import { describe, expect, it } from 'vitest';
import { createLinter } from './createLinter.ts';
import { platformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';
import { zhLintMessage } from './zhLintMessages.ts';

const diagrams = import.meta.glob<string>('../../../../../deployments/**/*.bpmn', { query: '?raw', import: 'default', eager: true });
const manifests = import.meta.glob<unknown>('../../../../../deployments/*/*/manifest.json', { import: 'default', eager: true });
const allFiles = Object.keys(import.meta.glob('../../../../../deployments/**/*', { query: '?url', eager: true }));

/**
 * What the problems panel may show live for a shipped package: only findings that are real and meant
 * (a county review that only city reviewers can work: the platform has no county role).
 */
const EXPECTED = new Set(['liaocheng/2020-org-pilot/process.bpmn platform/candidate-group-partial Task_CountyPrecheck']);

describe('the shipped packages in the modeler', () => {
  it('lint live with no problem in the problems panel except the known real ones', async () => {
    // given every diagram of every package, with its package's manifest and files as the workspace hands them
    const found: string[] = [];
    for (const [key, xml] of Object.entries(diagrams)) {
      const [, pkg, file] = key.match(/deployments\/([^/]+\/[^/]+)\/(.+)$/)!;
      const prefix = key.slice(0, key.indexOf(pkg!) + pkg!.length + 1);
      const manifest = manifests[`${prefix}manifest.json`];
      const files = allFiles.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      // when linted as the modeler lints it
      const linter = createLinter(() => platformLintContext(file!, manifest, files));
      const reports = (await linter.lint(xml)) as Array<{ id: string; message: string; rule: string; category: string }>;
      for (const r of reports) found.push(`${pkg}/${file} ${r.rule} ${r.id} ${r.category} ${zhLintMessage(r.message, r.rule)}`);
    }
    // then only the expected findings remain (no decision-only review flagged, no form missing)
    expect(Object.keys(diagrams).length).toBeGreaterThan(20);
    expect(found.filter((f) => !EXPECTED.has(f.split(' ').slice(0, 3).join(' ')))).toEqual([]);
    expect(found.length).toBe(EXPECTED.size);
  }, 120_000);
});
