import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig } from '../engine/config.ts';
import { createPlatform } from '../engine/createPlatform.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../engine/services/demo/demoData.ts';
import { validApplication } from '../test/support/fixtures.ts';
import { PDF, PNG_FILE } from '../test/support/uploadFixtures.ts';

/**
 * `tsx bench/submitStatements.ts [sqlite|mysql]`: the SQL statements and transactions one
 * POST /api/applications/{id}/submit costs in the HTTP process (session, checks, the commit), listed.
 */
async function main(): Promise<void> {
  const store = process.argv[2] === 'mysql' ? 'mysql' : 'sqlite';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'submit-stmts-'));
  const mysql = store === 'mysql' ? await (await import('../test/support/stores.ts')).freshMysqlDatabase(process.env.TEST_MYSQL_URL) : null;
  const env: Record<string, string> = { DATA_DIR: dir, DATABASE_URL: mysql ? mysql.url : `sqlite:${path.join(dir, 'db.sqlite')}`, DEPLOYMENTS_DIR: path.resolve('deployments') };
  if (mysql) Object.assign(env, { DEMO_DATA: 'true', DATA_KEY: Buffer.alloc(32, 7).toString('base64') });
  const p = await createPlatform(loadConfig(env), { log: () => undefined, mode: 'http' });
  await p.start();
  try {
    const { packages, applications, accounts } = p.services;
    const { version } = await packages.deployFromDirectory(null, 'sichuan/2026-examiner-training');
    await packages.activate(null, version.hash);
    const applicant = (await accounts.findByUsername(DEMO_ACCOUNTS[0].username))!;
    const form = (await packages.version(version.hash)).forms.application.schema as { 'x-attachments': Array<{ kind: string; accept: string[] }> };
    const login = await request(p.app).post('/api/session').send({ username: applicant.username, password: DEMO_PASSWORD, client: 'api' });
    const auth = { authorization: `Bearer ${login.body.token}` };
    const draft = async () => {
      const d = await applications.createDraft(applicant, { packageHash: version.hash, data: validApplication({ name: applicant.displayName, idNumber: applicant.idNumber!, recommenderOrgId: 'org-my-filed' }) });
      for (const spec of form['x-attachments']) {
        const f = path.join(dir, `u-${spec.kind}`);
        fs.writeFileSync(f, spec.accept.includes('application/pdf') ? PDF : PNG_FILE);
        await applications.addAttachment(applicant, d.id, { kind: spec.kind, path: f, originalName: spec.kind, declaredMime: '', size: fs.statSync(f).size });
      }
      return d.id;
    };
    // A first submission warms the caches (package version, prepared statements).
    await request(p.app).post(`/api/applications/${await draft()}/submit`).set(auth).send({});
    const id = await draft();
    const seen: string[] = [];
    const onQuery = (q: { sql: string }) => seen.push(q.sql);
    p.db.knex.on('query', onQuery);
    const res = await request(p.app).post(`/api/applications/${id}/submit`).set(auth).send({});
    p.db.knex.off('query', onQuery);
    if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${JSON.stringify(res.body)}`);
    for (const [i, s] of seen.entries()) console.log(`${String(i + 1).padStart(3)} ${s.slice(0, 160)}`);
    const trx = seen.filter((s) => /^(begin|BEGIN)/.test(s.trim())).length;
    console.log(`[bench] one submission (${store}): ${seen.length} statements, ${trx} transaction(s)`);
  } finally {
    await p.stop();
    await mysql?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
