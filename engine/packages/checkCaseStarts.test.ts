import { describe, expect, it } from 'vitest';
import { checkCaseStarts, checkStartedBy } from './checkCaseStarts.ts';

const task = (id: string, headers: Record<string, string>) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="process.start"/><zeebe:taskHeaders>${Object.entries(headers)
    .map(([k, v]) => `<zeebe:header key="${k}" value="${v}"/>`)
    .join('')}</zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;

describe('tasks that start a case', () => {
  it('accepts a case process of the package with a start key', () => {
    // given
    const bpmn = { 'process.bpmn': task('Task_Start', { process: 'unit-case', startKey: 'unit:{recommender.id}' }) };
    // then
    expect(checkCaseStarts(bpmn, [{ bpmnProcessId: 'main', role: 'main' }, { bpmnProcessId: 'unit-case', role: 'case' }])).toEqual([]);
  });

  it('names a process that is not a case and a missing start key, with the task', () => {
    // given: the main process named as the case, and no start key
    const bpmn = { 'process.bpmn': task('Task_Start', { process: 'main' }) };
    // when
    const problems = checkCaseStarts(bpmn, [{ bpmnProcessId: 'main', role: 'main' }, { bpmnProcessId: 'unit-case', role: 'case' }]);
    // then
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['#Task_Start', 'CASE_PROCESS'],
      ['#Task_Start', 'CASE_START_KEY'],
    ]);
    expect(problems[0]!.message).toContain('可用:unit-case');
  });
});

describe('cases a reviewer starts', () => {
  const forms = { report: { type: 'object', properties: { organisationId: { type: 'string' } } } };

  it('accepts a case started by city reviewers with a form of the package and its organisation field', () => {
    // given
    const processes = [{ bpmnProcessId: 'delist', role: 'case', startedBy: { roles: ['city_reviewer'], form: 'report', title: '上报', organisationField: 'organisationId' } }];
    // then
    expect(checkStartedBy(processes, forms)).toEqual([]);
  });

  it('names, in manifest.json, a startedBy on a non-case process, a non-reviewer role, a missing form and an unknown field', () => {
    // given
    const processes = [
      { bpmnProcessId: 'main', role: 'main', startedBy: { roles: ['applicant'], form: 'report', title: '上报' } },
      { bpmnProcessId: 'other', role: 'case', startedBy: { roles: ['city_reviewer'], form: 'nowhere', title: '上报' } },
      { bpmnProcessId: 'third', role: 'case', startedBy: { roles: ['city_reviewer'], form: 'report', title: '上报', organisationField: 'orgId' } },
    ];
    // when
    const problems = checkStartedBy(processes, forms);
    // then
    expect(problems.map((p) => [p.file, p.pointer, p.code])).toEqual([
      ['manifest.json', '/processes/0/startedBy', 'CASE_STARTED_BY_ROLE'],
      ['manifest.json', '/processes/0/startedBy/roles/0', 'CASE_STARTED_BY_ROLES'],
      ['manifest.json', '/processes/1/startedBy/form', 'CASE_STARTED_BY_FORM'],
      ['manifest.json', '/processes/2/startedBy/organisationField', 'CASE_STARTED_BY_FIELD'],
    ]);
    expect(problems[2]!.message).toContain('nowhere');
  });
});
