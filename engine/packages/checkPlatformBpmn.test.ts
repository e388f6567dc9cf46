import { describe, expect, it } from 'vitest';
import { checkPlatformBpmn } from './checkPlatformBpmn.ts';

const task = (id: string, ext: string, type = 'serviceTask') => `<bpmn:${type} id="${id}" name="${id}"><bpmn:extensionElements>${ext}</bpmn:extensionElements></bpmn:${type}>`;
const diagram = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="x">
  <bpmn:process id="P" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
const manifest = {
  ruleSets: [{ id: 'eligibility', file: 'rules/eligibility.json' }],
  forms: [{ id: 'application', schema: 'forms/application.schema.json' }],
  clauses: [{ id: 'XX26-01', implementedBy: ['process.bpmn#Gateway_Traced'] }],
};
const files = ['manifest.json', 'process.bpmn', 'rules/eligibility.json', 'forms/application.schema.json'];
const clause = '<zeebe:taskHeaders><zeebe:header key="clause" value="XX26-01" /></zeebe:taskHeaders>';

describe('the platform BPMN rules in the package loader', () => {
  it('reports job types no worker handles, unknown rule sets and form keys (errors), candidate groups no role works, elements without a clause', async () => {
    // given a diagram with one of each problem, and one task of each kind that is right
    const xml = diagram(
      [
        task('Task_NoWorker', '<zeebe:taskDefinition type="nobody.handles" />' + clause),
        task('Task_Rules', '<zeebe:taskDefinition type="rules.evaluate" /><zeebe:taskHeaders><zeebe:header key="ruleSet" value="missing" /><zeebe:header key="clause" value="XX26-01" /></zeebe:taskHeaders>'),
        task('Task_RulesOk', '<zeebe:taskDefinition type="rules.evaluate" /><zeebe:taskHeaders><zeebe:header key="ruleSet" value="eligibility" /><zeebe:header key="clause" value="XX26-01" /></zeebe:taskHeaders>'),
        task('Task_Form', '<zeebe:formDefinition formKey="nonexistent" /><zeebe:assignmentDefinition candidateGroups="=[&quot;city:&quot; + cityCode]" />' + clause, 'userTask'),
        task('Task_Group', '<zeebe:assignmentDefinition candidateGroups="=[&quot;bureau:&quot; + cityCode]" />' + clause, 'userTask'),
        task('Task_GroupPartly', '<zeebe:assignmentDefinition candidateGroups="=[&quot;county:&quot; + x, &quot;city:&quot; + y]" />' + clause, 'userTask'),
        '<bpmn:exclusiveGateway id="Gateway_Untraced" />',
        '<bpmn:exclusiveGateway id="Gateway_Traced" />',
      ].join('\n'),
    );
    // when the loader's platform check runs
    const problems = await checkPlatformBpmn({ 'process.bpmn': xml }, manifest, files);
    // then each is reported once, with its element, severity and code
    const found = problems.map((p) => `${p.severity} ${p.code} ${p.pointer}`).sort();
    expect(found).toEqual(
      [
        'error JOB_TYPE_UNKNOWN #Task_NoWorker',
        'error RULE_SET_UNKNOWN #Task_Rules',
        'error FORM_KEY_UNKNOWN #Task_Form',
        'error CANDIDATE_GROUP_UNKNOWN #Task_Group',
        'warning CANDIDATE_GROUP_PARTLY_UNKNOWN #Task_GroupPartly',
        'warning ELEMENT_NO_CLAUSE #Gateway_Untraced',
      ].sort(),
    );
    expect(problems.every((p) => p.file === 'process.bpmn' && /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
    expect(problems.find((p) => p.code === 'JOB_TYPE_UNKNOWN')!.message).toContain('nobody.handles');
  });

  it('tells a decision-only review (form key review) from a task whose form is missing or whose data no form collects', async () => {
    // given user tasks as the packages draw them
    const review = (id: string, output: string, formKey = 'review', input = '') =>
      task(id, `<zeebe:assignmentDefinition candidateGroups="city:510100" /><zeebe:formDefinition formKey="${formKey}" /><zeebe:ioMapping>${input}<zeebe:output source="${output}" target="${id}Result" /></zeebe:ioMapping>` + clause, 'userTask');
    const xml = diagram(
      [
        // a reviewer's decision and opinion only: right
        review('Task_Review', '={decision: decision, opinion: opinion, reviewer: reviewer, at: completedAt}'),
        // a review reading what the process has anyway (its start, other tasks' results, its own inputs): right
        review('Task_ReviewReadsProcess', '={decision: decision, city: application.cityCode, seen: count(Task_ReviewResult), plan: planWindow.closes, local: checked}', 'review', '<zeebe:input source="=true" target="checked" />'),
        // a review reading a score and a date only a task form collects: flagged
        review('Task_ReviewReadsScore', '={decision: decision, score: score, examDate: examDate, passed: for x in [score] return x > 60}'),
        // the same reading from a form the package has: right
        review('Task_Exam', '={decision: decision, score: score}', 'application'),
        // a form key naming no form of the package: an error, whatever it reads
        review('Task_Typo', '={decision: decision}', 'aplication'),
        task('Task_Window', '<zeebe:taskDefinition type="schedule.window" /><zeebe:taskHeaders><zeebe:header key="target" value="planWindow" />' + clause.slice('<zeebe:taskHeaders>'.length)),
      ].join('\n'),
    );
    // when the loader's platform check runs
    const problems = await checkPlatformBpmn({ 'process.bpmn': xml }, manifest, files);
    // then the review is quiet, the missing form an error and the form-only data a warning naming it
    const found = problems.filter((p) => p.code !== 'JOB_TYPE_UNKNOWN').map((p) => `${p.severity} ${p.code} ${p.pointer}`).sort();
    expect(found).toEqual(['error FORM_KEY_UNKNOWN #Task_Typo', 'warning REVIEW_READS_FORM_DATA #Task_ReviewReadsScore']);
    expect(problems.find((p) => p.code === 'REVIEW_READS_FORM_DATA')!.message).toContain('score、examDate');
    expect(problems.find((p) => p.code === 'FORM_KEY_UNKNOWN')!.message).toContain('manifest.json 登记的表单:application');
  });

  it('leaves unsupported elements and FEEL syntax to the engine validation, which reports them from the same lists', async () => {
    // given a complex gateway and a broken condition
    const xml = diagram('<bpmn:complexGateway id="G" /><bpmn:startEvent id="S" /><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="G"><bpmn:conditionExpression>=a = </bpmn:conditionExpression></bpmn:sequenceFlow>');
    // when checked, then the loader's platform check does not report them a second time
    const problems = await checkPlatformBpmn({ 'process.bpmn': xml }, manifest, files);
    expect(problems.filter((p) => ['UNSUPPORTED_ELEMENT', 'FEEL_SYNTAX'].includes(p.code))).toEqual([]);
  });
});
