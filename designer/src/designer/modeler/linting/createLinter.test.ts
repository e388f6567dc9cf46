import { describe, expect, it } from 'vitest';
import { createLinter } from './createLinter.ts';
import { platformLintContext, type PlatformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0" id="D" targetNamespace="x">
  <bpmn:process id="P" isExecutable="true">
    <bpmn:userTask id="U1"><bpmn:extensionElements><zeebe:formDefinition formKey="exam-result" /><zeebe:properties><zeebe:property name="clause" value="X-1" /></zeebe:properties></bpmn:extensionElements></bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;

describe('the live linter', () => {
  it('reads the draft context on every run: the form-key check follows the manifest as it loads and changes', async () => {
    // given one linter for the page (as the modeler keeps it) and a manifest not yet loaded
    let context: PlatformLintContext = platformLintContext('process.bpmn', undefined, []);
    const linter = createLinter(() => context);
    const formKeyProblems = async () => ((await linter.lint(xml)) as Array<{ id: string; rule: string }>).filter((r) => r.rule === 'platform/form-key').map((r) => r.id);
    expect(await formKeyProblems()).toEqual([]);
    // when the manifest arrives without the form, then the task is flagged
    context = platformLintContext('process.bpmn', { forms: [{ id: 'application' }] }, []);
    expect(await formKeyProblems()).toEqual(['U1']);
    // and when the form is registered, then it is not
    context = platformLintContext('process.bpmn', { forms: [{ id: 'application' }, { id: 'exam-result' }] }, []);
    expect(await formKeyProblems()).toEqual([]);
  });
});
