import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedDecisionsOf, sequenceFlows, takenFlows, toRuleResult } from './ReviewerTaskService.ts';

const SC26 = fs.readFileSync('deployments/sichuan/2026-examiner-training/process.bpmn', 'utf8');

// A review that may send the application back: Start → Review → Gateway → (return) Fix → Review … → End.
const LOOP = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">
  <bpmn:startEvent id="Start"/><bpmn:userTask id="Review"/><bpmn:userTask id="Fix"/><bpmn:endEvent id="End"/>
  <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Review"/>
  <bpmn:sequenceFlow id="f2" sourceRef="Review" targetRef="Gw"/>
  <bpmn:exclusiveGateway id="Gw" default="fEnd"/>
  <bpmn:sequenceFlow id="fFix" sourceRef="Gw" targetRef="Fix"><bpmn:conditionExpression>=decision = "return"</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="fBack" sourceRef="Fix" targetRef="Review"/>
  <bpmn:sequenceFlow id="fEnd" sourceRef="Gw" targetRef="End"/>
</bpmn:process></bpmn:definitions>`;

describe('diagram and decision helpers', () => {
  it('reads the decisions a step allows from the gateway after it', () => {
    // given / when / then: the city review names approve and return, its default branch rejects
    expect(allowedDecisionsOf({ 'process.bpmn': SC26 }, 'Task_CityReview')).toEqual(['approve', 'reject', 'return']);
    // a make-up request is approved or not, it cannot be returned
    expect(allowedDecisionsOf({ 'process.bpmn': SC26 }, 'Task_MakeupRequest')).toEqual(['approve', 'reject']);
    expect(allowedDecisionsOf({ 'l.bpmn': LOOP }, 'Review')).toEqual(['reject', 'return']);
  });

  it('derives the flows taken from the trail, through a loop back, up to the current element', () => {
    // given: returned once, corrected, now under review again
    const flows = sequenceFlows(LOOP);
    expect(flows.find((f) => f.id === 'fFix')).toMatchObject({ source: 'Gw', target: 'Fix', condition: '=decision = "return"' });
    // when
    const taken = takenFlows(flows, ['Start', 'Review', 'Gw', 'Fix'], ['Review']);
    // then: the flow to the end was not taken
    expect(taken.sort()).toEqual(['f1', 'f2', 'fBack', 'fFix']);
  });

  it('marks each rule and condition ✔ / ✘ / 需人工 with the value found', () => {
    // given: an evaluation as the rules runtime returns it
    const r = toRuleResult({
      decision: 'REFER',
      asOf: '2026-03-01',
      checks: [
        { rule: 'a', title: '年龄', clause: 'SC26-5', outcome: 'PASS', passed: true, message: '年满18周岁', conditions: [{ fact: 'person', path: '$.age', operator: 'greaterThanInclusive', expected: 18, actual: 30, passed: true }] },
        { rule: 'b', title: '证书', clause: 'SC26-6', outcome: 'INELIGIBLE', passed: false, message: '无三级证书', conditions: [{ fact: 'person', path: '$.level', operator: 'lessThanInclusive', expected: 3, actual: 4, passed: false }] },
        { rule: 'c', title: '单位', clause: 'SC26-9', outcome: 'REFER', passed: false, message: '备案状态待核实', conditions: [{ fact: 'recommender', path: '$.filed', operator: 'equal', expected: true, passed: false, missing: true }] },
      ],
    })!;
    // then
    expect(r.decisionLabel).toBe('需人工');
    expect(r.checks.map((c) => c.mark)).toEqual(['✔', '✘', '需人工']);
    expect(r.checks.map((c) => c.conditions[0].mark)).toEqual(['✔', '✘', '需人工']);
    expect(r.checks[1].conditions[0]).toMatchObject({ actual: 4, expected: 3 });
    expect(toRuleResult(null)).toBeNull();
  });
});
