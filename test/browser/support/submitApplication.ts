import fs from 'node:fs';
import { DEMO_ACCOUNTS } from '../../../engine/services/demo/demoData.ts';
import { validApplication } from '../../support/fixtures.ts';
import type { TestPlatform } from '../../support/testPlatform.ts';
import { JPEG, PDF } from '../../support/uploadFixtures.ts';

/** An individual applicant (the first demo one unless named) submits a valid application with every required scan, over the API. */
export async function submitApplication(t: TestPlatform, packageDir: string, recommenderOrgId: string, username?: string): Promise<{ applicationId: string }> {
  const acc = DEMO_ACCOUNTS.find((a) => (username ? a.username === username : a.role === 'applicant' && !a.orgId))!;
  const agent = await t.login(acc.username);
  const calls = (await agent.get('/api/calls')).body as Array<{ packageHash: string; packageId: string }>;
  const manifest = JSON.parse(fs.readFileSync(`deployments/${packageDir}/manifest.json`, 'utf8')) as { id: string };
  const packageHash = calls.find((c) => c.packageId === manifest.id)!.packageHash;
  const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId }) });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const schema = JSON.parse(fs.readFileSync(`deployments/${packageDir}/forms/application.schema.json`, 'utf8'));
  for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[] }>) {
    const isPdf = (spec.accept ?? ['application/pdf']).includes('application/pdf');
    const res = await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', isPdf ? PDF : JPEG, isPdf ? 'a.pdf' : 'a.jpg');
    if (res.status !== 201) throw new Error(`upload ${spec.kind}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const submitted = await agent.post(`/api/applications/${draft.body.id}/submit`);
  if (submitted.status !== 202) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { applicationId: draft.body.id };
}
