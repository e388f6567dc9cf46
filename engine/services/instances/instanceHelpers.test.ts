import { describe, expect, it } from 'vitest';
import { createDb } from '../../store/createDb.ts';
import { ZeebeEngine } from '../../adapters/zeebe/ZeebeEngine.ts';
import { MigrationNotSupportedError } from '../../port/ProcessEngine.ts';
import { bpmnElements, newlyReadVariables, rootNames } from './migrationVariables.ts';
import { medianOf, WorkingDaysWaited } from './workingDaysWaited.ts';

const process = (body: string) => ({ 'process.bpmn': `<bpmn:definitions><bpmn:process id="p">${body}</bpmn:process></bpmn:definitions>` });

describe('what a migration checks and how waits are counted', () => {
  it('finds the variables a new version reads that the old one never read nor the new one writes', () => {
    // given an old version reading application and decision, and a new one that also reads examSession and writes cardNo
    const old = process('<bpmn:userTask id="A" name="初审"><zeebe:input source="=application.name" target="n"/></bpmn:userTask><bpmn:sequenceFlow id="f"><bpmn:conditionExpression>=decision = "approve"</bpmn:conditionExpression></bpmn:sequenceFlow>');
    const amended = process('<bpmn:userTask id="B" name="初审(修订)"><zeebe:input source="=application.name + examSession.place" target="n"/><zeebe:output source="=upper case(&quot;x&quot;)" target="cardNo"/></bpmn:userTask><bpmn:serviceTask id="C"><zeebe:input source="=cardNo" target="c"/></bpmn:serviceTask><bpmn:sequenceFlow id="f"><bpmn:conditionExpression>=decision = "approve" and count(items) &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>');
    // when compared / then only the new reads are named
    expect(newlyReadVariables(old, amended)).toEqual(['examSession', 'items']);
    expect(rootNames('a.b + f(c) and {k: d} = "e f"')).toEqual(['a', 'c', 'd']);
    expect(bpmnElements(amended).map((e) => `${e.type}:${e.id}:${e.name}`)).toEqual(['userTask:B:初审(修订)', 'serviceTask:C:C']);
  });

  it('counts working days waited on the calendar and takes the median of a histogram', () => {
    // given a calendar whose weekends are off and a clock on Monday 2026-03-09 in Shanghai
    const waited = new WorkingDaysWaited({ current: () => ({ isWorkingDay: (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) }) }, Date.parse('2026-03-09T02:00:00Z'));
    // then arrival on the previous Friday is 1 working day ago (Monday), the same day 0, a week earlier 6
    expect(waited.fromDate('2026-03-06', null)).toBe(1);
    expect(waited.since('2026-03-08T20:00:00Z', null)).toBe(0); // 04:00 on Monday in Shanghai
    expect(waited.fromDate('2026-02-27', '510700')).toBe(6);
    expect(medianOf(new Map([[0, 1], [2, 1], [9, 1]]))).toBe(2);
    expect(medianOf(new Map([[1, 2], [3, 2]]))).toBe(2);
    expect(medianOf(new Map())).toBeNull();
  });

  it('the Zeebe adapter refuses a migration with the reason in Chinese', async () => {
    // given the Zeebe adapter (no broker is needed to refuse)
    const db = await createDb('sqlite::memory:');
    try {
      const engine = new ZeebeEngine(db, { gatewayAddress: '127.0.0.1:1' });
      // when asked to migrate / then it says why not
      const refused = engine.migrateInstance({ processInstanceKey: '1', targetDefinitionKey: '2', mappings: {} });
      await expect(refused).rejects.toBeInstanceOf(MigrationNotSupportedError);
      await expect(refused).rejects.toThrow(/暂不支持流程实例迁移/);
    } finally {
      await db.close();
    }
  });
});
