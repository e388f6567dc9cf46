import { parseDefinitions, type ElementInfo } from '../../bpmn/zeebeModel.ts';

/** The parts of a package version a diff reads (a loaded package or a stored version). */
export interface DiffablePackage {
  manifest: {
    id: string;
    year: number;
    title: string;
    processes: Array<{ file: string; bpmnProcessId: string; role: string }>;
    parameters: Record<string, { value: unknown; unit?: string; clause?: string; ambiguity?: string }>;
    ambiguities?: Array<{ id: string }>;
  };
  bpmn: Record<string, string>;
  ruleSets: Record<string, unknown>;
  forms: Record<string, { schema: Record<string, unknown>; title?: string }>;
  schedule?: unknown;
}

export type ChangeType = 'rule' | 'form' | 'flow' | 'schedule';
export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PackageChange {
  type: ChangeType;
  change: ChangeKind;
  /** What changed, stable and machine-readable: 'rule:eligibility/recommender-filed', 'parameter:collectionMonths', 'form:application#/properties/x', 'element:Task_UnitReview', 'window-kind:class'. */
  subject: string;
  /** Chinese, for policy staff. */
  message: string;
  /** Clause ids of both sides (e.g. SC21-30 and SC26-45). */
  clauses: string[];
  before?: unknown;
  after?: unknown;
}

export interface PackageDiff {
  from: { id: string; year: number; title: string };
  to: { id: string; year: number; title: string };
  changes: PackageChange[];
  counts: Record<ChangeType, number>;
}

const TYPE_LABELS: Record<ChangeType, string> = { rule: '规则', form: '表单', flow: '流程', schedule: '日程' };
const KIND_LABELS: Record<ChangeKind, string> = { added: '新增', removed: '删除', changed: '变更' };
const WORDING_KEYS = new Set(['message', 'passMessage', 'failMessage', 'notApplicableMessage', 'referMessage', 'title', 'label', 'description', '$comment']);

type Json = Record<string, any>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stable text of a value without its wording, so that a reworded message is not a rule change. */
function semantic(v: unknown): string {
  const strip = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(strip) : isObject(x) ? Object.fromEntries(Object.keys(x).sort().filter((k) => !WORDING_KEYS.has(k)).map((k) => [k, strip(x[k])])) : x;
  return JSON.stringify(strip(v));
}

function clausesOf(...values: unknown[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    for (const id of v.split(/[,\s]+/)) if (/^[A-Z]{2}\d{2}-\d{2}$/.test(id)) out.add(id);
  }
  return [...out].sort();
}

function show(v: unknown): string {
  if (v === undefined) return '(无)';
  if (typeof v === 'string') return `「${v}」`;
  return JSON.stringify(v);
}

// ---------------------------------------------------------------- rules and parameters

function rulesOf(p: DiffablePackage): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [setId, set] of Object.entries(p.ruleSets)) {
    for (const rule of (isObject(set) && Array.isArray(set.rules) ? set.rules : []) as Json[]) out.set(`${setId}/${rule.name}`, rule);
  }
  return out;
}

function diffRules(a: DiffablePackage, b: DiffablePackage): PackageChange[] {
  const before = rulesOf(a);
  const after = rulesOf(b);
  const changes: PackageChange[] = [];
  for (const [key, rule] of after) {
    const old = before.get(key);
    if (!old) {
      changes.push({ type: 'rule', change: 'added', subject: `rule:${key}`, message: `新增规则「${rule.title ?? rule.name}」`, clauses: clausesOf(rule.clause), after: rule.name });
    } else if (semantic(old.conditions) !== semantic(rule.conditions) || semantic(old.appliesWhen) !== semantic(rule.appliesWhen) || semantic([old.onFail, old.onPass]) !== semantic([rule.onFail, rule.onPass])) {
      changes.push({ type: 'rule', change: 'changed', subject: `rule:${key}`, message: `规则「${rule.title ?? rule.name}」的判定条件变更`, clauses: clausesOf(old.clause, rule.clause), before: old.conditions, after: rule.conditions });
    }
  }
  for (const [key, rule] of before) {
    if (!after.has(key)) changes.push({ type: 'rule', change: 'removed', subject: `rule:${key}`, message: `删除规则「${rule.title ?? rule.name}」`, clauses: clausesOf(rule.clause), before: rule.name });
  }
  return changes;
}

/** Durations and dates are schedule parameters; thresholds, lists and editions are rule parameters. */
function parameterType(name: string, p: { unit?: string }): ChangeType {
  if (p.unit && ['WD', 'DAY', 'MONTH'].includes(p.unit)) return 'schedule';
  return /(Days|Months|Window|Date|Deadline)/.test(name) ? 'schedule' : 'rule';
}

