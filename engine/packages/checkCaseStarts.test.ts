import { describe, expect, it } from 'vitest';
import { checkCaseStarts } from './checkCaseStarts.ts';

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
