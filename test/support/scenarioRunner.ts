import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { candidateGroupsOf, type Actor } from '../../engine/services/actor.ts';
import { USER_TASK_JOB_TYPE } from '../../engine/port/ProcessEngine.ts';
import { readPath } from '../../engine/workers/jobVariables.ts';
import type { TestPlatform } from './testPlatform.ts';
import { waitFor } from './waitFor.ts';
import { validApplication } from './fixtures.ts';
import { PDF, PNG_FILE as PNG } from './uploadFixtures.ts';

/** A process scenario (scenarios/*.json with when/then): given registry facts and a form, when people act and time passes, then. */
export interface Scenario {
  name: string;
  clauses: string[];
  /** Ends before any dated timer is armed, so it can run at any real date. */
  clockIndependent?: boolean;
  /**
   * `application` is the whole form, except for examiner applications that name a `recommender`: those
   * are the shared examiner fixture with `application` laid over it.
   */
  given: { asOf: string; applicant: string; recommender?: string; application: Record<string, unknown>; registry?: RegistrySeed };
  when: Array<{ action?: string; refused?: string; refusedDetail?: string; expectStatus?: string; submit?: true; complete?: string; decision?: 'approve' | 'reject' | 'return'; data?: Record<string, unknown>; advanceDays?: number; expectWaitingAt?: string[] }>;
  then: { status: string; cards?: Array<Record<string, unknown>>; examSittings?: Array<Record<string, unknown>>; actions?: Record<string, { variables?: Record<string, unknown>; completedElementsEndWith?: string[] }>; completedElements?: string[]; completedElementsEndWith?: string[]; waitingAt?: string[]; variables?: Record<string, unknown>; failedClauses?: string[] };
}

export interface RegistrySeed {
  persons?: Array<{
    idNumber: string;
    name: string;
    cards?: Array<Record<string, any>>;
    certificates?: Array<Record<string, any>>;
    titles?: Array<Record<string, any>>;
    examSittings?: Array<Record<string, any>>;
    evaluationRecords?: Array<Record<string, any>>;
    sanctions?: Array<Record<string, any>>;
  }>;
  organisations?: Array<Record<string, any>>;
}

/** Writes the scenario's registry state through the registry service, as an administrator's import would. */
export async function seedRegistry(t: TestPlatform, seed: RegistrySeed | undefined): Promise<void> {
  const registry = t.platform.services.registry;
  for (const o of seed?.organisations ?? []) {
    const existing = await registry.getOrganisation(String(o.id)).catch(() => null);
    await registry.upsertOrganisation({ ...(existing ?? { isUndelegatedProvincialInChengdu: false, filingStatus: 'NONE' }), ...o } as never);
  }
  for (const p of seed?.persons ?? []) {
    await registry.upsertPerson({ idNumber: p.idNumber, name: p.name });
    for (const c of p.cards ?? []) await registry.importCard({ ...c, idNumber: p.idNumber } as never);
    for (const c of p.certificates ?? []) await registry.records.addCertificate(p.idNumber, c);
    for (const c of p.titles ?? []) await registry.records.addTitle(p.idNumber, c);
    for (const [i, c] of (p.examSittings ?? []).entries()) await registry.records.recordExamSitting(p.idNumber, c, `seed:${p.idNumber}:sitting:${i}`);
    for (const [i, c] of (p.evaluationRecords ?? []).entries()) await registry.records.recordEvaluation(p.idNumber, c, `seed:${p.idNumber}:evaluation:${i}`);
    for (const [i, c] of (p.sanctions ?? []).entries()) await registry.recordSanction({ subjectType: 'person', subjectId: p.idNumber, reason: '情景登记', ...c, idempotencyKey: `seed:${p.idNumber}:sanction:${i}` } as never);
  }
}

const DAY = 86_400_000;

async function actorOf(t: TestPlatform, username: string): Promise<Actor> {
  const a = await t.platform.services.accounts.findByUsername(username);
  if (!a) throw new Error(`no demo account ${username}`);
  return a;
}

