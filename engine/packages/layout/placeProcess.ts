import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api.js';
import type { EdgeLayout, Point, ProcessLayout, Rect, ShapeLayout } from './diagramTypes.ts';
import { activitySize, externalLabelSize } from './measureText.ts';
import type { GraphContainer, GraphNode } from './readFlowGraph.ts';

// elkjs is CommonJS: its default export is the constructor itself.
const ElkConstructor = ((ElkBundled as unknown as { default?: unknown }).default ?? ElkBundled) as new () => ELK;

const EVENT = 36;
const GATEWAY = 50;
const LABEL_GAP = 4;

/**
 * Layered layout (ELK "layered", left to right, orthogonal edges). Every node is laid out as a box
 * that holds its shape and its external label, so ELK keeps edges and other nodes off the labels;
 * edges dock at fixed ports on the shape's middle (boundary events: at the bottom of their host),
 * and flow names are ELK edge labels, which it places clear of nodes and of each other.
 */
const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.padding': '[top=40,left=40,bottom=40,right=40]',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.edgeNode': '24',
  'elk.spacing.edgeEdge': '14',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelNode': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.thoroughness': '10',
};

/** Where a node's shape and label sit inside its ELK box, and where its flows dock. */
interface Placement {
  node: GraphNode;
  shape: Rect;
  label?: Rect;
  boundary: Array<{ id: string; shape: Rect; label?: Rect; port: string }>;
  compound: boolean;
  /** Undrawn strip at the bottom of a sub-process's box, for its boundary events' labels. */
  extension?: number;
}

interface Context {
  placements: Map<string, Placement>;
  /** Port a flow leaves from, by source id (boundary events included). */
  outPort: Map<string, string>;
  inPort: Map<string, string>;
  /** Docking point of a port relative to its node's box, for ports at fixed positions. */
  dock: Map<string, { node: string; at: Point; boundary?: string }>;
  /** Plain tasks, whose flows get one port each. */
  spread: Set<string>;
}

function port(id: string, side: 'WEST' | 'EAST' | 'SOUTH', x: number, y: number): ElkPort {
  return { id, width: 0, height: 0, x, y, layoutOptions: { 'elk.port.side': side } };
}

