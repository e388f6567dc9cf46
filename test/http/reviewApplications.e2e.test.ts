import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '../../forms/checkIdCard.ts';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { AUDIT_READ_ACTION } from '../../engine/services/audit/AuditLog.ts';
import { idSuffixKey } from '../../engine/services/review/applicationSearchColumns.ts';
import type { TestPlatform } from '../support/testPlatform.ts';
import { examinerData, seedSubmittedApplication, type SeededApplication } from '../support/seedSubmittedApplication.ts';
import { validApplication } from '../support/fixtures.ts';
import { JPEG, PDF, PNG_FILE as PNG } from '../support/uploadFixtures.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';

type Agent = request.Agent;
const idOf = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!.idNumber!;
const accountIdOf = async (t: TestPlatform, username: string) => (await t.platform.db.knex('accounts').where({ username }).first('id')).id as string;
const withCheck = (first17: string) => first17 + idCardCheckDigit(first17);
const SUPERVISOR_ID = withCheck('51070219800506123');
const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;

/** An xlsx download read back into a workbook. */
async function download(agent: Agent, url: string, query: Record<string, string>) {
  const res = await agent
    .get(url)
    .query(query)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  let ws: ExcelJS.Worksheet | undefined;
  if (res.status === 200) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    ws = wb.worksheets[0];
  }
  return { res, ws };
}
const rowValues = (ws: ExcelJS.Worksheet, r: number, width: number) => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value ?? null);
const merges = (ws: ExcelJS.Worksheet) => [...(ws.model as unknown as { merges: string[] }).merges].sort();


