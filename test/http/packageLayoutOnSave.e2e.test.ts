import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiagramLayout } from '../../engine/packages/layout/checkDiagramLayout.ts';
import { packageFiles } from '../support/packageFiles.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const DIR = 'deployments/sichuan/2026-examiner-training';

describe('a package saved with a BPMN that has no diagram layout', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('gets a readable layout for that file and keeps the drawn ones as they are', async () => {
    // given the 2026 examiner package with the layout of its main process removed (as a hand-written or generated file would be)
    const files = packageFiles(DIR);
    const bare = files['process.bpmn']!.replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
    expect(bare).not.toContain('BPMNShape');
    const admin = await t.login('admin');
    // when it is saved (deployed as files)
    const res = await admin.post('/api/packages').send({ files: { ...files, 'process.bpmn': bare } });
    // then it is accepted and its stored process has a shape for every node and an edge for every flow, clear of each other
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = await t.platform.services.packages.version(res.body.hash);
    expect(stored.bpmn['process.bpmn']).toContain('BPMNShape');
    expect(await checkDiagramLayout(stored.bpmn['process.bpmn']!)).toEqual([]);
    // and the file that was drawn already is stored byte for byte
    expect(stored.bpmn['leave.bpmn']).toBe(files['leave.bpmn']);
  });
});
