export interface BpmnElementSummary {
  id: string;
  name: string;
  /** The BPMN tag without its prefix (userTask, serviceTask, intermediateCatchEvent …). */
  type: string;
}

const FLOW_NODE = /<(?:\w+:)?(userTask|serviceTask|sendTask|receiveTask|scriptTask|businessRuleTask|task|callActivity|subProcess|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|startEvent|endEvent|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway)\b([^>]*)>/g;

/** The flow nodes of a version's BPMN files (what a mapping may name), in document order. */
export function bpmnElements(bpmn: Record<string, string>): BpmnElementSummary[] {
  const out: BpmnElementSummary[] = [];
  const seen = new Set<string>();
  for (const xml of Object.values(bpmn)) {
    for (const m of xml.matchAll(FLOW_NODE)) {
      const id = /\bid="([^"]+)"/.exec(m[2])?.[1];
      if (!id || seen.has(id)) continue;
      seen.add(id);
      out.push({ id, name: decode(/\bname="([^"]*)"/.exec(m[2])?.[1] ?? '') || id, type: m[1] });
    }
  }
  return out;
}

/** FEEL's built-in functions whose names have spaces: their words are not variables. */
const MULTI_WORD_FUNCTIONS = new RegExp(
  `\\b(?:${['upper case', 'lower case', 'string length', 'date and time', 'years and months duration', 'day of week', 'day of year', 'month of year', 'week of year', 'get value', 'get entries', 'get or else', 'list contains', 'index of', 'distinct values', 'starts with', 'ends with', 'substring before', 'substring after', 'string join', 'is defined', 'round up', 'round down', 'round half up', 'round half down', 'insert before', 'last day of month', 'context put', 'context merge'].map((n) => n.replace(/ /g, '\\s+')).join('|')})\\s*\\(`,
  'g',
);

const FEEL_WORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'if', 'then', 'else', 'for', 'in', 'some', 'every', 'satisfies', 'return', 'between', 'instance', 'of', 'function', 'date', 'time', 'duration', 'now', 'today']);

/**
 * Variables the target version reads that the source never read and the target itself never
 * writes: what a waiting instance of the source may lack on the target (e.g. a field the amended
 * notice added). Read from the FEEL expressions (`="…"` attributes and condition bodies) by their root names.
 */
export function newlyReadVariables(source: Record<string, string>, target: Record<string, string>): string[] {
  const read = (files: Record<string, string>) => {
    const names = new Set<string>();
    for (const xml of Object.values(files)) for (const expr of feelExpressions(xml)) for (const n of rootNames(expr)) names.add(n);
    return names;
  };
  const written = new Set<string>();
  for (const xml of Object.values(target)) {
    for (const m of xml.matchAll(/\b(?:target|resultVariable|outputElement|inputElement)="([A-Za-z_][A-Za-z0-9_]*)/g)) written.add(m[1]);
  }
  const before = read(source);
  return [...read(target)].filter((n) => !before.has(n) && !written.has(n)).sort();
}

function feelExpressions(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/="=([^"]*)"/g)) out.push(decode(m[1]));
  for (const m of xml.matchAll(/<(?:\w+:)?conditionExpression\b[^>]*>([\s\S]*?)<\/(?:\w+:)?conditionExpression>/g)) out.push(decode(m[1]).replace(/^\s*=/, ''));
  return out;
}

/** Names a FEEL expression reads at its root (`a.b` reads a; `f(x)` reads x, not f; strings are skipped). */
export function rootNames(expr: string): string[] {
  const clean = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(MULTI_WORD_FUNCTIONS, '(');
  const names: string[] = [];
  for (const m of clean.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    const before = clean[(m.index ?? 0) - 1];
    const after = clean.slice((m.index ?? 0) + m[0].length).trimStart()[0];
    if (before === '.' || after === '(' || after === ':' || FEEL_WORDS.has(m[0])) continue;
    names.push(m[0]);
  }
  return names;
}

function decode(s: string): string {
  return s.replace(/&quot;|&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#10;/g, '\n').replace(/&amp;/g, '&');
}
