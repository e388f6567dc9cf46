import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Platform } from '../../createPlatform.ts';
import { USER_TASK_JOB_TYPE } from '../../port/ProcessEngine.ts';
import { waitFor } from '../../util/waitFor.ts';
import { readPath } from '../../workers/jobVariables.ts';
import { candidateGroupsOf, type Actor } from '../actor.ts';
import { DEMO_ACCOUNTS } from '../demo/demoData.ts';
import type { OffsetClock } from '../time/clock.ts';
import { shanghaiDate } from '../time/clock.ts';
import { validApplication } from './sampleApplication.ts';
import { PDF, PNG_FILE as PNG } from './sampleFiles.ts';
import type { RegistrySeed, Scenario, ScenarioRun, StepOutcome } from './scenarioTypes.ts';

const DAY = 86_400_000;
type Row = Record<string, any>;

/** Writes the scenario's registry state through the registry service, as an administrator's import would. */
export async function seedRegistry(platform: Platform, seed: RegistrySeed | undefined): Promise<void> {
  const registry = platform.services.registry;
  for (const o of seed?.organisations ?? []) {
    const existing = await registry.getOrganisation(String(o.id)).catch(() => null);
    await registry.upsertOrganisation({ ...(existing ?? { isUndelegatedProvincialInChengdu: false, filingStatus: 'NONE' }), ...o } as never);
  }
  for (const p of seed?.persons ?? []) {
    await registry.upsertPerson({ idNumber: p.idNumber, name: p.name });
    for (const c of p.cards ?? []) await registry.importCard({ ...c, idNumber: p.idNumber } as never);
    for (const c of p.certificates ?? []) await registry.records.addCertificate(p.idNumber, c as never);
    for (const c of p.titles ?? []) await registry.records.addTitle(p.idNumber, c as never);
    for (const [i, c] of (p.examSittings ?? []).entries()) await registry.records.recordExamSitting(p.idNumber, c as never, `seed:${p.idNumber}:sitting:${i}`);
    for (const [i, c] of (p.evaluationRecords ?? []).entries()) await registry.records.recordEvaluation(p.idNumber, c as never, `seed:${p.idNumber}:evaluation:${i}`);
    for (const [i, c] of (p.sanctions ?? []).entries()) await registry.recordSanction({ subjectType: 'person', subjectId: p.idNumber, reason: '情景登记', ...c, idempotencyKey: `seed:${p.idNumber}:sanction:${i}` } as never);
  }
}

async function actorOf(platform: Platform, username: string): Promise<Actor> {
  const a = await platform.services.accounts.findByUsername(username);
  if (!a) throw new Error(`没有演示账号 ${username}`);
  return a;
}

/** toMatchObject's reading: every expected field present and equal, arrays item by item and of the same length. */
function matches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => matches((actual as Row)[k], v));
  }
  return Object.is(actual, expected);
}

const show = (v: unknown) => JSON.stringify(v);

/**
 * Runs one process scenario on a started platform whose clock the caller owns: deploys and activates
 * the package, seeds the registry, creates the application with its files, carries out each step
 * (the applicant's submission or action, a reviewer's decision, time passing so timers fire) and
 * reports what happened and how it differs from the scenario's `then`. The package suite asserts
 * no mismatch; the try-out API returns the run to policy staff.
 */
