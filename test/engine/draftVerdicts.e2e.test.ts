import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployErrors } from '../../engine/port/ProcessEngine.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const CORPUS = path.resolve('../shared/bpmn-corpus');
const files = ['miwg', 'camunda8'].flatMap((dir) => readdirSync(path.join(CORPUS, dir)).filter((f) => f.endsWith('.bpmn')).map((f) => `${dir}/${f}`));

/**
 * Issue 15: the designer's problems panel shows what a draft's save reports; that must be the deploy's
 * own verdict on the diagram. Every corpus file saved as a draft's process.bpmn gets, for that file,
 * exactly the problems (code, element, severity) the engine's deploy-time validation gives.
 */
describe('a draft’s problems and the deploy give the same verdict on every corpus diagram', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('reports the deploy’s problems for each diagram, no more and no fewer', async () => {
    // given a policy editor's draft from the empty template
    const editor = (await t.platform.services.accounts.findByUsername('policy-editor'))!;
    const drafts = t.platform.services.drafts;
    let draft = await drafts.create(editor, { template: 'empty', packageId: 'sichuan-2027-corpus', procedure: 'corpus', region: { code: '510000', name: '四川省' }, year: 2027, title: '2027年语料核对' });
    const key = (p: { code: string; severity?: string; elementId?: string; pointer?: string }) => `${p.severity ?? 'error'} ${p.code} ${p.elementId ? `#${p.elementId}` : (p.pointer ?? '')}`;
    let refused = 0;
    for (const file of files) {
      const xml = readFileSync(path.join(CORPUS, file), 'utf8');
      // when the diagram is saved as the draft's process
      const saved = await drafts.saveFile(editor, draft.id, 'process.bpmn', { content: xml, revision: draft.revision });
      draft = { ...draft, revision: saved.draft.revision };
      // then the draft's problems of that file are the deploy validation's, and an error blocks both
      const deploy = await t.platform.engine.validate([{ name: 'process.bpmn', xml }]);
      const ofFile = saved.problems.filter((p) => p.file === 'process.bpmn' && p.code !== 'PROCESS_ID_MISMATCH' && !p.code.startsWith('TRACE'));
      const fromEngine = ofFile.filter((p) => deploy.some((d) => d.code === p.code));
      expect(fromEngine.map(key).sort(), file).toEqual(deploy.map((d) => key({ ...d, severity: d.severity })).sort());
      if (deployErrors(deploy).length) {
        refused++;
        expect(saved.valid, file).toBe(false);
      }
    }
    // and the corpus is what bpmnCorpus.test.ts says: all but four files refused
    expect(refused).toBe(files.length - 4);
  }, 120_000);
});