/** Runs one process scenario on a started platform; returns the application id. */
export async function runScenario(t: TestPlatform, pkgDir: string, s: Scenario): Promise<string> {
  const { packages: pkgs, applications, inbox } = t.platform.services;
  // given
  const start = Date.parse(`${s.given.asOf}T09:00:00+08:00`);
  t.clock.set(start);
  const { version } = await pkgs.deployFromDirectory(null, pkgDir);
  await pkgs.activate(null, version.hash);
  await seedRegistry(t, s.given.registry);
  const applicant = await actorOf(t, s.given.applicant);
  const form = (await pkgs.version(version.hash)).forms.application.schema as { properties: Record<string, unknown>; 'x-attachments': Array<{ kind: string; accept: string[] }> };
  // The shared examiner fixture keeps only the fields this package's form has (the renewal form has no class).
  const fixture = s.given.recommender ? Object.entries(validApplication({ name: applicant.displayName, idNumber: applicant.idNumber!, recommenderOrgId: s.given.recommender })).filter(([k]) => k in form.properties) : [];
  const data = { ...Object.fromEntries(fixture), ...s.given.application };
  const app = await applications.createDraft(applicant, { packageHash: version.hash, data });
  for (const spec of form['x-attachments']) {
    const pdf = spec.accept.includes('application/pdf');
    const tmp = path.join(t.config.dataDir, `upload-${spec.kind}`);
    fs.writeFileSync(tmp, pdf ? PDF : PNG);
    await applications.addAttachment(applicant, app.id, { kind: spec.kind, path: tmp, originalName: `${spec.kind}.${pdf ? 'pdf' : 'png'}`, declaredMime: pdf ? 'application/pdf' : 'image/png', size: pdf ? PDF.length : PNG.length });
  }

  const openTaskAt = async (elementId: string) =>
    waitFor(async () => (await t.platform.db.knex('tasks').where({ application_id: app.id, element_id: elementId }).whereIn('state', ['OPEN', 'CLAIMED']).first()) ?? null, 15_000, `open task ${elementId}`);
  // Before the clock moves, every service-task job the last step made must have run: on a busy machine a
  // fixed pause let the card be issued after the jump (a validity counted from the wrong day).
  const settle = async () => {
    if (t.platform.engine.kind === 'embedded') {
      await waitFor(
        async () => !(await t.platform.db.knex('engine_jobs').whereNot('type', USER_TASK_JOB_TYPE).whereIn('state', ['ACTIVATABLE', 'ACTIVATED']).first('key')),
        15_000,
        'service-task jobs to run before the clock moves',
      );
    }
    await new Promise((r) => setTimeout(r, 300));
  };

  // when
  for (const step of s.when) {
    if (step.submit && step.refused) {
      // The submission must be refused with this Chinese title (and detail), e.g. outside the registration windows.
      const err = await applications.submit(applicant, app.id).then(() => null, (e: Error & { title?: string; detail?: string }) => e);
      expect(err?.title ?? err?.message, 'submission refused').toBe(step.refused);
      if (step.refusedDetail) expect(err?.detail, 'refusal detail').toBe(step.refusedDetail);
    } else if (step.submit) {
      await applications.submit(applicant, app.id);
      await waitFor(async () => (await t.platform.db.knex('applications').where({ id: app.id }).first()).process_instance_key, 10_000, 'process start');
    } else if (step.action && step.refused) {
      // The action must be refused, with this Chinese title (e.g. in a status the package does not allow).
      const err = await applications.performAction(applicant, app.id, step.action, step.data ?? {}).then(() => null, (e: Error & { title?: string }) => e);
      expect(err?.title ?? err?.message, `action ${step.action} refused`).toBe(step.refused);
    } else if (step.action) {
      // An applicant's action (e.g. a leave request) starts the package's action process for this application.
      await applications.performAction(applicant, app.id, step.action, step.data ?? {});
    } else if (step.expectStatus) {
      await waitFor(async () => ((await t.platform.db.knex('applications').where({ id: app.id }).first()).status === step.expectStatus ? true : null), 15_000, `status ${step.expectStatus}`);
    } else if (step.complete) {
      const task = await openTaskAt(step.complete);
      const groups: string[] = JSON.parse(task.candidate_groups);
      // A task for the applicant is a correction: the applicant resubmits the corrected form.
      if (groups.includes(`applicant:${applicant.id}`)) {
        await applications.resubmit(applicant, app.id, { ...data, ...(step.data ?? {}) });
        continue;
      }
      const reviewer = DEMO_ACCOUNTS.find((a) => candidateGroupsOf(a as unknown as Actor).some((g) => groups.includes(g)));
      if (!reviewer) throw new Error(`no demo reviewer for ${groups.join(',')}`);
      await inbox.complete(await actorOf(t, reviewer.username), task.id, { decision: step.decision ?? 'approve', opinion: '情景测试意见', data: step.data });
    } else if (step.advanceDays) {
      await settle();
      t.clock.advance(step.advanceDays * DAY);
      await settle();
    } else if (step.expectWaitingAt) {
      for (const el of step.expectWaitingAt) await openTaskAt(el);
    }
  }

  // then
  const final = await waitFor(async () => {
    const row = await t.platform.db.knex('applications').where({ id: app.id }).first();
    return row.status === s.then.status ? row : null;
  }, 15_000, `status ${s.then.status}`).catch(async (err) => {
    const row = await t.platform.db.knex('applications').where({ id: app.id }).first();
    const inst = row?.process_instance_key ? await t.platform.engine.getInstance(row.process_instance_key) : null;
    const incidents = await t.platform.engine.listIncidents({ state: 'OPEN' });
    throw new Error(`${(err as Error).message}; status ${row?.status}; trail ${inst?.completedElements.join(' > ')}; incidents ${JSON.stringify(incidents)}`);
  });
  // A refused submission leaves a draft without a process: nothing further to compare.
  if (!final.process_instance_key) {
    expect(s.then.variables ?? {}, 'variables of an application that started no process').toEqual({});
    return app.id;
  }
  if (s.then.completedElements) {
    await waitFor(async () => ((await t.platform.engine.getInstance(final.process_instance_key))!.status !== 'ACTIVE' ? true : null), 10_000, 'instance end');
    expect((await t.platform.engine.getInstance(final.process_instance_key))!.completedElements).toEqual(s.then.completedElements);
  }
  if (s.then.completedElementsEndWith) {
    const done = await waitFor(async () => {
      const i = (await t.platform.engine.getInstance(final.process_instance_key))!;
      return i.status !== 'ACTIVE' ? i : null;
    }, 10_000, 'instance end');
    expect(done.completedElements.slice(-s.then.completedElementsEndWith.length)).toEqual(s.then.completedElementsEndWith);
  }
  for (const el of s.then.waitingAt ?? []) await openTaskAt(el);
  const vars = (await t.platform.engine.getInstance(final.process_instance_key))!.variables;
  for (const [p, expected] of Object.entries(s.then.variables ?? {})) expect(readPath(vars, p), p).toEqual(expected);
  // The applicant's cards as the registry holds them afterwards (issued, collected, cancelled, voided), in issue order.
  if (s.then.cards) {
    const cards = (await t.platform.services.registry.getPersonFacts(String(data.idNumber), s.given.asOf.slice(0, 10))).cards;
    expect(cards, 'registry cards').toMatchObject(s.then.cards);
    expect(cards).toHaveLength(s.then.cards.length);
  }
  // An action's process (the last one started for that action): its variables and how it ended.
  for (const [actionId, expected] of Object.entries(s.then.actions ?? {})) {
    const started = (await t.platform.services.audit.listForApplication(app.id)).filter((e) => e.action === 'application.action' && (e.detail as { actionId?: string }).actionId === actionId);
    expect(started.length, `action ${actionId} was taken`).toBeGreaterThan(0);
    const key = (started[started.length - 1]!.detail as { processInstanceKey: string }).processInstanceKey;
    const inst = await waitFor(async () => {
      const i = (await t.platform.engine.getInstance(key))!;
      return !expected.completedElementsEndWith || i.status !== 'ACTIVE' ? i : null;
    }, 10_000, `action ${actionId} instance`);
    if (expected.completedElementsEndWith) expect(inst.completedElements.slice(-expected.completedElementsEndWith.length), `${actionId} trail`).toEqual(expected.completedElementsEndWith);
    for (const [p, v] of Object.entries(expected.variables ?? {})) expect(readPath(inst.variables, p), `${actionId}: ${p}`).toEqual(v);
  }
  // The applicant's exam sittings in the registry afterwards, in date order.
  if (s.then.examSittings) {
    await new Promise((r) => setTimeout(r, 300));
    const sittings = (await t.platform.services.registry.getPersonFacts(String(data.idNumber), s.given.asOf.slice(0, 10))).examSittings;
    expect(sittings, 'registry exam sittings').toMatchObject(s.then.examSittings);
    expect(sittings).toHaveLength(s.then.examSittings.length);
  }
  if (s.then.failedClauses) {
    const elig = JSON.parse(final.eligibility) as { checks: Array<{ clause: string; outcome: string; message: string }> };
    expect(elig.checks.filter((c) => c.outcome === 'INELIGIBLE').map((c) => c.clause).sort()).toEqual([...s.then.failedClauses].sort());
  }
  return app.id;
}
