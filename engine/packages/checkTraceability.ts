import { pointerOf, resolvePointer, walkJson } from './jsonPointer.ts';
import type { Problem } from './packageTypes.ts';

type Json = Record<string, unknown>;

const CLAUSE_ID = /^[A-Z]{2}\d{2}-\d{2}$/;
const AMBIGUITY_ID = /^AMB-\d{2,}$/;

export interface TraceabilityInput {
  /** The parsed manifest; read defensively, it may have failed its schema. */
  manifest: Json;
  files: Record<string, string>;
  /** Parsed JSON of a package file (undefined if missing or not valid JSON; that is reported elsewhere). */
  json: (file: string) => unknown;
  /** Element ids per BPMN file. */
  bpmnIds: (file: string) => Set<string>;
  ruleSetFiles: string[];
  formFiles: string[];
  scheduleFile?: string;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** True when some object in the document has id or name equal to `key` (a rule name, a schedule window id). */
function hasNamed(doc: unknown, key: string): boolean {
  let found = false;
  walkJson(doc, (v) => {
    if (!found && isObject(v) && (v.id === key || v.name === key)) found = true;
  });
  return found;
}

type Mention = { file: string; pointer: string; id: string };

/** Clause and ambiguity ids mentioned by the files that implement the notice. */
function mentions(input: TraceabilityInput): { clauses: Mention[]; ambiguities: Mention[]; badFormat: Mention[] } {
  const clauses: Mention[] = [];
  const ambiguities: Mention[] = [];
  const badFormat: Mention[] = [];
  const add = (file: string, pointer: string, id: unknown, kind: 'clause' | 'ambiguity') => {
    if (typeof id !== 'string') return;
    const target = kind === 'clause' ? clauses : ambiguities;
    if ((kind === 'clause' ? CLAUSE_ID : AMBIGUITY_ID).test(id)) target.push({ file, pointer, id });
    else badFormat.push({ file, pointer, id });
  };
  const m = input.manifest;
  if (isObject(m.parameters)) {
    for (const [name, p] of Object.entries(m.parameters)) {
      if (!isObject(p)) continue;
      if (p.clause !== undefined) add('manifest.json', pointerOf('parameters', name, 'clause'), p.clause, 'clause');
      if (p.ambiguity !== undefined) add('manifest.json', pointerOf('parameters', name, 'ambiguity'), p.ambiguity, 'ambiguity');
    }
  }
  for (const file of input.ruleSetFiles) {
    walkJson(input.json(file), (v, at) => {
      if (!isObject(v)) return;
      if (typeof v.clause === 'string') add(file, `${at}/clause`, v.clause, 'clause');
      list(v.ambiguities).forEach((a, i) => add(file, `${at}/ambiguities/${i}`, a, 'ambiguity'));
    });
  }
  for (const file of input.formFiles) {
    walkJson(input.json(file), (v, at) => {
      if (!isObject(v)) return;
      const xc = v['x-clause'];
      if (typeof xc === 'string') add(file, `${at}/x-clause`, xc, 'clause');
      list(xc).forEach((c, i) => add(file, `${at}/x-clause/${i}`, c, 'clause'));
      list(v['x-ambiguities']).forEach((a, i) => add(file, `${at}/x-ambiguities/${i}`, a, 'ambiguity'));
      if (/^\/x-attachments\/\d+$/.test(at)) {
        if (typeof v.clause === 'string') add(file, `${at}/clause`, v.clause, 'clause');
        list(v.clause).forEach((c, i) => add(file, `${at}/clause/${i}`, c, 'clause'));
      }
    });
  }
  if (input.scheduleFile) {
    const schedule = input.json(input.scheduleFile);
    list(isObject(schedule) ? schedule.windows : undefined).forEach((w, i) => {
      if (!isObject(w)) return;
      if (w.clause !== undefined) add(input.scheduleFile!, pointerOf('windows', i, 'clause'), w.clause, 'clause');
      if (w.ambiguity !== undefined) add(input.scheduleFile!, pointerOf('windows', i, 'ambiguity'), w.ambiguity, 'ambiguity');
    });
  }
  return { clauses, ambiguities, badFormat };
}

/**
 * Traceability between the notice and the package (DESIGN "Traceability", ambiguities §7):
 * the clause index points at things that exist, the implementing files cite clauses the index lists,
 * every cited ambiguity is in the package's register, and non-verbatim values link to one.
 */
export function checkTraceability(input: TraceabilityInput): Problem[] {
  const problems: Problem[] = [];
  const m = input.manifest;
  const clauses = list(m.clauses);
  const register = list(m.ambiguities);

  const indexed = new Set<string>();
  clauses.forEach((c, i) => {
    if (!isObject(c) || typeof c.id !== 'string') return;
    if (indexed.has(c.id)) problems.push({ file: 'manifest.json', pointer: pointerOf('clauses', i, 'id'), message: `条款 ${c.id} 在条款索引中重复`, severity: 'error', code: 'CLAUSE_DUPLICATE' });
    indexed.add(c.id);
    const targets = list(c.implementedBy);
    if (Array.isArray(c.implementedBy) && targets.length === 0) {
      problems.push({ file: 'manifest.json', pointer: pointerOf('clauses', i, 'implementedBy'), message: `条款 ${c.id} 未指明由包中哪个文件实现`, severity: 'warning', code: 'TRACE_EMPTY' });
    }
    targets.forEach((target, j) => {
      if (typeof target !== 'string') return;
      const pointer = pointerOf('clauses', i, 'implementedBy', j);
      const hash = target.indexOf('#');
      const file = hash < 0 ? target : target.slice(0, hash);
      const fragment = hash < 0 ? '' : target.slice(hash + 1);
      if (input.files[file] === undefined) {
        problems.push({ file: 'manifest.json', pointer, message: `条款 ${c.id} 的实现文件不存在:${file}`, severity: 'error', code: 'TRACE_TARGET' });
        return;
      }
      if (!fragment) return;
      if (file.endsWith('.bpmn')) {
        if (!input.bpmnIds(file).has(fragment)) problems.push({ file: 'manifest.json', pointer, message: `条款 ${c.id} 引用的流程元素不存在:${file} 中没有「${fragment}」`, severity: 'error', code: 'TRACE_ELEMENT' });
        return;
      }
      if (!file.endsWith('.json')) return;
      const doc = input.json(file);
      if (doc === undefined) return; // its syntax error is already reported
      if (fragment.startsWith('/')) {
        if (resolvePointer(doc, fragment) === undefined) problems.push({ file: 'manifest.json', pointer, message: `条款 ${c.id} 引用的位置不存在:${file} 中没有 ${fragment}`, severity: 'error', code: 'TRACE_POINTER' });
      } else if (!hasNamed(doc, fragment)) {
        problems.push({ file: 'manifest.json', pointer, message: `条款 ${c.id} 引用的规则或条目不存在:${file} 中没有名为「${fragment}」的项`, severity: 'error', code: 'TRACE_FRAGMENT' });
      }
    });
  });

  const registered = new Set<string>();
  register.forEach((a, i) => {
    if (!isObject(a) || typeof a.id !== 'string') return;
    if (registered.has(a.id)) problems.push({ file: 'manifest.json', pointer: pointerOf('ambiguities', i, 'id'), message: `歧义 ${a.id} 在歧义登记中重复`, severity: 'error', code: 'AMBIGUITY_DUPLICATE' });
    registered.add(a.id);
    if (a.severity === 'BLOCKING' && a.status === 'open') {
      problems.push({
        file: 'manifest.json',
        pointer: pointerOf('ambiguities', i),
        message: `歧义 ${a.id} 为阻断级(BLOCKING)且尚未解决:发布(启用)前须由政策负责人确认或补充材料`,
        severity: 'warning',
        code: 'AMBIGUITY_BLOCKING_OPEN',
      });
    }
  });

  const found = mentions(input);
  for (const b of found.badFormat) {
    problems.push({ file: b.file, pointer: b.pointer, message: `编号「${b.id}」格式不正确(条款应形如 SC26-01,歧义应形如 AMB-20)`, severity: 'error', code: 'REF_FORMAT' });
  }
  // Only this notice's own clauses belong in its index; clauses of earlier notices carried over by an assumption (e.g. SC21 under A-1) do not.
  const ownPrefixes = new Set([...indexed].map((id) => id.split('-')[0]));
  const reported = new Set<string>();
  for (const c of found.clauses) {
    const prefix = c.id.split('-')[0];
    if (indexed.has(c.id) || !ownPrefixes.has(prefix) || reported.has(`${c.file}\0${c.id}`)) continue;
    reported.add(`${c.file}\0${c.id}`);
    problems.push({ file: c.file, pointer: c.pointer, message: `引用的条款 ${c.id} 未列入 manifest.json 的条款索引(clauses),无法从条款反查实现`, severity: 'warning', code: 'CLAUSE_NOT_INDEXED' });
  }
  for (const a of found.ambiguities) {
    if (registered.has(a.id) || reported.has(`${a.file}\0${a.id}`)) continue;
    reported.add(`${a.file}\0${a.id}`);
    problems.push({ file: a.file, pointer: a.pointer, message: `引用的歧义 ${a.id} 未列入 manifest.json 的歧义登记(ambiguities),发布检查无法看到它`, severity: 'warning', code: 'AMBIGUITY_NOT_REGISTERED' });
  }

  if (isObject(m.parameters)) {
    for (const [name, p] of Object.entries(m.parameters)) {
      if (isObject(p) && typeof p.provenance === 'string' && p.provenance !== 'verbatim' && p.provenance !== 'supplied-by-owner' && p.ambiguity === undefined) {
        problems.push({ file: 'manifest.json', pointer: pointerOf('parameters', name), message: `参数 ${name} 的来源为「${p.provenance}」,应关联说明其依据的歧义编号(ambiguity)`, severity: 'warning', code: 'PROVENANCE_UNLINKED' });
      }
    }
  }
  return problems;
}