function buildNode(node: GraphNode, ctx: Context): ElkNode {
  const ports: ElkPort[] = [];
  const inId = `${node.id}::in`;
  const outId = `${node.id}::out`;
  ctx.inPort.set(node.id, inId);
  ctx.outPort.set(node.id, outId);
  if (node.kind === 'subProcess') {
    const inner = buildContainer(node.inner!, ctx);
    // bpmn-js draws an expanded sub-process's name inside, at the top: keep room for it.
    const title = node.name ? externalLabelSize(node.name) : undefined;
    // Boundary events straddle the drawn border; their labels go below it, in a strip at the bottom
    // of the ELK box that is not drawn (so ELK keeps other nodes and flows off them).
    const labelHeight = Math.max(0, ...node.boundary.map((b) => (b.name ? externalLabelSize(b.name).height : 0)));
    const extension = node.boundary.length ? Math.max(EVENT / 2, LABEL_GAP + labelHeight) + 6 : 0;
    ctx.placements.set(node.id, { node, shape: { x: 0, y: 0, width: 0, height: 0 }, boundary: [], compound: true, extension });
    for (const b of node.boundary) ctx.outPort.set(b.id, `${b.id}::out`);
    return {
      id: node.id,
      children: inner.children,
      edges: inner.edges,
      ports: [
        { id: inId, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'WEST' } },
        { id: outId, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'EAST' } },
        ...node.boundary.map((b) => ({ id: `${b.id}::out`, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'SOUTH' } })),
      ],
      layoutOptions: {
        'elk.portConstraints': 'FIXED_SIDE',
        'elk.padding': `[top=${(title?.height ?? 0) + 24},left=24,bottom=${24 + extension},right=24]`,
      },
    };
  }
  let shape: Rect;
  let label: Rect | undefined;
  const boundary: Placement['boundary'] = [];
  let width: number;
  let height: number;
  if (node.kind === 'activity') {
    // Boundary events sit along the bottom, each with its label to its right, below the host.
    let x = 12;
    let below = 0;
    const placed: Array<{ id: string; x: number; label?: { width: number; height: number } }> = [];
    for (const b of node.boundary) {
      const ls = b.name ? externalLabelSize(b.name) : undefined;
      placed.push({ id: b.id, x, label: ls });
      x = (ls ? x + EVENT + LABEL_GAP + ls.width : x + EVENT) + 12;
      below = Math.max(below, EVENT / 2, ls ? LABEL_GAP + ls.height : 0);
    }
    const size = activitySize(node.name, Math.max(100, Math.ceil(x / 10) * 10));
    for (const b of placed) {
      const ev: Rect = { x: b.x, y: size.height - EVENT / 2, width: EVENT, height: EVENT };
      const bl = b.label && { x: b.x + EVENT + LABEL_GAP, y: size.height + LABEL_GAP, ...b.label };
      boundary.push({ id: b.id, shape: ev, label: bl, port: `${b.id}::out` });
    }
    width = size.width;
    shape = { x: 0, y: 0, width, height: size.height };
    height = size.height + (node.boundary.length ? below + 6 : 0);
    for (const b of boundary) {
      ctx.outPort.set(b.id, b.port);
      ports.push(port(b.port, 'SOUTH', b.shape.x + EVENT / 2, height));
      ctx.dock.set(b.port, { node: node.id, at: { x: b.shape.x + EVENT / 2, y: b.shape.y + EVENT }, boundary: b.id });
    }
  } else {
    const size = node.kind === 'gateway' ? GATEWAY : EVENT;
    const ls = node.name ? externalLabelSize(node.name) : undefined;
    width = Math.max(size, ls?.width ?? 0);
    shape = { x: (width - size) / 2, y: 0, width: size, height: size };
    label = ls && { x: (width - ls.width) / 2, y: size + LABEL_GAP, ...ls };
    height = size + (ls ? LABEL_GAP + ls.height : 0);
  }
  const cy = shape.y + shape.height / 2;
  ctx.placements.set(node.id, { node, shape, label, boundary, compound: false });
  if (node.kind === 'activity' && !node.boundary.length) {
    // A plain task: its box is its shape, so each flow gets its own port on the side and ELK spreads
    // them (two flows between the same pair stay apart); ports are added with the flows.
    ctx.spread.add(node.id);
    return { id: node.id, width, height, ports, layoutOptions: { 'elk.portConstraints': 'FIXED_SIDE' } };
  }
  // Events and gateways dock at the middle of the shape's side (the diamond's tip), hosts of
  // boundary events at the middle of the task: their boxes also hold labels.
  ports.unshift(port(inId, 'WEST', 0, cy), port(outId, 'EAST', width, cy));
  ctx.dock.set(inId, { node: node.id, at: { x: shape.x, y: cy } });
  ctx.dock.set(outId, { node: node.id, at: { x: shape.x + shape.width, y: cy } });
  const layoutOptions: Record<string, string> = { 'elk.portConstraints': 'FIXED_POS' };
  // Start events begin the drawing even when a loop leads back to the first task.
  if (node.type === 'bpmn:StartEvent') layoutOptions['elk.layered.layering.layerConstraint'] = 'FIRST';
  return { id: node.id, width, height, ports, layoutOptions };
}

function buildContainer(c: GraphContainer, ctx: Context): { children: ElkNode[]; edges: ElkExtendedEdge[] } {
  const children = c.nodes.map((n) => buildNode(n, ctx));
  const byId = new Map(children.map((n) => [n.id, n]));
  const sidePort = (nodeId: string, id: string, side: 'WEST' | 'EAST') => {
    byId.get(nodeId)!.ports!.push({ id, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } });
    return id;
  };
  const edges: ElkExtendedEdge[] = [];
  for (const f of c.flows) {
    if (!ctx.outPort.has(f.source) || !ctx.inPort.has(f.target)) continue;
    const source = ctx.spread.has(f.source) ? sidePort(f.source, `${f.id}::from`, 'EAST') : ctx.outPort.get(f.source)!;
    const target = ctx.spread.has(f.target) ? sidePort(f.target, `${f.id}::to`, 'WEST') : ctx.inPort.get(f.target)!;
    const labels = f.name ? [{ id: `${f.id}::label`, text: f.name, ...externalLabelSize(f.name) }] : undefined;
    edges.push({ id: f.id, sources: [source], targets: [target], labels });
  }
  return { children, edges };
}

