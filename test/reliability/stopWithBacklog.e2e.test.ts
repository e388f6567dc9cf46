import fs from 'node:fs';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { validApplication } from '../support/fixtures.ts';
import { waitFor } from '../support/waitFor.ts';
import { signIn, spawnServer, tinyPng, waitUp } from './serverProcess.ts';
import { serverDataDir } from './serverDataDir.ts';

/**
 * SIGTERM with a backlog (issue 14): the HTTP process answers from the main process, the starts run
 * in its worker process; a stop finishes what is in hand and exits within seconds, the rest stays in
 * the durable queue, and the next start works it off: every submission started exactly once.
 */
const PKG = 'sichuan/2026-examiner-training';
const ORG = 'org-my-filed';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG}/forms/application.schema.json`, 'utf8'));
const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.idNumber);

describe('SIGTERM leaves the backlog in the start queue (real server and worker processes)', () => {
  const { dir, deployments, servers, store, cleanup } = serverDataDir('stop-test-', PKG);

  afterAll(cleanup);

  it('finishes the start in hand, exits within seconds, and the next start works the backlog off once', async () => {
    onTestFailed(() => {
      for (const [i, srv] of servers.entries()) console.error(`--- server ${i} ---\n${srv.log().slice(-1500)}`);
    });
    // given: a server with its worker, and complete drafts
    let s = await spawnServer({ dataDir: dir, deploymentsDir: deployments });
    servers.push(s);
    await waitUp(s);
    const packageHash = (await store()('package_activations').first('package_hash')).package_hash as string;
    const drafts: Array<{ client: Awaited<ReturnType<typeof signIn>>; id: string }> = [];
    for (let i = 0; i < 8; i++) {
      const who = applicants[i % applicants.length];
      const client = await signIn(s, who.username);
      const res = await client.json('POST', '/api/applications', { packageHash, data: validApplication({ name: who.displayName, idNumber: who.idNumber!, recommenderOrgId: ORG }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      for (const spec of schema['x-attachments'] as Array<{ kind: string }>) expect((await client.upload(`/api/applications/${res.body.id}/attachments`, spec.kind, tinyPng(), 'scan.png', 'image/png')).status).toBe(201);
      drafts.push({ client, id: res.body.id });
    }
    // when: all are submitted at once and the server is told to stop right after
    const answers = await Promise.all(drafts.map((d) => d.client.json('POST', `/api/applications/${d.id}/submit`)));
    expect(answers.map((a) => a.status)).toEqual(drafts.map(() => 202));
    const asked = Date.now();
    s.child.kill('SIGTERM');
    // then: it exits by itself within seconds, nothing half-started, the rest still queued
    expect(await s.exited).toBe('0');
    expect(Date.now() - asked).toBeLessThan(20_000);
    const rows = (await store()('process_start_queue').select('application_id', 'state')) as Array<{ application_id: string; state: string }>;
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.state === 'STARTING')).toEqual([]);
    const instancesOf = async (id: string) => (await store()('engine_instances').where({ start_key: `application:${id}` })).length;
    for (const r of rows) expect(await instancesOf(r.application_id)).toBe(r.state === 'STARTED' ? 1 : 0);
    console.info(`[stop test] stopped ${Date.now() - asked} ms after SIGTERM with ${rows.filter((r) => r.state === 'PENDING').length} of 8 starts still queued`);

    // when: the platform starts again
    s = await spawnServer({ dataDir: dir, deploymentsDir: deployments });
    servers.push(s);
    await waitUp(s);
    // then: every submission is started exactly once
    await waitFor(async () => (await store()('process_start_queue').whereNot({ state: 'STARTED' })).length === 0, 120_000, 'backlog started');
    for (const d of drafts) expect(await instancesOf(d.id)).toBe(1);
  }, 300_000);
});
