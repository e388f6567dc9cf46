import { describe, expect, it } from 'vitest';
import { diffPackages, renderDiff, type DiffablePackage } from './diffPackages.ts';

const bpmn = (extra: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Task_Review" name="审核">
      <bpmn:extensionElements><zeebe:properties><zeebe:property name="clause" value="XX21-01" /></zeebe:properties></bpmn:extensionElements>
    </bpmn:userTask>
    ${extra}
  </bpmn:process>
</bpmn:definitions>`;

function pkg(year: number, over: { rules?: unknown[]; params?: Record<string, unknown>; form?: Record<string, unknown>; extraBpmn?: string; windows?: unknown[] } = {}): DiffablePackage {
  return {
    manifest: { id: 'p', year, title: `测试包${year}`, processes: [{ file: 'process.bpmn', bpmnProcessId: 'p', role: 'main' }], parameters: (over.params ?? { edition: { value: '2015', clause: 'XX21-02' } }) as never },
    bpmn: { 'process.bpmn': bpmn(over.extraBpmn ?? '') },
    ruleSets: {
      eligibility: { rules: over.rules ?? [{ name: 'scope', title: '范围', clause: 'XX21-02', conditions: { all: [{ fact: 'application', path: '$.cat', operator: 'in', value: [4, 5], message: '大类' }] } }] },
    },
    forms: { application: { title: '申报表', schema: over.form ?? { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '姓名' } } } } },
    schedule: { windows: over.windows ?? [{ id: 'c1', kind: 'class', month: `${year}-07`, title: '培训班', clause: 'XX21-03' }] },
  };
}

describe('diffPackages', () => {
  it('reports nothing between a version and itself, and nothing for a reworded message', async () => {
    // given
    const reworded = pkg(2021, { rules: [{ name: 'scope', title: '申报范围', clause: 'XX21-02', failMessage: '新的说明', conditions: { all: [{ fact: 'application', path: '$.cat', operator: 'in', value: [4, 5], message: '新的大类说明' }] } }] });
    // when / then
    expect((await diffPackages(pkg(2021), pkg(2021))).changes).toEqual([]);
    expect((await diffPackages(pkg(2021), reworded)).changes).toEqual([]);
  });

  it('classifies each change as rule, form, flow or schedule, with the clauses of both sides', async () => {
    // given
    const next = pkg(2026, {
      rules: [
        { name: 'scope', title: '范围', clause: 'XX26-03', conditions: { all: [{ fact: 'application', path: '$.cat', operator: 'in', value: [3, 4, 5] }] } },
        { name: 'filed', title: '推荐单位已备案', clause: 'XX26-01', conditions: { all: [{ fact: 'recommender', path: '$.filingStatus', operator: 'equal', value: 'FILED' }] } },
      ],
      params: { edition: { value: '2022', clause: 'XX26-03' }, collectionMonths: { value: 1, unit: 'MONTH', clause: 'XX26-45' } },
      form: { type: 'object', required: ['name', 'summary'], properties: { name: { type: 'string', title: '姓名', maxLength: 20 }, summary: { type: 'string', title: '工作总结' } }, 'x-attachments': [{ kind: 'insurance', label: '个人参保证明', required: true, clause: 'XX26-12' }] },
      extraBpmn: '<bpmn:boundaryEvent id="Timer_Late" attachedToRef="Task_Review"><bpmn:extensionElements><zeebe:properties><zeebe:property name="clause" value="XX26-18" /></zeebe:properties></bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>PT10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      windows: [{ id: 'c1', kind: 'class', month: '2026-03', title: '培训班', clause: 'XX26-05' }, { id: 'm1', kind: 'makeup', month: '2026-06', title: '补考', clause: 'XX26-30' }],
    });

    // when
    const d = await diffPackages(pkg(2021), next);

    // then
    const by = (subject: string) => d.changes.find((c) => c.subject === subject);
    expect(by('rule:eligibility/scope')).toMatchObject({ type: 'rule', change: 'changed', clauses: ['XX21-02', 'XX26-03'] });
    expect(by('rule:eligibility/filed')).toMatchObject({ type: 'rule', change: 'added', message: '新增规则「推荐单位已备案」' });
    expect(by('parameter:edition')).toMatchObject({ type: 'rule', change: 'changed', message: '参数 edition 由 「2015」 改为 「2022」' });
    expect(by('parameter:collectionMonths')).toMatchObject({ type: 'schedule', change: 'added' });
    expect(by('form:application#/summary')).toMatchObject({ type: 'form', change: 'added', message: '表单「申报表」新增必填字段「工作总结」' });
    expect(by('form:application#/name')).toMatchObject({ type: 'form', change: 'changed' });
    expect(by('attachment:application/insurance')).toMatchObject({ type: 'form', change: 'added', message: '新增必交材料「个人参保证明」', clauses: ['XX26-12'] });
    expect(by('element:Timer_Late')).toMatchObject({ type: 'schedule', change: 'added', clauses: ['XX26-18'] });
    expect(by('window-kind:class')).toMatchObject({ type: 'schedule', change: 'changed', before: ['7月'], after: ['3月'] });
    expect(by('window-kind:makeup')).toMatchObject({ type: 'schedule', change: 'added' });
    expect(d.counts).toEqual({ rule: 3, form: 3, flow: 0, schedule: 4 });
    expect(renderDiff(d)).toContain('【日程】');
  });
});