function diffParameters(a: DiffablePackage, b: DiffablePackage): PackageChange[] {
  const before = a.manifest.parameters ?? {};
  const after = b.manifest.parameters ?? {};
  const changes: PackageChange[] = [];
  const unit = (p: { unit?: string }) => (p.unit ? ` ${p.unit}` : '');
  for (const [name, p] of Object.entries(after)) {
    const old = before[name];
    const type = parameterType(name, p);
    if (!old) changes.push({ type, change: 'added', subject: `parameter:${name}`, message: `新增参数 ${name} = ${show(p.value)}${unit(p)}`, clauses: clausesOf(p.clause), after: p.value });
    else if (JSON.stringify(old.value) !== JSON.stringify(p.value) || old.unit !== p.unit) {
      changes.push({ type, change: 'changed', subject: `parameter:${name}`, message: `参数 ${name} 由 ${show(old.value)}${unit(old)} 改为 ${show(p.value)}${unit(p)}`, clauses: clausesOf(old.clause, p.clause), before: old.value, after: p.value });
    }
  }
  for (const [name, p] of Object.entries(before)) {
    if (!(name in after)) changes.push({ type: parameterType(name, p), change: 'removed', subject: `parameter:${name}`, message: `删除参数 ${name}(原为 ${show(p.value)}${unit(p)})`, clauses: clausesOf(p.clause), before: p.value });
  }
  return changes;
}

// ---------------------------------------------------------------- forms

