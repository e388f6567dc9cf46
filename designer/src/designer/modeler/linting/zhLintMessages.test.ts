import { describe, expect, it } from 'vitest';
import { createLinter } from './createLinter.ts';
import { platformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';
import { lintMisses, zhFieldMessage, zhLintMessage } from './zhLintMessages.ts';

const diagram = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0" id="D" targetNamespace="x">
  <bpmn:process id="P" isExecutable="true"><bpmn:startEvent id="S" />${body}</bpmn:process>
</bpmn:definitions>`;

async function lint(xml: string) {
  const linter = createLinter(() => platformLintContext('process.bpmn', { ruleSets: [], forms: [], clauses: [] }, []));
  return (await linter.lint(xml)) as Array<{ id: string; message: string; rule: string; category: string }>;
}

describe('live lint messages in Chinese', () => {
  it('reads the Zeebe rules of the diagrams the editors break most, and the platform rules, in Chinese', async () => {
    // given diagrams with a task without job type, a called element without process, a message without name,
    // a multi-instance without collection, a complex gateway, a broken FEEL condition, a timer without value
    lintMisses.clear();
    const xml = diagram(`
      <bpmn:serviceTask id="T1"><bpmn:extensionElements><zeebe:taskDefinition type="" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:serviceTask id="T2" />
      <bpmn:callActivity id="C1" />
      <bpmn:receiveTask id="R1" />
      <bpmn:serviceTask id="M1"><bpmn:multiInstanceLoopCharacteristics /><bpmn:extensionElements><zeebe:taskDefinition type="rules.evaluate" /></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:complexGateway id="G1" />
      <bpmn:exclusiveGateway id="G2" />
      <bpmn:sequenceFlow id="F1" sourceRef="G2" targetRef="T2"><bpmn:conditionExpression>=a = </bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:intermediateCatchEvent id="E1"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
      <bpmn:userTask id="U1"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="bureau:1" /><zeebe:formDefinition formKey="nope" /></bpmn:extensionElements></bpmn:userTask>`);
    // when linted as in the modeler
    const reports = await lint(xml);
    const messages = reports.map((r) => zhLintMessage(r.message, r.rule));
    // then every message is Chinese and none fell back to the rule's sentence
    expect(reports.length).toBeGreaterThan(8);
    expect(messages.filter((m) => !/[\u4e00-\u9fff]/.test(m))).toEqual([]);
    expect([...lintMisses]).toEqual([]);
    // and the platform's own rules are among them, on the elements they concern
    const rules = new Set(reports.map((r) => `${r.rule} ${r.id}`));
    for (const expected of ['platform/supported-element G1', 'platform/feel-syntax F1', 'platform/rule-set M1', 'platform/candidate-group U1', 'platform/form-key U1', 'platform/element-clause T2']) expect(rules).toContain(expected);
    expect(messages.join('\n')).toContain('服务任务必须设置「任务类型」');
  });

  it('lints every package diagram without an untranslated message', async () => {
    lintMisses.clear();
    const files = import.meta.glob<string>('../../../../../deployments/**/*.bpmn', { query: '?raw', import: 'default', eager: true });
    expect(Object.keys(files).length).toBeGreaterThan(20);
    for (const xml of Object.values(files)) for (const r of await lint(xml)) zhLintMessage(r.message, r.rule);
    expect([...lintMisses]).toEqual([]);
  }, 120_000);

  it('translates the properties panel field errors, and records a message it cannot read', () => {
    expect(zhFieldMessage('Type must be defined.')).toBe('必须填写任务类型。');
    expect(zhFieldMessage('任务类型没有处理程序')).toBe('任务类型没有处理程序');
    lintMisses.clear();
    expect(zhLintMessage('Something entirely new', 'camunda-compat/timer')).toBe('定时器设置不正确');
    expect([...lintMisses]).toEqual(['Something entirely new']);
  });
});
