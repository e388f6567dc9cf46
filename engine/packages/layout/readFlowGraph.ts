import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const zeebeSchema = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

type El = Record<string, any> & { $type: string; id?: string };

export type NodeKind = 'event' | 'gateway' | 'activity' | 'subProcess';

export interface GraphNode {
  id: string;
  type: string;
  kind: NodeKind;
  name?: string;
  /** Boundary events attached to this activity, in file order. */
  boundary: GraphBoundary[];
  /** Set for an expanded sub-process: its own nodes and flows. */
  inner?: GraphContainer;
}

export interface GraphBoundary {
  id: string;
  name?: string;
}

export interface GraphFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
}

export interface GraphContainer {
  id: string;
  nodes: GraphNode[];
  flows: GraphFlow[];
}

export interface FlowGraph {
  processes: GraphContainer[];
  /** Every id used in the file (so diagram ids can be chosen without a clash). */
  ids: Set<string>;
  /** Number of BPMNShape/BPMNEdge elements already in the file. */
  diagramElements: number;
  /** Pools or lanes are present (not laid out here: they come from a modeler, with their DI). */
  hasCollaborationOrLanes: boolean;
}

const NOT_DRAWN_HERE = new Set(['bpmn:SequenceFlow', 'bpmn:BoundaryEvent', 'bpmn:DataObject']);

function kindOf(type: string, el: El): NodeKind | undefined {
  if (type.endsWith('Gateway')) return 'gateway';
  if (type.endsWith('Event')) return 'event';
  if (type === 'bpmn:SubProcess' || type === 'bpmn:Transaction' || type === 'bpmn:AdHocSubProcess') {
    return (el.flowElements ?? []).some((c: El) => c.$type !== 'bpmn:SequenceFlow') ? 'subProcess' : 'activity';
  }
  if (type.endsWith('Task') || type === 'bpmn:CallActivity') return 'activity';
  return undefined;
}

function readContainer(container: El, ids: Set<string>): GraphContainer {
  const elements = (container.flowElements ?? []) as El[];
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  for (const el of elements) {
    if (el.id) ids.add(el.id);
    if (NOT_DRAWN_HERE.has(el.$type)) continue;
    const kind = kindOf(el.$type, el);
    if (!kind || !el.id) continue;
    const node: GraphNode = { id: el.id, type: el.$type, kind, name: el.name || undefined, boundary: [] };
    if (kind === 'subProcess') node.inner = readContainer(el, ids);
    nodes.push(node);
    byId.set(node.id, node);
  }
  for (const el of elements) {
    if (el.$type !== 'bpmn:BoundaryEvent') continue;
    const host = byId.get(el.attachedToRef?.id);
    if (host) host.boundary.push({ id: el.id as string, name: el.name || undefined });
  }
  const flows: GraphFlow[] = elements
    .filter((el) => el.$type === 'bpmn:SequenceFlow' && el.sourceRef?.id && el.targetRef?.id)
    .map((el) => ({ id: el.id as string, name: el.name || undefined, source: el.sourceRef.id, target: el.targetRef.id }));
  return { id: container.id as string, nodes, flows };
}

function collectIds(el: unknown, ids: Set<string>, seen = new Set<unknown>()): void {
  if (!el || typeof el !== 'object' || seen.has(el)) return;
  seen.add(el);
  const e = el as El;
  if (typeof e.id === 'string') ids.add(e.id);
  for (const [k, v] of Object.entries(e)) {
    if (k.startsWith('$') || k.endsWith('Ref') || k === 'incoming' || k === 'outgoing' || k === 'bpmnElement') continue;
    if (Array.isArray(v)) v.forEach((c) => collectIds(c, ids, seen));
    else if (v && typeof v === 'object' && (v as El).$type) collectIds(v, ids, seen);
  }
}

/** Reads what the layout needs from a BPMN file: processes with their flow nodes, boundary events and flows. */
export async function readFlowGraph(xml: string): Promise<FlowGraph> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema }) as unknown as { fromXML(xml: string): Promise<{ rootElement: El }> };
  const { rootElement } = await moddle.fromXML(xml);
  const ids = new Set<string>();
  collectIds(rootElement, ids);
  const roots = (rootElement.rootElements ?? []) as El[];
  const processes = roots.filter((r) => r.$type === 'bpmn:Process').map((p) => readContainer(p, ids));
  const hasLanes = roots.some((r) => r.$type === 'bpmn:Process' && (r.laneSets ?? []).some((s: El) => (s.lanes ?? []).length > 0));
  const hasCollaboration = roots.some((r) => r.$type === 'bpmn:Collaboration');
  let diagramElements = 0;
  for (const d of (rootElement.diagrams ?? []) as El[]) diagramElements += (d.plane?.planeElement ?? []).length;
  return { processes, ids, diagramElements, hasCollaborationOrLanes: hasLanes || hasCollaboration };
}