export async function runScenario(platform: Platform, clock: OffsetClock, pkgDir: string, s: Scenario): Promise<ScenarioRun> {
  const { packages: pkgs, applications, inbox } = platform.services;
  const knex = platform.db.knex;
  // given
  clock.set(Date.parse(`${s.given.asOf}T09:00:00+08:00`));
  const { version } = await pkgs.deployFromDirectory(null, pkgDir);
  await pkgs.activate(null, version.hash);
  await seedRegistry(platform, s.given.registry);
  const applicant = await actorOf(platform, s.given.applicant);
  const form = (await pkgs.version(version.hash)).forms.application!.schema as { properties: Record<string, unknown>; 'x-attachments'?: Array<{ kind: string; accept: string[] }> };
  // The shared sample application keeps only the fields this package's form has (the renewal form has no class).
  const sample = s.given.recommender
    ? Object.entries(validApplication({ name: applicant.displayName, idNumber: applicant.idNumber!, recommenderOrgId: s.given.recommender })).filter(([k]) => k in form.properties)
    : [];
  const data = { ...Object.fromEntries(sample), ...s.given.application };
  const app = await applications.createDraft(applicant, { packageHash: version.hash, data });
  for (const spec of form['x-attachments'] ?? []) {
    const pdf = spec.accept.includes('application/pdf');
    const tmp = path.join(platform.config.dataDir, `upload-${spec.kind}`);
    fs.writeFileSync(tmp, pdf ? PDF : PNG);
    await applications.addAttachment(applicant, app.id, { kind: spec.kind, path: tmp, originalName: `${spec.kind}.${pdf ? 'pdf' : 'png'}`, declaredMime: pdf ? 'application/pdf' : 'image/png', size: pdf ? PDF.length : PNG.length });
  }

  const appRow = async () => (await knex('applications').where({ id: app.id }).first()) as Row;
  const openTaskAt = async (elementId: string) =>
    waitFor(async () => ((await knex('tasks').where({ application_id: app.id, element_id: elementId }).whereIn('state', ['OPEN', 'CLAIMED']).first()) as Row) ?? null, 15_000, `环节 ${elementId} 的待办`);
  // Before the clock moves, every service-task job the last step made must have run: on a busy machine a
  // fixed pause let the card be issued after the jump (a validity counted from the wrong day).
  const settle = async () => {
    const engine = platform.engine;
    if (engine.settled) return waitFor(async () => ((await engine.settled!()) ? true : null), 15_000, '引擎任务执行完毕');
    if (engine.kind !== 'embedded') return;
    await waitFor(async () => !(await knex('engine_jobs').whereNot('type', USER_TASK_JOB_TYPE).whereIn('state', ['ACTIVATABLE', 'ACTIVATED']).first('key')), 15_000, '服务任务执行完毕');
    // and every user task the engine holds is in the inbox (the projection follows the job)
    await waitFor(
      async () => !(await knex('engine_jobs as j').leftJoin('tasks as t', 't.id', 'j.key').where('j.type', USER_TASK_JOB_TYPE).whereIn('j.state', ['ACTIVATABLE', 'ACTIVATED']).whereNull('t.id').first('j.key')),
      15_000,
      '待办生成完毕',
    );
  };

  // when
  const steps: StepOutcome[] = [];
  const mismatches: string[] = [];
  let error: string | null = null;
  for (const [index, step] of s.when.entries()) {
    const at = shanghaiDate(clock.now());
    try {
      let note: string | undefined;
      if ((step.submit || step.action) && step.refused) {
        // Must be refused with this Chinese title (and detail): outside the registration windows, in a status the package does not allow.
        const attempt = step.submit ? applications.submit(applicant, app.id) : applications.performAction(applicant, app.id, step.action!, step.data ?? {});
        const err = await attempt.then(() => null, (e: Error & { title?: string; detail?: string }) => e);
        const title = err ? (err.title ?? err.message) : null;
        note = title ? `被拒绝:${title}${err?.detail ? `(${err.detail})` : ''}` : '未被拒绝';
        if (title !== step.refused) mismatches.push(`第 ${index + 1} 步应被拒绝为「${step.refused}」,实际${title ? `为「${title}」` : '未被拒绝'}`);
        if (step.refusedDetail && err?.detail !== step.refusedDetail) mismatches.push(`第 ${index + 1} 步的拒绝说明应为「${step.refusedDetail}」,实际为「${err?.detail ?? ''}」`);
      } else if (step.submit) {
        await applications.submit(applicant, app.id);
        await waitFor(async () => (await appRow()).process_instance_key, 10_000, '流程启动');
        note = '已提交';
      } else if (step.action) {
        // An applicant's action (e.g. a leave request) starts the package's action process for this application.
        await applications.performAction(applicant, app.id, step.action, step.data ?? {});
        note = `已办理「${step.action}」`;
      } else if (step.expectStatus) {
        await waitFor(async () => ((await appRow()).status === step.expectStatus ? true : null), 15_000, `状态 ${step.expectStatus}`);
      } else if (step.complete) {
        const task = await openTaskAt(step.complete);
        const groups: string[] = JSON.parse(task.candidate_groups);
        // A task for the applicant is a correction: the applicant resubmits the corrected form.
        if (groups.includes(`applicant:${applicant.id}`)) {
          await applications.resubmit(applicant, app.id, { ...data, ...(step.data ?? {}) });
          note = `申报人补正后重新提交「${task.name}」`;
        } else {
          const reviewer = DEMO_ACCOUNTS.find((a) => candidateGroupsOf(a as unknown as Actor).some((g) => groups.includes(g)));
          if (!reviewer) throw new Error(`没有可办理 ${groups.join('、')} 的演示审核账号`);
          await inbox.complete(await actorOf(platform, reviewer.username), task.id, { decision: step.decision ?? 'approve', opinion: '试运行意见', data: step.data });
          note = `${reviewer.displayName}办理「${task.name}」:${{ approve: '同意', reject: '不同意', return: '退回补正' }[step.decision ?? 'approve']}`;
        }
      } else if (step.advanceDays) {
        await settle();
        clock.advance(step.advanceDays * DAY);
        await settle();
        note = `时间推进 ${step.advanceDays} 天至 ${shanghaiDate(clock.now())}`;
      } else if (step.expectWaitingAt) {
        for (const el of step.expectWaitingAt) await openTaskAt(el);
      }
      steps.push({ index, at, step, ok: true, ...(note ? { note } : {}) });
    } catch (err) {
      error = `第 ${index + 1} 步无法进行:${(err as Error & { title?: string }).title ?? (err as Error).message}`;
      steps.push({ index, at, step, ok: false, note: error });
      break;
    }
  }

  // then: wait for the expected status (or let the last step's jobs run), then look at everything
  const want = s.then;
  await settle().catch(() => undefined);
  // Once the service jobs have run the status is where it stays; a little grace for the last write.
  if (!error && want) await waitFor(async () => ((await appRow()).status === want.status ? true : null), 3_000, `状态 ${want.status}`).catch(() => undefined);
  const needsEnd = !!(want?.completedElements || want?.completedElementsEndWith);
  let row = await appRow();
  let instance = row.process_instance_key ? await platform.engine.getInstance(row.process_instance_key) : null;
  if (!error && needsEnd && instance) {
    instance = (await waitFor(async () => {
      const i = await platform.engine.getInstance(row.process_instance_key);
      return i && i.status !== 'ACTIVE' ? i : null;
    }, 10_000, '流程结束').catch(() => platform.engine.getInstance(row.process_instance_key))) ?? instance;
  }
  row = await appRow();
  const idNumber = String(data.idNumber);
  const facts = await platform.services.registry.getPersonFacts(idNumber, s.given.asOf.slice(0, 10)).catch(() => null);
  const waiting = (await knex('tasks').where({ application_id: app.id }).whereIn('state', ['OPEN', 'CLAIMED']).orderBy('created_at')) as Row[];
  const outcome = row.outcome ? (JSON.parse(row.outcome) as { reason?: string; reasonText?: string }) : {};
  const eligibility = row.eligibility ? JSON.parse(row.eligibility) : null;
  const variables = (instance?.variables ?? {}) as Record<string, unknown>;
  const completedElements = instance?.completedElements ?? [];
  const run: ScenarioRun = {
    applicationId: app.id,
    steps,
    status: row.status,
    statusLabel: row.stage ?? row.status,
    reason: outcome.reasonText ?? outcome.reason ?? null,
    completedElements,
    waitingAt: waiting.map((t) => ({ elementId: t.element_id, name: t.name ?? null, dueAt: t.due_at ? new Date(t.due_at).toISOString() : null, candidateGroups: JSON.parse(t.candidate_groups) })),
    eligibility,
    variables,
    cards: (facts?.cards ?? []) as unknown as Array<Record<string, unknown>>,
    examSittings: (facts?.examSittings ?? []) as unknown as Array<Record<string, unknown>>,
    sanctions: (facts?.bans ?? []) as unknown as Array<Record<string, unknown>>,
    mismatches,
    error,
  };
  if (!want || error) {
    if (error && want) mismatches.push(error);
    return run;
  }

  if (run.status !== want.status) mismatches.push(`状态应为 ${want.status},实际为 ${run.status};经过 ${completedElements.join(' > ')}`);
  if (want.completedElements && !isDeepStrictEqual(completedElements, want.completedElements)) mismatches.push(`经过的环节应为 ${want.completedElements.join(' > ')},实际为 ${completedElements.join(' > ')}`);
  if (want.completedElementsEndWith) {
    const tail = completedElements.slice(-want.completedElementsEndWith.length);
    if (!isDeepStrictEqual(tail, want.completedElementsEndWith)) mismatches.push(`最后经过的环节应为 ${want.completedElementsEndWith.join(' > ')},实际为 ${tail.join(' > ')}`);
  }
  for (const el of want.waitingAt ?? []) if (!waiting.some((t) => t.element_id === el)) mismatches.push(`应停在环节 ${el},实际停在 ${waiting.map((t) => t.element_id).join('、') || '(无)'}`);
  if (!row.process_instance_key && Object.keys(want.variables ?? {}).length) mismatches.push('申报未启动流程,没有流程变量可比');
  for (const [p, expected] of Object.entries(want.variables ?? {})) {
    const actual = readPath(variables, p);
    if (!isDeepStrictEqual(actual, expected)) mismatches.push(`变量 ${p} 应为 ${show(expected)},实际为 ${show(actual)}`);
  }
  // The applicant's cards as the registry holds them afterwards (issued, collected, cancelled, voided), in issue order.
  if (want.cards && !matches(run.cards, want.cards)) mismatches.push(`登记的证卡应为 ${show(want.cards)},实际为 ${show(run.cards)}`);
  // An action's process (the last one started for that action): its variables and how it ended.
  for (const [actionId, expected] of Object.entries(want.actions ?? {})) {
    const started = (await platform.services.audit.listForApplication(app.id)).filter((e) => e.action === 'application.action' && (e.detail as { actionId?: string }).actionId === actionId);
    if (started.length === 0) {
      mismatches.push(`应办理过操作 ${actionId}`);
      continue;
    }
    const key = (started[started.length - 1]!.detail as { processInstanceKey: string }).processInstanceKey;
    const inst = await waitFor(async () => {
      const i = (await platform.engine.getInstance(key))!;
      return !expected.completedElementsEndWith || i.status !== 'ACTIVE' ? i : null;
    }, 10_000, `操作 ${actionId} 的流程`).catch(() => platform.engine.getInstance(key));
    const tail = inst?.completedElements.slice(-(expected.completedElementsEndWith?.length ?? 0)) ?? [];
    if (expected.completedElementsEndWith && !isDeepStrictEqual(tail, expected.completedElementsEndWith)) mismatches.push(`操作 ${actionId} 最后经过的环节应为 ${expected.completedElementsEndWith.join(' > ')},实际为 ${tail.join(' > ')}`);
    for (const [p, v] of Object.entries(expected.variables ?? {})) {
      const actual = readPath((inst?.variables ?? {}) as Record<string, unknown>, p);
      if (!isDeepStrictEqual(actual, v)) mismatches.push(`操作 ${actionId} 的变量 ${p} 应为 ${show(v)},实际为 ${show(actual)}`);
    }
  }
  // The applicant's exam sittings in the registry afterwards, in date order.
  if (want.examSittings && !matches(run.examSittings, want.examSittings)) mismatches.push(`登记的考试记录应为 ${show(want.examSittings)},实际为 ${show(run.examSittings)}`);
  if (want.failedClauses) {
    const failed = (eligibility?.checks ?? []).filter((c: { outcome: string }) => c.outcome === 'INELIGIBLE').map((c: { clause: string }) => c.clause).sort();
    if (!isDeepStrictEqual(failed, [...want.failedClauses].sort())) mismatches.push(`不符合的条款应为 ${[...want.failedClauses].sort().join('、')},实际为 ${failed.join('、') || '(无)'}`);
  }
  return run;
}