function same(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

/** Drops repeated points and middle points of straight runs. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    if (out.length && same(out[out.length - 1], p)) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2];
      const b = out[out.length - 1];
      const straight = (Math.abs(a.x - b.x) < 0.5 && Math.abs(b.x - p.x) < 0.5) || (Math.abs(a.y - b.y) < 0.5 && Math.abs(b.y - p.y) < 0.5);
      if (straight) out.pop();
    }
    out.push(p);
  }
  return out;
}

const round = (r: Rect): Rect => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });
const roundPoint = (p: Point): Point => ({ x: Math.round(p.x), y: Math.round(p.y) });
const offset = (r: Rect, by: Point): Rect => ({ ...r, x: r.x + by.x, y: r.y + by.y });

/** Lays out one process: a shape for every flow node and boundary event, an edge for every sequence flow. */
export async function placeProcess(process: GraphContainer): Promise<ProcessLayout> {
  const ctx: Context = { placements: new Map(), outPort: new Map(), inPort: new Map(), dock: new Map(), spread: new Set() };
  const { children, edges } = buildContainer(process, ctx);
  const elk = new ElkConstructor();
  const result = await elk.layout({ id: `${process.id}::root`, layoutOptions: ROOT_OPTIONS, children, edges });

  const boxes = new Map<string, ElkNode>();
  const allEdges: ElkExtendedEdge[] = [];
  const walk = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      boxes.set(c.id, c);
      walk(c);
    }
    allEdges.push(...((n.edges ?? []) as ElkExtendedEdge[]));
  };
  walk(result);

  const shapes: ShapeLayout[] = [];
  const absolute = new Map<string, Rect>();
  for (const [id, p] of ctx.placements) {
    const box = boxes.get(id)!;
    const at = { x: box.x ?? 0, y: box.y ?? 0 };
    const bounds = p.compound ? { x: at.x, y: at.y, width: box.width ?? 0, height: (box.height ?? 0) - (p.extension ?? 0) } : offset(p.shape, at);
    absolute.set(id, bounds);
    shapes.push({
      element: id,
      bounds: round(bounds),
      label: p.label && round(offset(p.label, at)),
      isExpanded: p.compound || undefined,
      isMarkerVisible: p.node.type === 'bpmn:ExclusiveGateway' || undefined,
    });
    if (p.compound) {
      // Boundary events of an expanded sub-process sit on its bottom border where ELK put their port.
      for (const b of p.node.boundary) {
        const prt = (box.ports ?? []).find((q) => q.id === `${b.id}::out`);
        const cx = prt?.x ?? at.x + 30;
        const ev = { x: cx - EVENT / 2, y: bounds.y + bounds.height - EVENT / 2, width: EVENT, height: EVENT };
        const ls = b.name ? externalLabelSize(b.name) : undefined;
        // Right of the event, or left of it when the box ends first.
        const right = ev.x + EVENT + LABEL_GAP;
        const lx = ls && right + ls.width > at.x + (box.width ?? 0) ? ev.x - LABEL_GAP - ls.width : right;
        shapes.push({ element: b.id, bounds: round(ev), label: ls && round({ x: lx, y: bounds.y + bounds.height + LABEL_GAP, ...ls }) });
        ctx.dock.set(`${b.id}::out`, { node: id, at: { x: cx - at.x, y: bounds.height + EVENT / 2 }, boundary: b.id });
      }
    }
    for (const b of p.boundary) shapes.push({ element: b.id, bounds: round(offset(b.shape, at)), label: b.label && round(offset(b.label, at)) });
  }

  const dockAt = (portId: string): Point | undefined => {
    const d = ctx.dock.get(portId);
    if (!d) return undefined;
    const box = boxes.get(d.node)!;
    return { x: (box.x ?? 0) + d.at.x, y: (box.y ?? 0) + d.at.y };
  };
  const layoutEdges: EdgeLayout[] = [];
  for (const e of allEdges) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    if (!points.length) continue;
    const from = dockAt(e.sources[0]);
    const to = dockAt(e.targets[0]);
    if (from) points.unshift(from);
    if (to) points.push(to);
    const label = e.labels?.[0];
    layoutEdges.push({
      element: e.id,
      waypoints: simplify(points.map(roundPoint)),
      label: label && round({ x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 }),
    });
  }
  return { process: process.id, shapes, edges: layoutEdges };
}
