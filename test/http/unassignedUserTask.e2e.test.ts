import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../browser/support/submitApplication.ts';
import { packageFiles } from '../support/packageFiles.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';

const DIR = 'deployments/sichuan/2026-examiner-training';

/**
 * A user task drawn without an assignment (Zeebe allows it, the palette makes it easy): the package
 * says who gets it, or it is refused at deploy because nobody would ever see it.
 */
describe('a package with a user task that has no assignment', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  const files = () => {
    const f = packageFiles(DIR);
    f['process.bpmn'] = f['process.bpmn']!.replace(/(<bpmn:userTask id="Task_UnitReview"[^>]*>\s*<bpmn:extensionElements>)\s*<zeebe:assignmentDefinition[^>]*\/>/, '$1');
    expect(f['process.bpmn']).not.toMatch(/id="Task_UnitReview"[^>]*>\s*<bpmn:extensionElements>\s*<zeebe:assignmentDefinition/);
    return f;
  };

  it('is refused without the package’s default groups, naming the file and the task', async () => {
    // when
    const res = await (await t.login('admin')).post('/api/packages').send({ files: files() });
    // then
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.body.problems.find((p: { code?: string }) => p.code === 'USER_TASK_NO_GROUP');
    expect(problem).toMatchObject({ file: 'process.bpmn', pointer: '#Task_UnitReview' });
    expect(problem.message).toContain('defaultCandidateGroups');
  });

  it('goes to the default groups the package declares: the province sees the task, the unit does not', async () => {
    // given the package with defaultCandidateGroups, active
    const f = files();
    const manifest = JSON.parse(f['manifest.json']!);
    f['manifest.json'] = JSON.stringify({ ...manifest, defaultCandidateGroups: ['province:510000'] }, null, 2);
    const admin = await t.login('admin');
    const deployed = await admin.post('/api/packages').send({ files: f });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    expect((await admin.post(`/api/packages/${deployed.body.hash}/activate`)).status).toBe(200);
    // when an application is submitted
    const { applicationId } = await submitApplication(t, 'sichuan/2026-examiner-training', 'org-my-filed', 'zhangwei');
    // then the unit review task is the province's
    const province = await t.login('province-sichuan');
    const task = await waitFor(async () => (await province.get('/api/tasks').query({ applicationId })).body.items[0] ?? null, 30_000, 'the task at the province');
    expect(task).toMatchObject({ elementId: 'Task_UnitReview', candidateGroups: ['province:510000'] });
    expect((await (await t.login('unit-my-filed')).get('/api/tasks').query({ applicationId })).body.total).toBe(0);
  });
});
