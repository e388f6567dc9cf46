import { insertDiagram, removeEmptyDiagrams } from './insertDiagram.ts';
import { placeProcess } from './placeProcess.ts';
import { readFlowGraph } from './readFlowGraph.ts';

/**
 * Gives a BPMN file without diagram layout a readable one (BPMNDI): every flow node, boundary event
 * and sequence flow drawn, flows routed around shapes, labels clear of shapes and of each other.
 * A file that already has a layout is returned unchanged (it was drawn by someone; keep it).
 * Pools and lanes come from a modeler with their layout, so a file with them and no layout is refused.
 */
export async function layoutBpmn(xml: string): Promise<string> {
  const graph = await readFlowGraph(xml);
  if (graph.diagramElements > 0) return xml;
  if (graph.hasCollaborationOrLanes) throw new Error('无法自动布局含泳池或泳道的流程图:请在流程设计器中绘制后保存');
  const layouts = [];
  for (const process of graph.processes) layouts.push(await placeProcess(process));
  return insertDiagram(removeEmptyDiagrams(xml), layouts, graph.ids);
}
