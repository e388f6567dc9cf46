import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDiagramLayout } from '../../engine/packages/layout/checkDiagramLayout.ts';
import { layoutBpmn } from '../../engine/packages/layout/layoutBpmn.ts';
import { packageDirectories } from '../support/packageDirectories.ts';

/**
 * Every package BPMN carries a readable diagram (issue 9): a shape for every flow node, an edge for
 * every flow docking on its ends, no flow through a shape it does not connect, no overlapping shapes
 * or labels, and the execution platform the modeler and Camunda's linter need.
 */
const files = packageDirectories().flatMap((dir) =>
  fs
    .readdirSync(path.join('deployments', dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => path.join('deployments', dir, f)),
);

describe('diagram layout of every package BPMN', () => {
  it('finds the package BPMN files', () => {
    // then: the 15 files of the three packages at least (a new package only adds to them)
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (file) => {
    // given
    const xml = fs.readFileSync(file, 'utf8');
    // when
    const problems = await checkDiagramLayout(xml);
    // then
    expect(problems).toEqual([]);
    expect(xml).toMatch(/<bpmndi:BPMNShape\b/);
    const definitions = /<bpmn:definitions\b[^>]*>/.exec(xml)![0];
    expect(definitions).toContain('xmlns:modeler="http://camunda.org/schema/modeler/1.0"');
    expect(definitions).toContain('modeler:executionPlatform="Camunda Cloud"');
    expect(definitions).toContain('modeler:executionPlatformVersion="8.6.0"');
    // the committed layout is the one kept when the package is saved again
    expect(await layoutBpmn(xml)).toBe(xml);
  });
});
