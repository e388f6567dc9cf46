import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { Point, Rect } from './diagramTypes.ts';

const zeebeSchema = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

type El = Record<string, any> & { $type: string; id?: string };

export interface LayoutProblem {
  element: string;
  message: string;
}

const TOLERANCE = 1;

function isFlowNode(el: El): boolean {
  return /(Task|Event|Gateway|SubProcess|CallActivity|Transaction)$/.test(el.$type) && !el.$type.endsWith('Definition');
}

/** Interiors overlap (touching edges do not count). */
function overlaps(a: Rect, b: Rect): boolean {
  return a.x + a.width - TOLERANCE > b.x && b.x + b.width - TOLERANCE > a.x && a.y + a.height - TOLERANCE > b.y && b.y + b.height - TOLERANCE > a.y;
}

function shrink(r: Rect, by: number): Rect {
  return { x: r.x + by, y: r.y + by, width: r.width - 2 * by, height: r.height - 2 * by };
}

function inside(p: Point, r: Rect): boolean {
  return p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
}

/** Liang–Barsky clipping: does the segment pass through the open rectangle? */
export function segmentCrosses(a: Point, b: Point, rect: Rect): boolean {
  const r = shrink(rect, TOLERANCE);
  if (r.width <= 0 || r.height <= 0) return false;
  if (inside(a, r) || inside(b, r)) return true;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const edges: Array<[number, number]> = [
    [-dx, a.x - r.x],
    [dx, r.x + r.width - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.height - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return t1 - t0 > 1e-9;
}

/** Distance from a point to the border of a rectangle. */
function distanceToBorder(p: Point, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(p.x - r.x, r.x + r.width - p.x, p.y - r.y, r.y + r.height - p.y);
}

const bounds = (b: El): Rect => ({ x: b.x, y: b.y, width: b.width, height: b.height });

/**
 * Checks that a BPMN file's diagram can be read: every flow node has one shape and every sequence
 * flow an edge docking on its source and target; no edge runs through a shape it does not connect;
 * shapes do not overlap (boundary events sit on their host's border, sub-processes hold their
 * content); labels overlap neither shapes nor each other. Geometry is compared within one diagram
 * (a file may draw each process in its own). Returns every problem found.
 */
export async function checkDiagramLayout(xml: string): Promise<LayoutProblem[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema }) as unknown as { fromXML(xml: string): Promise<{ rootElement: El }> };
  const { rootElement } = await moddle.fromXML(xml);
  const problems: LayoutProblem[] = [];
  type Shape = { el: El; bounds: Rect; label?: Rect; plane: string };
  const shapes = new Map<string, Shape>();
  const edges = new Map<string, { el: El; points: Point[]; label?: Rect; plane: string }>();
  for (const d of (rootElement.diagrams ?? []) as El[]) {
    const plane = String(d.id);
    for (const pe of (d.plane?.planeElement ?? []) as El[]) {
      const el = pe.bpmnElement as El | undefined;
      if (!el?.id) continue;
      const label = pe.label?.bounds ? bounds(pe.label.bounds) : undefined;
      if (pe.$type === 'bpmndi:BPMNShape') {
        if (shapes.has(el.id)) problems.push({ element: el.id, message: '元素有不止一个图形' });
        shapes.set(el.id, { el, bounds: bounds(pe.bounds), label, plane });
      } else if (pe.$type === 'bpmndi:BPMNEdge') {
        edges.set(el.id, { el, points: ((pe.waypoint ?? []) as El[]).map((w) => ({ x: w.x, y: w.y })), label, plane });
      }
    }
  }

  // Containers (expanded sub-processes) of every element, innermost first.
  const containers = new Map<string, string[]>();
  const flowNodes: El[] = [];
  const flows: El[] = [];
  const walk = (container: El, chain: string[]) => {
    for (const el of (container.flowElements ?? []) as El[]) {
      if (!el.id) continue;
      containers.set(el.id, chain);
      if (el.$type === 'bpmn:SequenceFlow') flows.push(el);
      else if (isFlowNode(el)) flowNodes.push(el);
      if (el.flowElements) walk(el, [el.id, ...chain]);
    }
  };
  for (const root of (rootElement.rootElements ?? []) as El[]) if (root.$type === 'bpmn:Process') walk(root, []);

  for (const n of flowNodes) if (!shapes.has(n.id!)) problems.push({ element: n.id!, message: '流程节点没有图形(BPMNShape)' });
  const related = (a: string, b: string) => {
    const ea = shapes.get(a)?.el;
    const eb = shapes.get(b)?.el;
    return ea?.attachedToRef?.id === b || eb?.attachedToRef?.id === a || (containers.get(a) ?? []).includes(b) || (containers.get(b) ?? []).includes(a);
  };

  for (const f of flows) {
    const edge = edges.get(f.id!);
    if (!edge) {
      problems.push({ element: f.id!, message: '顺序流没有连线(BPMNEdge)' });
      continue;
    }
    if (edge.points.length < 2) {
      problems.push({ element: f.id!, message: '连线少于两个路径点' });
      continue;
    }
    const source = shapes.get(f.sourceRef?.id);
    const target = shapes.get(f.targetRef?.id);
    if (source && distanceToBorder(edge.points[0], source.bounds) > TOLERANCE) problems.push({ element: f.id!, message: `连线起点不在源元素 ${f.sourceRef.id} 的边框上` });
    if (target && distanceToBorder(edge.points[edge.points.length - 1], target.bounds) > TOLERANCE) problems.push({ element: f.id!, message: `连线终点不在目标元素 ${f.targetRef.id} 的边框上` });
    const ends = new Set([f.sourceRef?.id, f.targetRef?.id, ...(containers.get(f.id!) ?? [])]);
    for (const [id, s] of shapes) {
      if (ends.has(id) || s.plane !== edge.plane) continue;
      for (let i = 1; i < edge.points.length; i += 1) {
        if (segmentCrosses(edge.points[i - 1], edge.points[i], s.bounds)) {
          problems.push({ element: f.id!, message: `连线穿过了不相连的元素 ${id}` });
          break;
        }
      }
    }
  }

  const list = [...shapes.entries()];
  for (let i = 0; i < list.length; i += 1) {
    const [a, sa] = list[i];
    if (sa.el.attachedToRef) {
      const host = shapes.get(sa.el.attachedToRef.id);
      const c = { x: sa.bounds.x + sa.bounds.width / 2, y: sa.bounds.y + sa.bounds.height / 2 };
      if (host && distanceToBorder(c, host.bounds) > TOLERANCE) problems.push({ element: a, message: `边界事件没有贴在所属活动 ${sa.el.attachedToRef.id} 的边框上` });
    }
    for (const c of containers.get(a) ?? []) {
      const outer = shapes.get(c);
      const b = sa.bounds;
      if (outer && (b.x < outer.bounds.x || b.y < outer.bounds.y || b.x + b.width > outer.bounds.x + outer.bounds.width || b.y + b.height > outer.bounds.y + outer.bounds.height)) {
        if (!sa.el.attachedToRef || sa.el.attachedToRef.id !== c) problems.push({ element: a, message: `图形超出所在子流程 ${c} 的范围` });
      }
    }
    for (let j = i + 1; j < list.length; j += 1) {
      const [b, sb] = list[j];
      if (sa.plane === sb.plane && !related(a, b) && overlaps(sa.bounds, sb.bounds)) problems.push({ element: a, message: `图形与 ${b} 重叠` });
    }
  }

  const labels: Array<{ id: string; rect: Rect; plane: string }> = [];
  for (const [id, s] of shapes) if (s.label) labels.push({ id, rect: s.label, plane: s.plane });
  for (const [id, e] of edges) if (e.label) labels.push({ id, rect: e.label, plane: e.plane });
  for (let i = 0; i < labels.length; i += 1) {
    const l = labels[i];
    for (const [id, s] of shapes) {
      if (s.plane !== l.plane || (containers.get(l.id) ?? []).includes(id)) continue;
      if (overlaps(l.rect, s.bounds)) problems.push({ element: l.id, message: `标签与图形 ${id} 重叠` });
    }
    for (let j = i + 1; j < labels.length; j += 1) if (labels[j].plane === l.plane && overlaps(l.rect, labels[j].rect)) problems.push({ element: l.id, message: `标签与 ${labels[j].id} 的标签重叠` });
  }
  return problems;
}
