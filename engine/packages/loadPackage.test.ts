import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPackage } from './loadPackage.ts';
import type { Problem } from './packageTypes.ts';

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1" targetNamespace="http://example.org/demo">
  <bpmn:process id="demo-examiner" isExecutable="true">
    <bpmn:startEvent id="Start_Submitted" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_Submitted" targetRef="Task_UnitReview" />
    <bpmn:userTask id="Task_UnitReview" name="推荐单位初审" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_UnitReview" targetRef="End_Done" />
    <bpmn:endEvent id="End_Done" />
  </bpmn:process>
</bpmn:definitions>
`;

/** The smallest package that loads without a single problem. */
function minimalPackage(): Record<string, unknown> {
  return {
    'manifest.json': {
      id: 'demo-2026-examiner-training',
      procedure: 'examiner-training',
      region: { code: '510000', name: '四川省' },
      year: 2026,
      title: '演示政策包',
      notice: { docNo: null, title: '演示通知', issuer: '四川省职业技能鉴定指导中心', signed: '2026-01-29', published: '2026-02-05', seedFile: 'demo.txt', provenance: 'verbatim' },
      processes: [{ file: 'process.bpmn', bpmnProcessId: 'demo-examiner', role: 'main' }],
      forms: [{ id: 'application', schema: 'forms/application.schema.json', ui: 'forms/application.ui.json', title: '申报表' }],
      ruleSets: [{ id: 'eligibility', file: 'rules/eligibility.json' }],
      schedule: 'schedule.json',
      parameters: {
        recommenderMaxPendingYears: { value: 1, unit: 'YEAR', provenance: 'verbatim', clause: 'SC26-02' },
        cityReviewWorkingDays: { value: 10, unit: 'WD', provenance: 'assumed', clause: 'SC26-01', ambiguity: 'AMB-27' },
      },
      ambiguities: [
        { id: 'AMB-27', clauseRefs: ['SC26-01'], sourceQuote: '规定时间节点', readings: ['由培训计划另行规定'], chosenDefault: '10个工作日', severity: 'DEFAULTED', status: 'open' },
      ],
      clauses: [
        { id: 'SC26-01', summary: '推荐单位须已备案', kind: 'rule', implementedBy: ['rules/eligibility.json#recommender-filed', 'process.bpmn#Task_UnitReview', 'forms/application.schema.json#/properties/recommenderOrgId'] },
        { id: 'SC26-02', summary: '受理超过一年不可推荐', kind: 'rule', implementedBy: ['rules/eligibility.json'] },
        { id: 'SC26-05', summary: '培训班安排', kind: 'schedule', implementedBy: ['schedule.json#2026-03-examiner'] },
      ],
    },
    'process.bpmn': BPMN,
    'rules/eligibility.json': {
      id: 'eligibility',
      title: '申报资格',
      rules: [
        {
          name: 'recommender-filed',
          clause: 'SC26-01',
          title: '推荐单位备案状态',
          conditions: { fact: 'recommender', path: '$.filingStatus', operator: 'equal', value: 'FILED', clause: 'SC26-01', message: '已完成备案' },
          passMessage: '推荐单位已完成备案',
          failMessage: '推荐单位须已完成备案',
        },
      ],
    },
    'forms/application.schema.json': {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: '申报表',
      type: 'object',
      additionalProperties: false,
      required: ['recommenderOrgId'],
      properties: {
        recommenderOrgId: { type: 'string', title: '推荐单位', 'x-clause': 'SC26-01' },
        idNumber: { type: 'string', title: '身份证号码', format: 'cn-id-card', 'x-clause': 'SC26-01' },
      },
      'x-attachments': [{ kind: 'photo', label: '个人证件照', clause: 'SC26-01', required: true, accept: ['image/jpeg'] }],
    },
    'forms/application.ui.json': { 'ui:order': ['recommenderOrgId', 'idNumber'], idNumber: { 'ui:placeholder': '18位身份证号码' } },
    'schedule.json': {
      timezone: 'Asia/Shanghai',
      windows: [{ id: '2026-03-examiner', kind: 'class', month: '2026-03', title: '考评员培训班(3月)', raw: '3月组织考评员培训班', clause: 'SC26-05', provenance: 'verbatim' }],
    },
    'scenarios/unit-review.json': {
      name: '推荐单位初审通过',
      given: { asOf: '2026-03-01', applicant: 'demo' },
      when: [{ submit: true }, { complete: 'Task_UnitReview', decision: 'approve' }],
      then: { completedElements: ['Start_Submitted', 'Task_UnitReview', 'End_Done'] },
    },
  };
}

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
  tmpDirs.push(dir);
  return dir;
}

/** Writes files (objects as pretty JSON, strings verbatim) into dir, or a fresh temp dir. */
function writePackage(files: Record<string, unknown>, dir = tmpDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return dir;
}

const where = (problems: Problem[]) => problems.map((p) => `${p.severity} ${p.file} ${p.pointer} ${p.code}`);

describe('loadPackage', () => {
  it('loads a valid minimal package with no problems and everything parsed', async () => {
    // given
    const dir = writePackage(minimalPackage());
    // when
    const r = await loadPackage(dir);
    // then
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    const pkg = r.package!;
    expect(pkg.dir).toBe(path.resolve(dir));
    expect(pkg.manifest.id).toBe('demo-2026-examiner-training');
    expect(Object.keys(pkg.files).sort()).toEqual([
      'forms/application.schema.json', 'forms/application.ui.json', 'manifest.json', 'process.bpmn', 'rules/eligibility.json', 'scenarios/unit-review.json', 'schedule.json',
    ]);
    expect(pkg.bpmn['process.bpmn']).toBe(BPMN);
    expect(Object.keys(pkg.ruleSets)).toEqual(['eligibility']);
    expect(pkg.forms.application).toMatchObject({ title: '申报表', ui: { 'ui:order': ['recommenderOrgId', 'idNumber'] } });
    expect(pkg.schedule.windows[0].id).toBe('2026-03-examiner');
    expect(Object.keys(pkg.scenarios)).toEqual(['scenarios/unit-review.json']);
    expect(pkg.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hands each process file once to the injected BPMN validator and keeps its problems', async () => {
    // given
    const dir = writePackage(minimalPackage());
    const calls: string[] = [];
    const bpmnValidator = async (file: string, xml: string): Promise<Problem[]> => {
      calls.push(`${file}:${xml.length}`);
      return [{ file, pointer: '#Task_UnitReview', message: '用户任务缺少 zeebe:assignmentDefinition', severity: 'error', code: 'BPMN_ASSIGNMENT' }];
    };
    // when
    const r = await loadPackage(dir, { bpmnValidator });
    // then
    expect(calls).toEqual([`process.bpmn:${BPMN.length}`]);
    expect(r.ok).toBe(false);
    expect(r.package).toBeUndefined();
    expect(where(r.problems)).toEqual(['error process.bpmn #Task_UnitReview BPMN_ASSIGNMENT']);
  });

  it('reports every problem at once, each with its file and pointer', async () => {
    // given: bad JSON in the rule set, schema violations, a missing file, a bad clause id, broken references
    const files = minimalPackage();
    const manifest = files['manifest.json'] as Record<string, any>;
    manifest.year = 'twenty';
    manifest.forms[0].ui = 'forms/missing.ui.json';
    manifest.clauses[1].id = 'SC2602';
    manifest.clauses[0].implementedBy.push('process.bpmn#Task_NoSuch', 'schedule.json#no-such-window', 'forms/application.schema.json#/properties/nope');
    manifest.ruleSets.push({ id: 'eligibility', file: 'rules/other.json' });
    manifest.parameters.extendIfLastDayIsRestDay = { value: false, provenance: 'guessed' };
    files['rules/eligibility.json'] = '{\n  "id": "eligibility",\n  "title": "申报资格"\n  "rules": []\n}\n';
    (files['schedule.json'] as Record<string, any>).windows[0].opens = '2026-02-30';
    (files['scenarios/unit-review.json'] as Record<string, any>).then.completedElements.push('Task_Typo');
    (files['forms/application.schema.json'] as Record<string, any>).properties.idNumber.format = 'cn-idcard';
    const dir = writePackage(files);
    // when
    const r = await loadPackage(dir);
    // then
    expect(r.ok).toBe(false);
    expect(r.package).toBeUndefined();
    expect(where(r.problems)).toEqual(
      expect.arrayContaining([
        'error rules/eligibility.json  JSON_SYNTAX',
        'error manifest.json /year SCHEMA_TYPE',
        'error manifest.json /clauses/1/id SCHEMA_PATTERN',
        'error manifest.json /parameters/extendIfLastDayIsRestDay/provenance SCHEMA_ENUM',
        'error manifest.json /forms/0/ui MISSING_FILE',
        'error manifest.json /ruleSets/1/id DUPLICATE_ID',
        'error manifest.json /clauses/0/implementedBy/3 TRACE_ELEMENT',
        'error manifest.json /clauses/0/implementedBy/4 TRACE_FRAGMENT',
        'error manifest.json /clauses/0/implementedBy/5 TRACE_POINTER',
        'error schedule.json /windows/0/opens SCHEMA_FORMAT',
        'error scenarios/unit-review.json /then/completedElements/3 SCENARIO_ELEMENT',
        'error forms/application.schema.json /properties/idNumber FORM_SCHEMA',
      ]),
    );
    const syntax = r.problems.find((p) => p.code === 'JSON_SYNTAX')!;
    expect(syntax).toMatchObject({ line: 4, column: 3 });
    expect(syntax.message).toContain('rules/eligibility.json 不是合法的 JSON:第 4 行第 3 列');
    expect(r.problems.find((p) => p.code === 'SCHEMA_PATTERN')!.message).toContain('应形如 SC26-01');
    expect(r.problems.find((p) => p.code === 'FORM_SCHEMA')!.message).toContain('未知的格式「cn-idcard」');
    for (const p of r.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('reports a missing manifest, and a manifest that is not JSON, by file', async () => {
    // given
    const none = writePackage({ 'process.bpmn': BPMN });
    const broken = writePackage({ 'manifest.json': '{ "id": "x", ' });
    // when
    const a = await loadPackage(none);
    const b = await loadPackage(broken);
    // then
    expect(where(a.problems)).toEqual(['error manifest.json  NO_MANIFEST']);
    expect(where(b.problems)).toEqual(['error manifest.json  JSON_SYNTAX']);
    expect(b.problems[0].message).toContain('内容不完整');
    expect((await loadPackage(path.join(none, 'nope'))).problems[0].code).toBe('NO_PACKAGE');
  });

  it('checks the process, the form ui order and attachment conditions against each other', async () => {
    // given
    const files = minimalPackage();
    (files['manifest.json'] as Record<string, any>).processes[0].bpmnProcessId = 'other-process';
    files['forms/application.ui.json'] = { 'ui:order': ['recommenderOrgId', 'mobile'] };
    (files['forms/application.schema.json'] as Record<string, any>)['x-attachments'].push(
      { kind: 'photo', label: '重复', required: true },
      { kind: 'card', label: '证卡', required: { when: { field: 'applicantType', in: ['SENIOR_EXAMINER'] } } },
    );
    const dir = writePackage(files);
    // when
    const r = await loadPackage(dir);
    // then
    expect(where(r.problems)).toEqual(
      expect.arrayContaining([
        'error manifest.json /processes/0/bpmnProcessId PROCESS_ID',
        'error forms/application.ui.json /ui:order/1 UI_ORDER_UNKNOWN',
        'error forms/application.ui.json /ui:order UI_ORDER_INCOMPLETE',
        'error forms/application.schema.json /x-attachments/1/kind ATTACHMENT_DUPLICATE',
        'error forms/application.schema.json /x-attachments/2/required/when/field ATTACHMENT_CONDITION',
      ]),
    );
  });

  it('warns, without failing, about traceability gaps and the open BLOCKING ambiguity', async () => {
    // given
    const files = minimalPackage();
    const manifest = files['manifest.json'] as Record<string, any>;
    manifest.ambiguities.push({ id: 'AMB-20', clauseRefs: ['SC26-04'], sourceQuote: '见附件1', readings: ['附件1未公开'], chosenDefault: 'REFER', severity: 'BLOCKING', status: 'open' });
    manifest.parameters.leaveRequestWorkingDays = { value: 3, unit: 'WD', provenance: 'interpreted', clause: 'SC26-55' };
    (files['forms/application.schema.json'] as Record<string, any>)['x-ambiguities'] = ['AMB-99'];
    files['rules/draft.json'] = { draft: true };
    const dir = writePackage(files);
    // when
    const r = await loadPackage(dir);
    // then
    expect(r.ok).toBe(true);
    expect(where(r.problems).sort()).toEqual([
      'warning forms/application.schema.json /x-ambiguities/0 AMBIGUITY_NOT_REGISTERED',
      'warning manifest.json /ambiguities/1 AMBIGUITY_BLOCKING_OPEN',
      'warning manifest.json /parameters/leaveRequestWorkingDays PROVENANCE_UNLINKED',
      'warning manifest.json /parameters/leaveRequestWorkingDays/clause CLAUSE_NOT_INDEXED',
      'warning rules/draft.json  UNREFERENCED_FILE',
    ]);
  });

  it('loads the Sichuan 2026 examiner package without errors', async () => {
    // when
    const r = await loadPackage('deployments/sichuan/2026-examiner-training');
    // then
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(Object.keys(r.package!.forms)).toEqual(['application', 'leave', 'exam-result', 'unit-penalty', 'person-notice', 'provincial-class-request', 'makeup-request']);
    expect(Object.keys(r.package!.ruleSets)).toEqual(['eligibility', 'makeup', 'penalties', 'person-notice']);
    expect(Object.keys(r.package!.scenarios).length).toBeGreaterThan(0);
  });
});

describe('content hash', () => {
  it('names a version by content: same files, same hash wherever they are; any byte change, a new hash', async () => {
    // given
    const a = writePackage(minimalPackage());
    const b = writePackage(minimalPackage());
    // when
    const ha = (await loadPackage(a)).package!.contentHash;
    const hb = (await loadPackage(b)).package!.contentHash;
    fs.appendFileSync(path.join(b, 'process.bpmn'), ' ');
    const hc = (await loadPackage(b)).package!.contentHash;
    fs.writeFileSync(path.join(b, 'process.bpmn'), BPMN);
    const hd = (await loadPackage(b)).package!.contentHash;
    fs.writeFileSync(path.join(b, 'notes.md'), '说明');
    const he = (await loadPackage(b)).package!.contentHash;
    // then
    expect(ha).toBe(hb);
    expect(hc).not.toBe(ha);
    expect(hd).toBe(ha);
    expect(he).not.toBe(ha);
  });
});