const FIELD_FACETS = ['type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'x-count'];

interface Field {
  title?: string;
  required: boolean;
  facets: Json;
  clause?: string;
}

/** Every property of a form schema by JSON pointer, with whether its parent requires it. */
function fieldsOf(schema: Json): Map<string, Field> {
  const out = new Map<string, Field>();
  const walk = (node: Json, pointer: string, required: boolean) => {
    if (pointer) {
      out.set(pointer, { title: node.title, required, facets: Object.fromEntries(FIELD_FACETS.filter((k) => node[k] !== undefined).map((k) => [k, node[k]])), clause: node['x-clause'] });
    }
    if (isObject(node.properties)) {
      const req = new Set<string>(Array.isArray(node.required) ? node.required : []);
      for (const [k, child] of Object.entries(node.properties)) if (isObject(child)) walk(child, `${pointer}/${k}`, req.has(k));
    }
    if (isObject(node.items)) walk(node.items, `${pointer}/*`, true);
  };
  walk(schema, '', true);
  return out;
}

function attachmentsOf(schema: Json): Map<string, Json> {
  return new Map(((Array.isArray(schema['x-attachments']) ? schema['x-attachments'] : []) as Json[]).map((x) => [String(x.kind), x]));
}

function diffForms(a: DiffablePackage, b: DiffablePackage): PackageChange[] {
  const changes: PackageChange[] = [];
  const ids = new Set([...Object.keys(a.forms), ...Object.keys(b.forms)]);
  for (const id of [...ids].sort()) {
    const fa = a.forms[id];
    const fb = b.forms[id];
    if (!fa || !fb) {
      const f = (fa ?? fb)!;
      changes.push({ type: 'form', change: fa ? 'removed' : 'added', subject: `form:${id}`, message: `${fa ? '删除' : '新增'}表单「${f.title ?? (f.schema.title as string) ?? id}」`, clauses: clausesOf(f.schema['x-clause']) });
      continue;
    }
    const before = fieldsOf(fa.schema);
    const after = fieldsOf(fb.schema);
    const underAdded = (ptr: string, added: Set<string>) => [...added].some((p) => ptr.startsWith(`${p}/`));
    const added = new Set([...after.keys()].filter((k) => !before.has(k)));
    const removed = new Set([...before.keys()].filter((k) => !after.has(k)));
    for (const ptr of added) {
      if (underAdded(ptr, added)) continue;
      const f = after.get(ptr)!;
      changes.push({ type: 'form', change: 'added', subject: `form:${id}#${ptr}`, message: `表单「${fb.title ?? id}」新增${f.required ? '必填' : ''}字段「${f.title ?? ptr}」`, clauses: clausesOf(f.clause) });
    }
    for (const ptr of removed) {
      if (underAdded(ptr, removed)) continue;
      const f = before.get(ptr)!;
      changes.push({ type: 'form', change: 'removed', subject: `form:${id}#${ptr}`, message: `表单「${fb.title ?? id}」删除字段「${f.title ?? ptr}」`, clauses: clausesOf(f.clause) });
    }
    for (const [ptr, f] of after) {
      const old = before.get(ptr);
      if (!old) continue;
      const facets = FIELD_FACETS.filter((k) => JSON.stringify(old.facets[k]) !== JSON.stringify(f.facets[k]));
      if (old.required !== f.required) facets.push('required');
      if (!facets.length) continue;
      const what = facets.map((k) => (k === 'required' ? `必填 ${old.required ? '是' : '否'}→${f.required ? '是' : '否'}` : `${k} ${show(old.facets[k])}→${show(f.facets[k])}`)).join(';');
      changes.push({ type: 'form', change: 'changed', subject: `form:${id}#${ptr}`, message: `表单「${fb.title ?? id}」字段「${f.title ?? ptr}」变更:${what}`, clauses: clausesOf(old.clause, f.clause), before: { ...old.facets, required: old.required }, after: { ...f.facets, required: f.required } });
    }
    const attBefore = attachmentsOf(fa.schema);
    const attAfter = attachmentsOf(fb.schema);
    for (const [kind, x] of attAfter) {
      const old = attBefore.get(kind);
      if (!old) changes.push({ type: 'form', change: 'added', subject: `attachment:${id}/${kind}`, message: `新增${x.required === false ? '' : '必交'}材料「${x.label ?? x.title ?? kind}」`, clauses: clausesOf(x['x-clause'] ?? x.clause) });
      else if (semantic(old) !== semantic(x)) changes.push({ type: 'form', change: 'changed', subject: `attachment:${id}/${kind}`, message: `材料「${x.label ?? x.title ?? kind}」的要求变更`, clauses: clausesOf(old['x-clause'] ?? old.clause, x['x-clause'] ?? x.clause), before: old, after: x });
    }
    for (const [kind, x] of attBefore) {
      if (!attAfter.has(kind)) changes.push({ type: 'form', change: 'removed', subject: `attachment:${id}/${kind}`, message: `不再要求材料「${x.label ?? x.title ?? kind}」`, clauses: clausesOf(x['x-clause'] ?? x.clause) });
    }
  }
  return changes;
}

// ---------------------------------------------------------------- flow

const SKIP_TYPES = new Set(['bpmn:SequenceFlow', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:DataObjectReference', 'bpmn:DataObject']);
const ELEMENT_TYPE_LABELS: Record<string, string> = {
  'bpmn:UserTask': '人工任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间事件',
  'bpmn:CallActivity': '调用活动',
  'bpmn:SubProcess': '子流程',
};

async function mainElements(p: DiffablePackage): Promise<Map<string, ElementInfo>> {
  const out = new Map<string, ElementInfo>();
  for (const proc of p.manifest.processes) {
    const xml = p.bpmn[proc.file];
    if (!xml) continue;
    const parsed = await parseDefinitions(proc.file, xml);
    for (const model of parsed.processes) for (const [id, el] of model.elements) if (!SKIP_TYPES.has(el.type)) out.set(id, el);
  }
  return out;
}

function elementSignature(el: ElementInfo): string {
  return JSON.stringify([el.type, el.jobType ?? null, el.headers, el.candidateGroups ?? null, el.dueDate ?? null, el.timer ?? null, el.calledProcessId ?? null, el.loop ?? null, el.attachedToRef ?? null]);
}

function describeElement(el: ElementInfo): string {
  return `${ELEMENT_TYPE_LABELS[el.type] ?? el.type}「${el.name ?? el.id}」`;
}

async function diffFlow(a: DiffablePackage, b: DiffablePackage): Promise<PackageChange[]> {
  const before = await mainElements(a);
  const after = await mainElements(b);
  const changes: PackageChange[] = [];
  // Timers are time rules: a new or changed timer is a schedule change (diff-2021-2026.md, SCHED).
  const typeOf = (el: ElementInfo): ChangeType => (el.timer ? 'schedule' : 'flow');
  for (const [id, el] of after) {
    const old = before.get(id);
    if (!old) changes.push({ type: typeOf(el), change: 'added', subject: `element:${id}`, message: `流程新增${describeElement(el)}`, clauses: clausesOf(el.properties.clause, el.headers.clause) });
    else if (elementSignature(old) !== elementSignature(el)) {
      changes.push({ type: typeOf(el), change: 'changed', subject: `element:${id}`, message: `流程${describeElement(el)}的配置变更`, clauses: clausesOf(old.properties.clause, el.properties.clause, old.headers.clause, el.headers.clause), before: elementSignature(old), after: elementSignature(el) });
    }
  }
  for (const [id, el] of before) {
    if (!after.has(id)) changes.push({ type: typeOf(el), change: 'removed', subject: `element:${id}`, message: `流程删除${describeElement(el)}`, clauses: clausesOf(el.properties.clause, el.headers.clause) });
  }
  return changes;
}

// ---------------------------------------------------------------- schedule

interface WindowLike {
  id: string;
  kind: string;
  month?: string;
  opens?: string;
  closes?: string;
  title: string;
  clause?: string;
}

function windowsOf(p: DiffablePackage): WindowLike[] {
  return (isObject(p.schedule) && Array.isArray(p.schedule.windows) ? p.schedule.windows : []) as WindowLike[];
}

/** Month of year of a window, the comparable part across years (a 2021 class in July vs a 2026 class in July). */
function monthOfYear(w: WindowLike): string | null {
  const d = w.month ?? w.opens ?? w.closes;
  return d ? `${Number(d.slice(5, 7))}月` : null;
}

function diffSchedule(a: DiffablePackage, b: DiffablePackage): PackageChange[] {
  const changes: PackageChange[] = [];
  const group = (ws: WindowLike[]) => {
    const m = new Map<string, WindowLike[]>();
    for (const w of ws) m.set(w.kind, [...(m.get(w.kind) ?? []), w]);
    return m;
  };
  const before = group(windowsOf(a));
  const after = group(windowsOf(b));
  const months = (ws: WindowLike[]) => [...new Set(ws.map(monthOfYear).filter((x): x is string => !!x))].sort((x, y) => parseInt(x) - parseInt(y));
  for (const kind of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const wa = before.get(kind) ?? [];
    const wb = after.get(kind) ?? [];
    const ma = months(wa);
    const mb = months(wb);
    const clauses = clausesOf(...wa.map((w) => w.clause), ...wb.map((w) => w.clause));
    if (!wa.length) changes.push({ type: 'schedule', change: 'added', subject: `window-kind:${kind}`, message: `新增「${wb[0]!.title}」等 ${wb.length} 个时间安排(${mb.join('、') || '日期另行通知'})`, clauses, after: wb.map((w) => w.id) });
    else if (!wb.length) changes.push({ type: 'schedule', change: 'removed', subject: `window-kind:${kind}`, message: `取消「${wa[0]!.title}」等 ${wa.length} 个时间安排(原为 ${ma.join('、') || '未定日期'})`, clauses, before: wa.map((w) => w.id) });
    else if (JSON.stringify(ma) !== JSON.stringify(mb) || wa.length !== wb.length) {
      changes.push({ type: 'schedule', change: 'changed', subject: `window-kind:${kind}`, message: `「${wb[0]!.title}」类时间安排由 ${ma.join('、') || '未定日期'}(${wa.length} 个)改为 ${mb.join('、') || '未定日期'}(${wb.length} 个)`, clauses, before: ma, after: mb });
    }
  }
  return changes;
}

// ---------------------------------------------------------------- entry points

/**
 * What changed between two versions of a policy package, classified as rule / form / flow /
 * schedule, each change with the clauses of both sides and a Chinese sentence for policy staff.
 * Wording-only edits (messages, titles) are not changes.
 */
export async function diffPackages(a: DiffablePackage, b: DiffablePackage): Promise<PackageDiff> {
  const changes = [...diffRules(a, b), ...diffParameters(a, b), ...diffForms(a, b), ...(await diffFlow(a, b)), ...diffSchedule(a, b)];
  const order: ChangeType[] = ['rule', 'form', 'flow', 'schedule'];
  changes.sort((x, y) => order.indexOf(x.type) - order.indexOf(y.type) || x.subject.localeCompare(y.subject));
  const counts = { rule: 0, form: 0, flow: 0, schedule: 0 } as Record<ChangeType, number>;
  for (const c of changes) counts[c.type]++;
  const head = (p: DiffablePackage) => ({ id: p.manifest.id, year: p.manifest.year, title: p.manifest.title });
  return { from: head(a), to: head(b), changes, counts };
}

/** The diff as a Chinese report, one line a change, grouped by type. */
export function renderDiff(d: PackageDiff): string {
  const lines = [`政策包差异:${d.from.title}(${d.from.year})→ ${d.to.title}(${d.to.year})`, `规则 ${d.counts.rule} 项,表单 ${d.counts.form} 项,流程 ${d.counts.flow} 项,日程 ${d.counts.schedule} 项`];
  for (const type of ['rule', 'form', 'flow', 'schedule'] as ChangeType[]) {
    const cs = d.changes.filter((c) => c.type === type);
    if (!cs.length) continue;
    lines.push('', `【${TYPE_LABELS[type]}】`);
    for (const c of cs) lines.push(`  [${KIND_LABELS[c.change]}] ${c.message}${c.clauses.length ? `(${c.clauses.join('、')})` : ''}`);
  }
  return lines.join('\n');
}
