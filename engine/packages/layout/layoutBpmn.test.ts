import { describe, expect, it } from 'vitest';
import { checkDiagramLayout } from './checkDiagramLayout.ts';
import { layoutBpmn } from './layoutBpmn.ts';

const PROCESS = `  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start" name="申请已提交" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="市(州)职业技能鉴定中心审核申报材料并生成汇总表" />
    <bpmn:boundaryEvent id="Late" name="市(州)未按时审核,转省职鉴中心" attachedToRef="Review">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P15D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Decision" />
    <bpmn:exclusiveGateway id="Decision" name="审核意见?" default="F4" />
    <bpmn:sequenceFlow id="F3" name="退回补正(申请人修改后重新提交)" sourceRef="Decision" targetRef="Fix" />
    <bpmn:sequenceFlow id="F4" name="同意" sourceRef="Decision" targetRef="Sub" />
    <bpmn:userTask id="Fix" name="申请人补正" />
    <bpmn:sequenceFlow id="F5" sourceRef="Fix" targetRef="Review" />
    <bpmn:subProcess id="Sub" name="发证">
      <bpmn:startEvent id="SubStart" />
      <bpmn:sequenceFlow id="S1" sourceRef="SubStart" targetRef="SubTask" />
      <bpmn:serviceTask id="SubTask" name="生成证书编号" />
      <bpmn:sequenceFlow id="S2" sourceRef="SubTask" targetRef="SubEnd" />
      <bpmn:endEvent id="SubEnd" />
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="F6" sourceRef="Sub" targetRef="Done" />
    <bpmn:endEvent id="Done" name="已发证" />
    <bpmn:sequenceFlow id="F7" sourceRef="Late" targetRef="Escalated" />
    <bpmn:endEvent id="Escalated" name="转省中心" />
  </bpmn:process>
`;

