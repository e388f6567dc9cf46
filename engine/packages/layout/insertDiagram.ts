import { appendAttributes, declaredPrefix, findDefinitionsTag, freePrefix } from './definitionsTag.ts';
import type { ProcessLayout, Rect } from './diagramTypes.ts';

const NS = {
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
} as const;

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Adds a BPMNDiagram per process before the closing definitions tag, and the DI namespaces to the
 * definitions element. The rest of the file (comments, formatting, extension elements) is kept
 * byte for byte, so a package diff shows only the added layout.
 */
export function insertDiagram(xml: string, layouts: ProcessLayout[], usedIds: Set<string>): string {
  const { tag, index, prefix } = findDefinitionsTag(xml);
  const bpmnPrefix = prefix ? `${prefix}:` : '';
  const closing = `</${bpmnPrefix}definitions>`;
  const end = xml.lastIndexOf(closing);
  if (end < 0) throw new Error(`BPMN 文件缺少 ${closing}`);
  const declarations: string[] = [];
  const use = (uri: string, wanted: string) => {
    const found = declaredPrefix(tag, uri);
    if (found) return { prefix: found };
    const free = freePrefix(tag, wanted);
    declarations.push(`xmlns:${free}="${uri}"`);
    return { prefix: free };
  };
  const di = use(NS.bpmndi, 'bpmndi');
  const dc = use(NS.dc, 'dc');
  const dd = use(NS.di, 'di');
  const newTag = appendAttributes(tag, declarations);

  const ids = new Set(usedIds);
  const idFor = (base: string): string => {
    let id = base;
    for (let i = 2; ids.has(id); i += 1) id = `${base}_${i}`;
    ids.add(id);
    return id;
  };
  const bounds = (r: Rect) => `<${dc.prefix}:Bounds x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" />`;
  const label = (r: Rect | undefined, indent: string) => (r ? `\n${indent}<${di.prefix}:BPMNLabel>\n${indent}  ${bounds(r)}\n${indent}</${di.prefix}:BPMNLabel>` : '');
  const lines: string[] = [];
  for (const layout of layouts) {
    const p = escapeAttr(layout.process);
    lines.push(`  <${di.prefix}:BPMNDiagram id="${idFor(`BPMNDiagram_${layout.process}`)}">`);
    lines.push(`    <${di.prefix}:BPMNPlane id="${idFor(`BPMNPlane_${layout.process}`)}" bpmnElement="${p}">`);
    for (const s of layout.shapes) {
      const flags = (s.isMarkerVisible ? ' isMarkerVisible="true"' : '') + (s.isExpanded ? ' isExpanded="true"' : '');
      lines.push(`      <${di.prefix}:BPMNShape id="${idFor(`${s.element}_di`)}" bpmnElement="${escapeAttr(s.element)}"${flags}>`);
      lines.push(`        ${bounds(s.bounds)}${label(s.label, '        ')}`);
      lines.push(`      </${di.prefix}:BPMNShape>`);
    }
    for (const e of layout.edges) {
      lines.push(`      <${di.prefix}:BPMNEdge id="${idFor(`${e.element}_di`)}" bpmnElement="${escapeAttr(e.element)}">`);
      for (const w of e.waypoints) lines.push(`        <${dd.prefix}:waypoint x="${w.x}" y="${w.y}" />`);
      if (e.label) lines.push(label(e.label, '        ').slice(1));
      lines.push(`      </${di.prefix}:BPMNEdge>`);
    }
    lines.push(`    </${di.prefix}:BPMNPlane>`);
    lines.push(`  </${di.prefix}:BPMNDiagram>`);
  }
  const before = xml.slice(0, end).replace(/[ \t]*$/, '');
  const body = (before.endsWith('\n') ? '' : '\n') + lines.join('\n') + '\n';
  const out = before + body + xml.slice(end);
  return out.slice(0, index) + newTag + out.slice(index + tag.length);
}

/** Removes diagrams that draw nothing (a modeler's empty plane), so a layout can take their place. */
export function removeEmptyDiagrams(xml: string): string {
  return xml.replace(/[ \t]*<(?:[\w.-]+:)?BPMNDiagram\b[^>]*>\s*(?:<(?:[\w.-]+:)?BPMNPlane\b[^>]*\/>|<(?:[\w.-]+:)?BPMNPlane\b[^>]*>\s*<\/(?:[\w.-]+:)?BPMNPlane>)?\s*<\/(?:[\w.-]+:)?BPMNDiagram>\s*\n?/g, '');
}
