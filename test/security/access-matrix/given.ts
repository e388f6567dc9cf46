import fs from 'node:fs';
import path from 'node:path';
import type request from 'supertest';
import { idCardCheckDigit } from '../../../forms/index.ts';
import { DEMO_PASSWORD } from '../../../engine/services/demo/demoData.ts';
import type { TestPlatform } from '../../support/testPlatform.ts';
import { validApplication } from '../../support/fixtures.ts';
import { waitFor } from '../../support/waitFor.ts';
import { CASTS, FIXTURE_ACCOUNTS, ROLES, throwawayName, type Family } from './callers.ts';
import { SAMPLE_PDF, SAMPLE_PNG } from './sampleFiles.ts';

type Agent = request.Agent;

/** The resources of one family that the matrix's rows are about (ids, hashes, region codes). */
export interface Resources {
  /** A submitted application at its first review step, with attachments. */
  app: string;
  appAttachment: string;
  /** A draft of the owner with valid data and one attachment. */
  draft: string;
  draftData: Record<string, unknown>;
  draftAttachment: string;
  attachmentKind: string;
  /** A complete draft for the submit row. */
  submitDraft: string;
  /** Submitted, no decision yet (withdraw row). */
  withdrawApp: string;
  /** Sent back for correction (resubmit row). */
  returnedApp: string;
  returnedData: Record<string, unknown>;
  /** Admitted to the exam (the leave-request action row). */
  admittedApp: string;
  actionId: string;
  actionData: Record<string, unknown>;
  unitTask: string;
  cityTask: string;
  provinceTask: string;
  /** An open unit-step task for the complete row, and one claimed by its unit for the unclaim row. */
  completeTask: string;
  unclaimTask: string;
  incident: string;
  personId: string;
  packageHash: string;
  olderPackageHash: string;
  /** A version whose schedule has plans to publish (SC24-07). */
  renewalPackageHash: string;
  packageSource: string;
  /** The region whose calendar the family's admins keep, and a date with an entry there. */
  region: string;
  calendarDate: string;
  /** an applicant account of the family's region whose password an admin resets */
  resetTarget: string;
  /** Package drafts (issue 11) of the family's province, made from a template by its policy editor: one only read, one per write that changes it. */
  packageDraft: string;
  saveDraft: string;
  fileDeleteDraft: string;
  publishDraft: string;
  adminPublishDraft: string;
  deleteDraft: string;
  /** A Sichuan draft cloned from the 2021 version (it has process scenarios to try out). */
  tryoutDraft: string;
  /** ids of resources that do not exist (for the rows proving the role is checked before the lookup) */
  missingId: string;
  missingHash: string;
  missingKey: string;
}

export type Given = Record<Family, Partial<Resources>>;

/** One signed-in agent per account, created on first use. */
export class Sessions {
  private readonly agents = new Map<string, Promise<Agent>>();
  constructor(private readonly t: TestPlatform) {}
  as(username: string): Promise<Agent> {
    if (!this.agents.has(username)) this.agents.set(username, this.t.login(username));
    return this.agents.get(username)!;
  }
}

const PACKAGES = ['sichuan/2021-examiner-training', 'sichuan/2024-renewal', 'sichuan/2026-examiner-training', 'sichuan/2026-supervisor-training', 'liaocheng/2020-org-pilot', 'gansu/2024-certification-plan'];

function expectStatus(res: request.Response, status: number, what: string): void {
  if (res.status !== status) throw new Error(`given: ${what} answered ${res.status} (expected ${status}): ${JSON.stringify(res.body)}`);
}

interface AttachmentSpec {
  kind: string;
  accept?: string[];
  required?: boolean | { when: { field: string; in: unknown[] } };
}

function requiredKinds(pkgDir: string, data: Record<string, unknown>): AttachmentSpec[] {
  const schema = JSON.parse(fs.readFileSync(path.join('deployments', pkgDir, 'forms/application.schema.json'), 'utf8')) as { 'x-attachments': AttachmentSpec[] };
  return schema['x-attachments'].filter((s) => s.required === true || (typeof s.required === 'object' && s.required.when.in.includes(data[s.required.when.field])));
}

async function upload(agent: Agent, appId: string, spec: AttachmentSpec): Promise<string> {
  const pdf = (spec.accept ?? ['application/pdf']).includes('application/pdf');
  const res = await agent
    .post(`/api/applications/${appId}/attachments`)
    .field('kind', spec.kind)
    .attach('file', pdf ? SAMPLE_PDF : SAMPLE_PNG, { filename: `${spec.kind}.${pdf ? 'pdf' : 'png'}`, contentType: pdf ? 'application/pdf' : 'image/png' });
  expectStatus(res, 201, `upload ${spec.kind}`);
  return res.body.id as string;
}