const WITHOUT_DI = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a hand-written package file: this comment must survive -->
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  id="D" targetNamespace="https://example.org">
${PROCESS}</bpmn:definitions>
`;

const count = (xml: string, what: string) => (xml.match(new RegExp(`<bpmndi:${what}\\b`, 'g')) ?? []).length;

describe('layoutBpmn', () => {
  it('draws every element of a diagram without layout, routing flows around shapes and keeping labels clear', async () => {
    // when
    const out = await layoutBpmn(WITHOUT_DI);
    // then: 11 flow nodes (boundary event and sub-process content included) and 9 flows are drawn
    expect(count(out, 'BPMNShape')).toBe(11);
    expect(count(out, 'BPMNEdge')).toBe(9);
    expect(await checkDiagramLayout(out)).toEqual([]);
    expect(out).toMatch(/<bpmndi:BPMNShape id="Sub_di" bpmnElement="Sub" isExpanded="true">/);
    expect(out).toMatch(/<bpmndi:BPMNShape id="Decision_di" bpmnElement="Decision" isMarkerVisible="true">/);
  });

  it('keeps the rest of the file byte for byte and declares the DI namespaces in the tag\'s own style', async () => {
    // when
    const out = await layoutBpmn(WITHOUT_DI);
    // then
    expect(out).toContain('<!-- a hand-written package file: this comment must survive -->');
    expect(out).toContain(PROCESS);
    expect(out).toContain(`                  id="D" targetNamespace="https://example.org"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI">`);
  });

  it('leaves a file that already has a layout unchanged', async () => {
    // given
    const laidOut = await layoutBpmn(WITHOUT_DI);
    // when
    const again = await layoutBpmn(laidOut);
    // then
    expect(again).toBe(laidOut);
  });

  it('gives the same layout every time (a package diff shows no layout noise)', async () => {
    // then
    expect(await layoutBpmn(WITHOUT_DI)).toBe(await layoutBpmn(WITHOUT_DI));
  });

  it('replaces an empty diagram a modeler left behind, and works without a bpmn prefix', async () => {
    // given
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="D" targetNamespace="x">
  <process id="p"><startEvent id="A"/><sequenceFlow id="F" sourceRef="A" targetRef="B"/><endEvent id="B"/></process>
  <bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="p"/></bpmndi:BPMNDiagram>
</definitions>`;
    // when
    const out = await layoutBpmn(xml);
    // then
    expect(count(out, 'BPMNDiagram')).toBe(1);
    expect(count(out, 'BPMNShape')).toBe(2);
    expect(out).toMatch(/\n<\/definitions>$/);
    expect(await checkDiagramLayout(out)).toEqual([]);
  });

  it('picks diagram ids that do not clash with the file\'s own ids', async () => {
    // given: an element is already called like the shape of another
    const xml = WITHOUT_DI.replace('id="Done" name="已发证"', 'id="Start_di" name="已发证"').replace('targetRef="Done"', 'targetRef="Start_di"');
    // when
    const out = await layoutBpmn(xml);
    // then
    const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await checkDiagramLayout(out)).toEqual([]);
  });

  it('sizes sub-processes around their content, with boundary events on their border and labels below it', async () => {
    // given
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="p">
    <bpmn:startEvent id="S" />
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Sub" />
    <bpmn:subProcess id="Sub" name="材料审核">
      <bpmn:startEvent id="SS" />
      <bpmn:sequenceFlow id="G1" sourceRef="SS" targetRef="ST" />
      <bpmn:userTask id="ST" name="初审" />
      <bpmn:boundaryEvent id="SB" name="超时" attachedToRef="ST"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="G2" sourceRef="ST" targetRef="SE" />
      <bpmn:sequenceFlow id="G3" sourceRef="SB" targetRef="SE" />
      <bpmn:endEvent id="SE" />
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="B" name="整体超时未办结" attachedToRef="Sub"><bpmn:timerEventDefinition /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Sub" targetRef="C" />
    <bpmn:callActivity id="C" name="调用发证流程" />
    <bpmn:sequenceFlow id="F3" sourceRef="C" targetRef="I" />
    <bpmn:intermediateCatchEvent id="I" name="等待公示期满"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F4" sourceRef="I" targetRef="E" />
    <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="E2" />
    <bpmn:endEvent id="E" />
    <bpmn:endEvent id="E2" name="超时结束" />
  </bpmn:process>
</bpmn:definitions>`;
    // when
    const out = await layoutBpmn(xml);
    // then: the checker also verifies that the content lies inside the sub-process
    expect(count(out, 'BPMNShape')).toBe(11);
    expect(count(out, 'BPMNEdge')).toBe(8);
    expect(await checkDiagramLayout(out)).toEqual([]);
  });

  it('draws each process of a file in its own diagram, a self-loop around its task', async () => {
    // given
    const xml = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x"><bpmn:process id="p"><bpmn:startEvent id="A"/></bpmn:process><bpmn:process id="q"><bpmn:task id="T"/><bpmn:task id="T2"/><bpmn:sequenceFlow id="L" sourceRef="T" targetRef="T"/></bpmn:process></bpmn:definitions>';
    // when
    const out = await layoutBpmn(xml);
    // then: A and T sit at the same place, but in different diagrams
    expect(out).toMatch(/<bpmndi:BPMNPlane id="BPMNPlane_p" bpmnElement="p">\s*<bpmndi:BPMNShape id="A_di"/);
    expect(out).toMatch(/<bpmndi:BPMNPlane id="BPMNPlane_q" bpmnElement="q">\s*<bpmndi:BPMNShape id="T_di"/);
    expect(await checkDiagramLayout(out)).toEqual([]);
  });

  it('refuses pools and lanes without a layout with a Chinese message', async () => {
    // given
    const xml = WITHOUT_DI.replace('<bpmn:process id="p" isExecutable="true">', '<bpmn:collaboration id="C"><bpmn:participant id="P" processRef="p"/></bpmn:collaboration>\n  <bpmn:process id="p" isExecutable="true">');
    // then
    await expect(layoutBpmn(xml)).rejects.toThrow('无法自动布局含泳池或泳道的流程图');
  });
});
