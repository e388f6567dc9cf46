import { describe, expect, it } from 'vitest';
import { checkDiagramLayout, segmentCrosses } from './checkDiagramLayout.ts';

/** A → T → B in a row, T with a boundary event E → C below; every label clear. */
function diagram(over: Partial<Record<'A' | 'T' | 'B' | 'C' | 'E' | 'labelB' | 'labelF2', string>> = {}, edges?: string): string {
  const b = (id: string, def: string) => over[id as keyof typeof over] ?? def;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D" targetNamespace="x">
  <bpmn:process id="p">
    <bpmn:startEvent id="A" />
    <bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="T" />
    <bpmn:task id="T" />
    <bpmn:boundaryEvent id="E" attachedToRef="T" />
    <bpmn:sequenceFlow id="F2" name="超时" sourceRef="T" targetRef="B" />
    <bpmn:endEvent id="B" name="完成" />
    <bpmn:sequenceFlow id="F3" sourceRef="E" targetRef="C" />
    <bpmn:endEvent id="C" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="p">
    <bpmndi:BPMNShape id="A_di" bpmnElement="A"><dc:Bounds ${b('A', 'x="0" y="22" width="36" height="36"')} /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="T_di" bpmnElement="T"><dc:Bounds ${b('T', 'x="100" y="0" width="100" height="80"')} /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="E_di" bpmnElement="E"><dc:Bounds ${b('E', 'x="112" y="62" width="36" height="36"')} /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="B_di" bpmnElement="B"><dc:Bounds ${b('B', 'x="300" y="22" width="36" height="36"')} /><bpmndi:BPMNLabel><dc:Bounds ${b('labelB', 'x="296" y="62" width="44" height="14"')} /></bpmndi:BPMNLabel></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="C_di" bpmnElement="C"><dc:Bounds ${b('C', 'x="300" y="150" width="36" height="36"')} /></bpmndi:BPMNShape>
    ${edges ?? `<bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="36" y="40" /><di:waypoint x="100" y="40" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="200" y="40" /><di:waypoint x="300" y="40" /><bpmndi:BPMNLabel><dc:Bounds ${b('labelF2', 'x="230" y="20" width="30" height="14"')} /></bpmndi:BPMNLabel></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="130" y="98" /><di:waypoint x="130" y="168" /><di:waypoint x="300" y="168" /></bpmndi:BPMNEdge>`}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const messages = async (xml: string) => (await checkDiagramLayout(xml)).map((p) => `${p.element}: ${p.message}`);

describe('checkDiagramLayout', () => {
  it('accepts a clean diagram', async () => {
    // then
    expect(await messages(diagram())).toEqual([]);
  });

  it('finds a flow node without shape and a flow without edge', async () => {
    // given
    const xml = diagram({}, '').replace(/<bpmndi:BPMNShape id="C_di"[\s\S]*?<\/bpmndi:BPMNShape>/, '');
    // then
    expect(await messages(xml)).toEqual(expect.arrayContaining(['C: 流程节点没有图形(BPMNShape)', 'F1: 顺序流没有连线(BPMNEdge)', 'F2: 顺序流没有连线(BPMNEdge)', 'F3: 顺序流没有连线(BPMNEdge)']));
  });

  it('finds an edge that runs through a shape it does not connect', async () => {
    // given: F1 goes from A to C, drawn straight through T
    const xml = diagram()
      .replace('<bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="T" />', '<bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="C" />')
      .replace('<di:waypoint x="100" y="40" /></bpmndi:BPMNEdge>', '<di:waypoint x="250" y="40" /><di:waypoint x="250" y="168" /><di:waypoint x="300" y="168" /></bpmndi:BPMNEdge>');
    // then
    expect(await messages(xml)).toEqual(['F1: 连线穿过了不相连的元素 T']);
    // and an edge through its own source or target is not reported
    expect(await messages(diagram().replace('<di:waypoint x="36" y="40" /><di:waypoint x="100" y="40" />', '<di:waypoint x="36" y="40" /><di:waypoint x="150" y="40" /><di:waypoint x="150" y="0" />'))).toEqual([]);
  });

  it('finds overlapping shapes, but not a boundary event on its host', async () => {
    // given
    const xml = diagram({ C: 'x="310" y="30" width="36" height="36"' });
    // then
    const found = await messages(xml);
    expect(found).toContain('B: 图形与 C 重叠');
    expect(found.filter((m) => m.startsWith('E:') || m.includes('与 E'))).toEqual([]);
  });

  it('finds a boundary event that is not attached to its host\'s border', async () => {
    // then
    expect(await messages(diagram({ E: 'x="112" y="120" width="36" height="36"' }))).toContain('E: 边界事件没有贴在所属活动 T 的边框上');
  });

  it('finds labels overlapping a shape or each other', async () => {
    // then
    expect(await messages(diagram({ labelB: 'x="190" y="30" width="50" height="14"' }))).toEqual(expect.arrayContaining(['B: 标签与图形 T 重叠', 'B: 标签与 F2 的标签重叠']));
  });

  it('tells a crossing from a segment that only touches or passes by', () => {
    // given
    const r = { x: 0, y: 0, width: 100, height: 80 };
    // then
    expect(segmentCrosses({ x: -10, y: 40 }, { x: 110, y: 40 }, r)).toBe(true);
    expect(segmentCrosses({ x: 50, y: -10 }, { x: 50, y: 10 }, r)).toBe(true);
    expect(segmentCrosses({ x: -10, y: 0 }, { x: 110, y: 0 }, r)).toBe(false);
    expect(segmentCrosses({ x: -10, y: 90 }, { x: 110, y: 90 }, r)).toBe(false);
    expect(segmentCrosses({ x: 100, y: 40 }, { x: 150, y: 40 }, r)).toBe(false);
  });
});