/**
 * Creates everything the matrix's rows need on a started test platform with the demo data: the six
 * packages deployed and active; fixture accounts; Sichuan applications at the unit, city and
 * province steps and in the states the write rows need; a Gansu organisation's application at the
 * province step; an incident in each province; calendar entries in each province.
 */
export async function given(t: TestPlatform, sessions: Sessions): Promise<Given> {
  const { packages, accounts, registry } = t.platform.services;
  const knex = t.platform.db.knex;

  // given: the six packages, deployed and active
  const hashes: Record<string, string> = {};
  for (const dir of PACKAGES) {
    const { version } = await packages.deployFromDirectory(null, dir);
    await packages.activate(null, version.hash);
    hashes[dir] = version.hash;
  }

  // given: the accounts the demo data lacks — an individual applicant registered in 兰州, and a
  // unit reviewer of a recommending organisation there
  const gsFirst17 = '62010219900305001';
  await registry.upsertOrganisation({ id: 'org-gs-matrix-unit', name: '兰州某推荐单位(访问矩阵测试)', regionCode: '620102', cityCode: '620100', provinceCode: '620000', level: 'city', filingStatus: 'FILED', filingAcceptedDate: '2022-01-01', filedDate: '2022-02-01', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: [] } as never);
  await accounts.createAccount({ username: FIXTURE_ACCOUNTS.gansuPerson, role: 'applicant', displayName: '赵敏', orgId: null, regionCode: null, idNumber: gsFirst17 + idCardCheckDigit(gsFirst17), password: DEMO_PASSWORD });
  await accounts.createAccount({ username: FIXTURE_ACCOUNTS.gansuUnit, role: 'unit_reviewer', displayName: '兰州某推荐单位审核人', orgId: 'org-gs-matrix-unit', regionCode: '620100', idNumber: null, password: DEMO_PASSWORD });

  const openTask = (appId: string, elementId?: string) =>
    waitFor(
      async () => {
        const q = knex('tasks').where({ application_id: appId }).whereIn('state', ['OPEN', 'CLAIMED']);
        if (elementId) q.andWhere({ element_id: elementId });
        return ((await q.first('id', 'element_id')) as { id: string; element_id: string } | undefined) ?? null;
      },
      15_000,
      `an open task of ${appId}${elementId ? ` at ${elementId}` : ''}`,
    );
  const statusIs = (appId: string, status: string) =>
    waitFor(async () => ((await knex('applications').where({ id: appId }).first('status'))?.status === status ? true : null), 15_000, `${appId} in ${status}`);

  // given: applicants of each province whose password an admin resets, and for each role two
  // throw-away accounts (like the unscoped cast's) for the rows that end all their sessions or change their password
  const first17 = { sc: '51070319900101021', gs: '62010219900101021' };
  await accounts.createAccount({ username: FIXTURE_ACCOUNTS.sichuanResetTarget, role: 'applicant', displayName: '钱程', orgId: null, regionCode: null, idNumber: first17.sc + idCardCheckDigit(first17.sc), password: DEMO_PASSWORD });
  await accounts.createAccount({ username: FIXTURE_ACCOUNTS.gansuResetTarget, role: 'applicant', displayName: '孙丽', orgId: null, regionCode: null, idNumber: first17.gs + idCardCheckDigit(first17.gs), password: DEMO_PASSWORD });
  for (const family of ['signOutEverywhere', 'changePassword'] as const) {
    for (const role of ROLES) {
      const like = await accounts.findByUsername(CASTS.unscoped[role]!.unscoped!);
      if (!like) throw new Error(`given: no account ${CASTS.unscoped[role]!.unscoped}`);
      await accounts.createAccount({ username: throwawayName(family, role), role: like.role, displayName: `${like.displayName}(矩阵)`, orgId: like.orgId, regionCode: like.regionCode, idNumber: null, password: DEMO_PASSWORD });
    }
  }

  // Sign everyone in on today's clock: a cookie dated in the notice's year would already have expired.
  await Promise.all([CASTS.sichuan, CASTS.gansu, CASTS.unscoped].flatMap((c) => Object.values(c).flatMap((s) => Object.values(s))).map((u) => sessions.as(u)));

  // ------------------------------------------------------------------ Gansu (on the notice's dates)
  t.clock.set(Date.parse('2024-03-01T09:00:00+08:00'));
  const gsDir = 'gansu/2024-certification-plan';
  const gsScenario = JSON.parse(fs.readFileSync(path.join('deployments', gsDir, 'scenarios/provincial-org-happy-path.json'), 'utf8')) as { given: { application: Record<string, unknown> } };
  const gsData = gsScenario.given.application;
  const gsOrg = await sessions.as('gs-org-provincial');
  const gsCreate = async () => {
    const res = await gsOrg.post('/api/applications').send({ packageHash: hashes[gsDir], data: gsData });
    expectStatus(res, 201, 'Gansu draft');
    return res.body.id as string;
  };
  const gsApp = await gsCreate();
  const gsKinds = requiredKinds(gsDir, gsData);
  const gsAttachments: string[] = [];
  for (const k of gsKinds) gsAttachments.push(await upload(gsOrg, gsApp, k));
  expectStatus(await gsOrg.post(`/api/applications/${gsApp}/submit`), 202, 'Gansu submit');
  const gsTask = await openTask(gsApp, 'Task_ProvinceFiling');
  const gsDraft = await gsCreate();
  const gsDraftAttachment = await upload(gsOrg, gsDraft, gsKinds[0]);
  // An incident in a Gansu instance: its held user-task job fails with no retries left.
  await t.platform.engine.failJob(gsTask.id, '访问矩阵测试:任务处理失败', 0);
  const gsIncident = await waitFor(async () => (await t.platform.engine.listIncidents({ state: 'OPEN' })).find((i) => i.jobKey === gsTask.id), 10_000, 'the Gansu incident');
  t.clock.set(Date.now());

  // ------------------------------------------------------------------ Sichuan
  const scDir = 'sichuan/2026-examiner-training';
  const zhangwei = await sessions.as('zhangwei');
  const me = (await zhangwei.get('/api/me')).body as { displayName: string; idNumber: string };
  const scData = validApplication({ name: me.displayName, idNumber: me.idNumber, recommenderOrgId: 'org-my-filed' });
  const scKinds = requiredKinds(scDir, scData);
  const scDraft = async (withAttachments: boolean) => {
    const res = await zhangwei.post('/api/applications').send({ packageHash: hashes[scDir], data: scData });
    expectStatus(res, 201, 'Sichuan draft');
    const ids: string[] = [];
    if (withAttachments) for (const k of scKinds) ids.push(await upload(zhangwei, res.body.id, k));
    return { id: res.body.id as string, attachments: ids };
  };
  const scSubmitted = async () => {
    const d = await scDraft(true);
    expectStatus(await zhangwei.post(`/api/applications/${d.id}/submit`), 202, 'Sichuan submit');
    const unitTask = await openTask(d.id);
    return { ...d, unitTask: unitTask.id };
  };
  const decide = async (reviewer: string, appId: string, decision: 'approve' | 'return', data?: Record<string, unknown>) => {
    const agent = await sessions.as(reviewer);
    const task = await openTask(appId);
    expectStatus(await agent.post(`/api/tasks/${task.id}/claim`), 200, `${reviewer} claims ${task.element_id}`);
    expectStatus(await agent.post(`/api/tasks/${task.id}/complete`).send({ decision, opinion: decision === 'approve' ? '材料齐全,同意。' : '材料不全,请补正。', ...(data ? { data } : {}) }), 200, `${reviewer} decides ${task.element_id}`);
    // wait until the process has moved on from that task
    await waitFor(async () => ((await openTask(appId).catch(() => null))?.id !== task.id ? true : null), 15_000, `${appId} past ${task.element_id}`);
  };

  const read = await scSubmitted();
  const [completeApp, unclaimApp, withdrawApp, incidentApp, cityApp, provinceApp, returnedApp, admittedApp] = await Promise.all(Array.from({ length: 8 }, () => scSubmitted()));
  expectStatus(await (await sessions.as('unit-my-filed')).post(`/api/tasks/${unclaimApp.unitTask}/claim`), 200, 'claim of the unclaim task');
  await t.platform.engine.failJob(incidentApp.unitTask, '访问矩阵测试:任务处理失败', 0);
  const scIncident = await waitFor(async () => (await t.platform.engine.listIncidents({ state: 'OPEN' })).find((i) => i.jobKey === incidentApp.unitTask), 10_000, 'the Sichuan incident');

  await Promise.all([
    decide('unit-my-filed', cityApp.id, 'approve'),
    (async () => {
      await decide('unit-my-filed', provinceApp.id, 'approve');
      await decide('city-mianyang', provinceApp.id, 'approve');
    })(),
    (async () => {
      await decide('unit-my-filed', returnedApp.id, 'return');
      await statusIs(returnedApp.id, 'RETURNED');
    })(),
    (async () => {
      await decide('unit-my-filed', admittedApp.id, 'approve');
      await decide('city-mianyang', admittedApp.id, 'approve');
      await decide('province-sichuan', admittedApp.id, 'approve');
      await statusIs(admittedApp.id, 'ADMITTED');
    })(),
  ]);
  const cityTask = await openTask(cityApp.id);
  const provinceTask = await openTask(provinceApp.id);
  const draft = await scDraft(false);
  const draftAttachment = await upload(zhangwei, draft.id, scKinds[0]);
  const submitDraft = await scDraft(true);

  // given: calendar entries in each province, on a date far from every running deadline
  expectStatus(await (await sessions.as('admin')).put('/api/admin/calendar/overrides/2030-05-06').send({ working: false, note: '访问矩阵测试', region: '510000' }), 200, 'Sichuan calendar entry');
  expectStatus(await (await sessions.as('admin-gansu')).put('/api/admin/calendar/overrides/2030-05-07').send({ working: false, note: '访问矩阵测试', region: '620000' }), 200, 'Gansu calendar entry');

  // given: package drafts of each province, made from the empty template by the province's policy editor
  const packageDraft = async (editor: string, region: { code: string; name: string }, name: string) => {
    const res = await (await sessions.as(editor)).post('/api/drafts').send({ template: 'empty', packageId: `matrix-${name}`, procedure: 'matrix-check', region, year: 2027, title: `访问矩阵草稿 ${name}` });
    expectStatus(res, 201, `package draft ${name}`);
    return res.body.id as string;
  };
  const sichuanRegion = { code: '510000', name: '四川省' };
  const [scPackageDraft, saveDraft, fileDeleteDraft, publishDraft, adminPublishDraft, deleteDraft, gsPackageDraft] = await Promise.all([
    packageDraft('policy-editor', sichuanRegion, 'sc-read'),
    packageDraft('policy-editor', sichuanRegion, 'sc-save'),
    packageDraft('policy-editor', sichuanRegion, 'sc-file-delete'),
    packageDraft('policy-editor', sichuanRegion, 'sc-publish'),
    packageDraft('policy-editor', sichuanRegion, 'sc-admin-publish'),
    packageDraft('policy-editor', sichuanRegion, 'sc-delete'),
    packageDraft('policy-editor-gansu', { code: '620000', name: '甘肃省' }, 'gs-read'),
  ]);

  // given: a clone of the 2021 Sichuan version, whose scenarios a try-out runs
  const tryoutClone = await (await sessions.as('policy-editor')).post('/api/drafts').send({ fromHash: hashes['sichuan/2021-examiner-training'], year: 2028, packageId: 'matrix-sc-tryout-2028' });
  expectStatus(tryoutClone, 201, 'try-out draft');
  const tryoutDraft = tryoutClone.body.id as string;

  const examDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    sichuan: {
      app: read.id,
      appAttachment: read.attachments[0],
      draft: draft.id,
      draftData: scData,
      draftAttachment,
      attachmentKind: scKinds[0].kind,
      submitDraft: submitDraft.id,
      withdrawApp: withdrawApp.id,
      returnedApp: returnedApp.id,
      returnedData: scData,
      admittedApp: admittedApp.id,
      actionId: 'leave-request',
      actionData: { examDate, reason: '因单位工作安排不能参加考核' },
      unitTask: read.unitTask,
      cityTask: cityTask.id,
      provinceTask: provinceTask.id,
      completeTask: completeApp.unitTask,
      unclaimTask: unclaimApp.unitTask,
      incident: scIncident.key,
      personId: me.idNumber,
      packageHash: hashes[scDir],
      olderPackageHash: hashes['sichuan/2021-examiner-training'],
      renewalPackageHash: hashes['sichuan/2024-renewal'],
      packageSource: scDir,
      region: '510000',
      calendarDate: '2030-05-06',
      resetTarget: FIXTURE_ACCOUNTS.sichuanResetTarget,
      packageDraft: scPackageDraft,
      saveDraft,
      fileDeleteDraft,
      publishDraft,
      adminPublishDraft,
      deleteDraft,
      tryoutDraft,
    },
    gansu: {
      app: gsApp,
      appAttachment: gsAttachments[0],
      draft: gsDraft,
      draftData: gsData,
      draftAttachment: gsDraftAttachment,
      attachmentKind: gsKinds[0].kind,
      provinceTask: gsTask.id,
      incident: gsIncident.key,
      packageHash: hashes[gsDir],
      packageSource: gsDir,
      region: '620000',
      calendarDate: '2030-05-07',
      resetTarget: FIXTURE_ACCOUNTS.gansuResetTarget,
      packageDraft: gsPackageDraft,
    },
    unscoped: { packageHash: hashes[scDir], missingId: '00000000-0000-4000-8000-000000000000', missingHash: '0'.repeat(64), missingKey: '999999999999' },
    signOutEverywhere: {},
    changePassword: {},
  };
}