describe.each(storeTargets())('reviewer application list and 汇总表 export on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let admin: Agent;
  const hash: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function seed(key: string, pkg: '2021' | '2024', o: Omit<SeededApplication, 'packageHash' | 'packageId'>) {
    ids[key] = await seedSubmittedApplication(t, { ...o, packageHash: hash[pkg]!, packageId: pkg === '2021' ? 'sichuan-2021-examiner-training' : 'sichuan-2024-renewal' });
  }

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    admin = await t.login('admin');
    for (const [key, dir] of [['2021', 'sichuan/2021-examiner-training'], ['2024', 'sichuan/2024-renewal'], ['2026', 'sichuan/2026-examiner-training']] as const) {
      const res = await admin.post('/api/packages').send({ source: dir });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      hash[key] = res.body.hash;
    }
    expect((await admin.post(`/api/packages/${hash['2026']}/activate`)).status).toBe(200);

    // given: applications of three cities, one a draft
    await seed('r1', '2021', { applicant: 'zhangwei', orgId: 'org-my-filed', cityCode: '510700', status: 'IN_REVIEW', submittedAt: '2021-06-10T02:00:00.000Z', data: examinerData('张伟', idOf('zhangwei'), 'org-my-filed') });
    await seed('r2', '2021', { applicant: 'chenjing', orgId: 'org-my-applied', cityCode: '510700', status: 'SUBMITTED', submittedAt: '2021-06-11T16:30:00.000Z', data: examinerData('陈静', idOf('chenjing'), 'org-my-applied', { qualifications: [] }) });
    await seed('r3', '2021', { applicant: 'liuna', orgId: 'org-cd-city', cityCode: '510100', status: 'IN_REVIEW', submittedAt: '2021-06-12T03:00:00.000Z', data: examinerData('刘娜', idOf('liuna'), 'org-cd-city') });
    await seed('r4', '2021', { applicant: 'wangqiang', orgId: 'org-dy-stale', cityCode: '510600', status: 'DRAFT', submittedAt: null, data: examinerData('王强', idOf('wangqiang'), 'org-dy-stale') });
    await seed('s1', '2024', { applicant: 'zhangwei', orgId: 'org-my-filed', cityCode: '510700', status: 'IN_REVIEW', submittedAt: '2024-04-15T02:00:00.000Z', data: examinerData('张伟', idOf('zhangwei'), 'org-my-filed', { round: '2024-04' }) });
    const supervisor = (name: string, idNumber: string, orgId: string, over: Record<string, unknown> = {}) => ({
      ...examinerData(name, idNumber, orgId),
      applicantType: 'SUPERVISOR',
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      ethnicity: '汉族',
      politicalStatus: '中共党员',
      workYears: 20,
      email: 'dudao@example.cn',
      supervisionCount: 6,
      supervisionPlaces: '绵阳市技师学院',
      cardNumber: 'DD510700001',
      ...over,
    });
    await seed('s2', '2024', { applicant: 'chenjing', orgId: 'org-my-filed', cityCode: '510700', status: 'IN_REVIEW', submittedAt: '2024-04-16T02:00:00.000Z', data: supervisor('李督导', SUPERVISOR_ID, 'org-my-filed') });
    await seed('s3', '2024', { applicant: 'wangqiang', orgId: 'org-dy-stale', cityCode: '510600', status: 'ADMITTED', submittedAt: '2024-04-17T02:00:00.000Z', data: supervisor('王强', idOf('wangqiang'), 'org-dy-stale', { politicalStatus: '群众', supervisionCount: 0 }) });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  const list = async (agent: Agent, query: Record<string, string | number> = {}) => agent.get('/api/review/applications').query(query);
  const listIds = async (agent: Agent, query: Record<string, string | number> = {}) => {
    const res = await list(agent, { pageSize: 100, ...query });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return { keys: (res.body.items as Array<{ id: string }>).map((i) => byId[i.id] ?? i.id).sort(), total: res.body.total as number };
  };

  it('scopes the list like the inbox: the unit sees its organisation, the city its city, the province its province; never a draft', async () => {
    // when / then
    expect(await listIds(await t.login('unit-my-filed'))).toEqual({ keys: ['r1', 's1', 's2'], total: 3 });
    expect(await listIds(await t.login('unit-cd-city'))).toEqual({ keys: ['r3'], total: 1 });
    expect(await listIds(await t.login('city-mianyang'))).toEqual({ keys: ['r1', 'r2', 's1', 's2'], total: 4 });
    expect(await listIds(await t.login('city-chengdu'))).toEqual({ keys: ['r3'], total: 1 });
    expect(await listIds(await t.login('province-sichuan'))).toEqual({ keys: ['r1', 'r2', 'r3', 's1', 's2', 's3'], total: 6 });
    expect(await listIds(admin)).toEqual({ keys: ['r1', 'r2', 'r3', 's1', 's2', 's3'], total: 6 });
  });

  it('shows other regions nothing: an empty list, and their package filter does not exist (404); other roles are refused (403)', async () => {
    // given
    const gansu = await t.login('province-gansu');
    const lanzhou = await t.login('city-lanzhou');

    // when / then
    expect(await listIds(gansu)).toEqual({ keys: [], total: 0 });
    expect(await listIds(lanzhou)).toEqual({ keys: [], total: 0 });
    expect(await listIds(await t.login('admin-shandong'))).toEqual({ keys: [], total: 0 });
    const foreign = await list(gansu, { package: hash['2021']! });
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await list(await t.login('zhangwei'))).status).toBe(403);
    expect((await list(await t.login('policy-editor'))).status).toBe(403);
    expect((await t.agent().get('/api/review/applications')).status).toBe(401);
  });

  it('filters by package (hash or procedure and year), status, city and Shanghai submission dates', async () => {
    // given
    const province = await t.login('province-sichuan');

    // when / then
    expect(await listIds(province, { package: hash['2021']! })).toEqual({ keys: ['r1', 'r2', 'r3'], total: 3 });
    expect(await listIds(province, { procedure: 'card-renewal', year: 2024 })).toEqual({ keys: ['s1', 's2', 's3'], total: 3 });
    expect(await listIds(province, { status: 'SUBMITTED' })).toEqual({ keys: ['r2'], total: 1 });
    expect(await listIds(province, { status: 'SUBMITTED,ADMITTED' })).toEqual({ keys: ['r2', 's3'], total: 2 });
    expect(await listIds(province, { cityCode: '510700' })).toEqual({ keys: ['r1', 'r2', 's1', 's2'], total: 4 });
    // 2021-06-11T16:30Z is 2021-06-12 in Shanghai
    expect(await listIds(province, { submittedFrom: '2021-06-12', submittedTo: '2021-06-12' })).toEqual({ keys: ['r2', 'r3'], total: 2 });
    expect(await listIds(province, { submittedTo: '2021-06-11' })).toEqual({ keys: ['r1'], total: 1 });
    // a filter never widens the scope
    expect(await listIds(await t.login('city-chengdu'), { cityCode: '510700' })).toEqual({ keys: [], total: 0 });
  });

  it('searches by part of the name or the last 4 characters of the ID number, and masks the ID numbers it lists', async () => {
    // given
    const province = await t.login('province-sichuan');

    // when / then
    expect(await listIds(province, { q: '张' })).toEqual({ keys: ['r1', 's1'], total: 2 });
    expect(await listIds(province, { q: '督导' })).toEqual({ keys: ['s2'], total: 1 });
    expect(await listIds(province, { q: idOf('liuna').slice(-4) })).toEqual({ keys: ['r3'], total: 1 });
    expect(await listIds(province, { q: SUPERVISOR_ID.slice(-4).toLowerCase() })).toEqual({ keys: ['s2'], total: 1 });
    expect(await listIds(province, { q: '%' })).toEqual({ keys: [], total: 0 });
    const res = await list(province, { q: '刘娜' });
    expect(res.body.items[0]).toMatchObject({ applicantName: '刘娜', idNumberMasked: mask(idOf('liuna')), status: 'IN_REVIEW', statusLabel: '审核中', recommenderOrgId: 'org-cd-city', cityCode: '510100', packageHash: hash['2021'] });
    expect(res.body.items[0].recommenderOrgName).toContain('成都');
    expect(JSON.stringify(res.body)).not.toContain(idOf('liuna'));
  });

  it('pages with the total, newest submission first, and refuses bad filters in Chinese', async () => {
    // given
    const province = await t.login('province-sichuan');

    // when
    const p1 = await list(province, { pageSize: 4 });
    const p2 = await list(province, { pageSize: 4, page: 2 });
    const p3 = await list(province, { pageSize: 4, page: 3 });

    // then
    expect(p1.body.total).toBe(6);
    expect(p1.body.items.map((i: { id: string }) => i.id)).toEqual([ids.s3, ids.s2, ids.s1, ids.r3]);
    expect(p2.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(p2.body.items.map((i: { id: string }) => i.id)).toEqual([ids.r2, ids.r1]);
    expect(p3.body).toMatchObject({ items: [], total: 6 });
    for (const bad of <Array<Record<string, string | number>>>[{ submittedFrom: '2021-02-30' }, { submittedFrom: '2021-06-12', submittedTo: '2021-06-01' }, { status: 'in review' }, { pageSize: 1000 }, { colour: 'red' }]) {
      const res = await list(province, bad as Record<string, string | number>);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('exports 附件2 of the 2021 notice with its title, header, one row per application in scope, footer and print setup, and audits the read', async () => {
    // given
    const city = await t.login('city-mianyang');

    // when
    const { res, ws } = await download(city, '/api/review/exports/examinerTraining.xlsx', { package: hash['2021']! });

    // then: a download that is not cached, named in Chinese
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('四川省技能人才评价考评员资格培训(复核)汇总表-')}`);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+";/);
    // then: the notice's layout
    const sheet = ws!;
    expect(sheet.getCell('A1').value).toBe('四川省技能人才评价考评员资格培训(复核)汇总表');
    expect(sheet.getCell('A2').value).toBe('填报单位:(盖章)');
    expect(rowValues(sheet, 3, 10)).toEqual(['序号', '工作单位', '姓名', '性别', '身份证号码', '文化程度', '现职业资格\n(专业技术职务)', '申报考评\n职业(工种)', '联系电话', '通讯地址']);
    expect(merges(sheet)).toEqual(['A1:J1', 'A2:J2', 'A6:J6']);
    // then: one row per application of the city, in submission order, with the full ID number
    expect(rowValues(sheet, 4, 10)).toEqual([1, '张伟的工作单位', '张伟', '男', idOf('zhangwei'), '大学本科', '汽车维修工、工程师', '汽车维修工', '13800138000', '四川省绵阳市涪城区演示路1号']);
    expect(rowValues(sheet, 5, 10)).toEqual([2, '陈静的工作单位', '陈静', '女', idOf('chenjing'), '大学本科', null, '汽车维修工', '13800138000', '四川省绵阳市涪城区演示路1号']);
    expect(sheet.getCell('E4').type).toBe(ExcelJS.ValueType.String);
    expect(String(sheet.getCell('A6').value)).toMatch(/^经办人:\s+联系电话:\s+填报时间:/);
    expect(sheet.getCell('B4').font?.name).toBe('宋体');
    expect(sheet.getCell('J5').border?.right?.style).toBe('thin');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });
    // then: the read of full ID numbers is on the audit record, naming the applications
    const audit = await t.platform.db.knex('audit_log').where({ action: AUDIT_READ_ACTION, entity_type: 'summary-export' }).orderBy('id', 'desc').first();
    const actor = await accountIdOf(t, 'city-mianyang');
    expect(audit.actor_id).toBe(actor);
    const detail = JSON.parse(audit.detail);
    expect(detail).toMatchObject({ purpose: 'review.summary.export', exportId: 'examinerTraining', fields: ['身份证号码'] });
    expect([...detail.applicationIds].sort()).toEqual([ids.r1, ids.r2].sort());
  });

  it('exports 附件2 and 附件4 of the 2024 notice, each with its own applicants, dates as yyyy-mm-dd text and closed lists in Chinese', async () => {
    // given
    const province = await t.login('province-sichuan');

    // when
    const examiners = await download(province, '/api/review/exports/examinerRenewal.xlsx', { package: hash['2024']! });
    const supervisors = await download(province, '/api/review/exports/supervisorRenewal.xlsx', { package: hash['2024']! });

    // then: 附件2 holds the examiner only
    const e = examiners.ws!;
    expect(e.getCell('A1').value).toBe('四川省技能人才评价考评员资格复核汇总表');
    expect(e.getCell('A2').value).toBe('填报单位：（盖章）');
    expect(rowValues(e, 3, 10)[6]).toBe('现职业资格\n(专业技术职称)');
    expect(rowValues(e, 4, 10)).toEqual([1, '张伟的工作单位', '张伟', '男', idOf('zhangwei'), '大学本科', '汽车维修工、工程师', '汽车维修工', '13800138000', '四川省绵阳市涪城区演示路1号']);
    expect(String(e.getCell('A5').value)).toMatch(/^经办人：/);
    // then: 附件4 has its 17 columns, no 填报单位 line, the supervisors, and its filling notes
    const s = supervisors.ws!;
    expect(s.getCell('A1').value).toBe('四川省技能人才评价质量督导员复核汇总表');
    expect(rowValues(s, 2, 17).map((v) => String(v).replace(/\s+/g, ''))).toEqual(['序号', '身份证号码', '姓名', '性别', '出生日期', '民族', '政治面貌', '文化程度', '工作年限', '电子邮箱', '从事职业', '联系方式', '工作单位', '督导次数', '督导地点', '原证卡编号', '通讯地址']);
    expect(rowValues(s, 3, 17)).toEqual([1, SUPERVISOR_ID, '李督导', '男', '1980-05-06', '汉族', '中共党员', '大学本科', 20, 'dudao@example.cn', '汽车维修工', '13800138000', '李督导的工作单位', 6, '绵阳市技师学院', 'DD510700001', '四川省绵阳市涪城区演示路1号']);
    expect(rowValues(s, 4, 17).slice(0, 9)).toEqual([2, idOf('wangqiang'), '王强', '男', '1982-09-21', '汉族', '群众', '大学本科', 20]);
    expect(s.getCell('E3').type).toBe(ExcelJS.ValueType.String);
    expect(s.getCell('E3').numFmt).toBe('@');
    expect(s.getCell('A5').value).toBe('地区/单位（盖章）：');
    expect(s.getCell('A7').value).toBe('填表说明：');
    expect(s.getCell('A8').value).toBe('1.出生日期格式必须为：yyyy-mm-dd，为文本类型。');
    expect(merges(s)).toContain('A1:Q1');
    expect(s.pageSetup.printTitlesRow).toBe('2:2');
  });

  it('exports only what the reviewer may see: a unit its own rows, other regions and unknown tables not found, other roles refused', async () => {
    // given
    const unit = await t.login('unit-cd-city');

    // when: a unit with no supervisor gets the empty table (and no audit entry of a read)
    const before = await t.platform.db.knex('audit_log').where({ action: AUDIT_READ_ACTION }).count({ n: '*' });
    const empty = await download(unit, '/api/review/exports/supervisorRenewal.xlsx', { package: hash['2024']! });
    const after = await t.platform.db.knex('audit_log').where({ action: AUDIT_READ_ACTION }).count({ n: '*' });

    // then
    expect(empty.res.status).toBe(200);
    expect(empty.res.headers['x-export-rows']).toBe('0');
    expect(String(empty.ws!.getCell('A3').value)).toBe('地区/单位（盖章）：');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    const filtered = await download(await t.login('city-mianyang'), '/api/review/exports/examinerTraining.xlsx', { package: hash['2021']!, q: '陈静' });
    expect(filtered.ws!.getCell('C4').value).toBe('陈静');
    expect(filtered.res.headers['x-export-rows']).toBe('1');
    expect((await download(await t.login('province-gansu'), '/api/review/exports/examinerTraining.xlsx', { package: hash['2021']! })).res.status).toBe(404);
    expect((await download(unit, '/api/review/exports/noSuchTable.xlsx', { package: hash['2021']! })).res.status).toBe(404);
    expect((await download(unit, '/api/review/exports/examinerTraining.xlsx', { package: hash['2026']! })).res.status).toBe(404);
    expect((await download(await t.login('zhangwei'), '/api/review/exports/examinerTraining.xlsx', { package: hash['2021']! })).res.status).toBe(403);
    expect((await download(unit, '/api/review/exports/examinerTraining.xlsx', {})).res.status).toBe(400);
  });

  it('finds a real submission by name and ID suffix: the search columns are filled when an application is submitted', async () => {
    // given: an applicant submits through the API
    const applicant = await t.login('wangqiang');
    const schema = JSON.parse(fs.readFileSync('deployments/sichuan/2026-examiner-training/forms/application.schema.json', 'utf8'));
    const data = validApplication({ name: '王强', idNumber: idOf('wangqiang'), recommenderOrgId: 'org-my-filed' });
    const draft = await applicant.post('/api/applications').send({ packageHash: hash['2026'], data });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[] }>) {
      const accept = spec.accept ?? ['application/pdf'];
      const [body, name] = accept.includes('application/pdf') ? [PDF, `${spec.kind}.pdf`] : accept.includes('image/jpeg') ? [JPEG, `${spec.kind}.jpg`] : [PNG, `${spec.kind}.png`];
      expect((await applicant.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', body, name)).status).toBe(201);
    }
    expect((await applicant.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    const unit = await t.login('unit-my-filed');

    // when
    const byName = await list(unit, { package: hash['2026']!, q: '王强' });
    const bySuffix = await list(unit, { q: idOf('wangqiang').slice(-4) });

    // then
    expect(byName.body.total).toBe(1);
    expect(byName.body.items[0]).toMatchObject({ id: draft.body.id, applicantName: '王强', idNumberMasked: mask(idOf('wangqiang')) });
    expect(bySuffix.body.items.map((i: { id: string }) => i.id)).toEqual([draft.body.id]);
    // the suffix is stored only as a keyed hash
    const row = await t.platform.db.knex('applications').where({ id: draft.body.id }).first('applicant_name', 'applicant_id_suffix');
    expect(row).toEqual({ applicant_name: '王强', applicant_id_suffix: idSuffixKey(t.platform.db.personal, idOf('wangqiang').slice(-4)) });
    expect(row.applicant_id_suffix).not.toContain(idOf('wangqiang').slice(-4));
  });

  it('lists the packages a reviewer may query with their 汇总表, and none of another province', async () => {
    // when
    const mine = await t.login('unit-my-filed');
    const res = await mine.get('/api/review/packages');
    // then: both Sichuan versions, each with the tables its notice defines
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byHash = Object.fromEntries((res.body as Array<{ packageHash: string; exports: Array<{ id: string; title: string }> }>).map((p) => [p.packageHash, p]));
    expect(byHash[hash['2021']!].exports.map((e) => e.id)).toEqual(['examinerTraining']);
    expect(byHash[hash['2024']!].exports.map((e) => e.id).sort()).toEqual(['examinerRenewal', 'supervisorRenewal']);
    expect(byHash[hash['2024']!].exports.find((e) => e.id === 'supervisorRenewal')!.title).toBe('四川省技能人才评价质量督导员复核汇总表');
    // and Gansu's province reviewer sees none of them, an applicant is refused
    const gansu = (await (await t.login('province-gansu')).get('/api/review/packages')).body as Array<{ packageHash: string }>;
    expect(gansu.some((p) => Object.values(hash).includes(p.packageHash))).toBe(false);
    expect((await (await t.login('zhangwei')).get('/api/review/packages')).status).toBe(403);
  });

  it('publishes both endpoints in the OpenAPI document with their query and response schemas', async () => {
    // when
    const doc = (await t.agent().get('/api/openapi.json')).body;

    // then
    const listOp = doc.paths['/api/review/applications'].get;
    expect(listOp.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cityCode', 'package', 'page', 'pageSize', 'procedure', 'q', 'status', 'submittedFrom', 'submittedTo', 'year']);
    expect(Object.keys(listOp.responses['200'].content['application/json'].schema.properties).sort()).toEqual(['items', 'page', 'pageSize', 'total']);
    expect(listOp.responses['200'].content['application/json'].schema.properties.items.items.properties.idNumberMasked).toBeTruthy();
    const exportOp = doc.paths['/api/review/exports/{exportId}.xlsx'].get;
    expect(exportOp.parameters.find((p: { name: string }) => p.name === 'package')).toMatchObject({ in: 'query', required: true });
    expect(exportOp.parameters.find((p: { name: string }) => p.name === 'exportId')).toMatchObject({ in: 'path', required: true });
    expect(exportOp.responses['200'].content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].schema).toEqual({ type: 'string', format: 'binary' });
  });
});
