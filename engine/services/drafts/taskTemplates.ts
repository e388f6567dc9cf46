import { parseDefinitions, type ElementInfo } from '../../bpmn/zeebeModel.ts';
import { APPLICATION_STATUS_LABELS } from '../../packages/platformLabels.ts';
import { WORKER_CATALOGUE, type FieldChoices, type WorkerField, type WorkerJobType } from '../../workers/workerCatalogue.ts';

/** A Zeebe element template (bpmn-js-element-templates, the schema of @camunda/zeebe-element-templates-json-schema). */
export interface ElementTemplate {
  $schema: string;
  id: string;
  version: number;
  name: string;
  description: string;
  category: { id: string; name: string };
  appliesTo: string[];
  elementType?: { value: string };
  entriesVisible?: Record<string, boolean>;
  groups: Array<{ id: string; label: string }>;
  properties: TemplateProperty[];
}

interface TemplateProperty {
  id?: string;
  label?: string;
  description?: string;
  type: 'Hidden' | 'String' | 'Dropdown';
  value?: string;
  group?: string;
  optional?: boolean;
  feel?: 'optional' | 'required';
  choices?: Array<{ name: string; value: string }>;
  constraints?: { notEmpty?: boolean };
  binding: Record<string, string>;
}

export interface Choice {
  value: string;
  name: string;
}

const SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
/** Template ids: one per job type, the same for every draft (its choices differ, its bindings do not). */
export const TEMPLATE_ID_PREFIX = 'platform.worker.';
const CLAUSE_GROUP = { id: 'clause', label: '依据条款' };

type Json = Record<string, any>;

/** What of a draft the templates offer: its rule sets, parameters, case processes, statuses, forms, and what its BPMN already writes. */
export interface DraftVocabulary {
  ruleSets: Choice[];
  parameters: Choice[];
  caseProcesses: Choice[];
  statuses: Choice[];
  forms: Choice[];
  /** Values the draft's BPMN already has, by job type and header key (kept as dropdown choices, so applying a template never changes them). */
  used: Map<string, Set<string>>;
  candidateGroups: Set<string>;
  formKeys: Set<string>;
}

/** Reads the vocabulary out of a draft's files (manifest, BPMN); files that do not parse give nothing. */
export async function draftVocabulary(files: Record<string, string>): Promise<DraftVocabulary> {
  let manifest: Json = {};
  try {
    manifest = JSON.parse(files['manifest.json'] ?? '{}') as Json;
  } catch {
    // an unparsable manifest offers no choices; the problems panel says why
  }
  const list = (v: unknown): Json[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Json[]) : []);
  const parameters = manifest.parameters && typeof manifest.parameters === 'object' ? (manifest.parameters as Record<string, Json>) : {};
  const statuses = { ...APPLICATION_STATUS_LABELS, ...((manifest.labels?.statuses as Record<string, string> | undefined) ?? {}) };
  const vocabulary: DraftVocabulary = {
    ruleSets: list(manifest.ruleSets).filter((r) => typeof r.id === 'string').map((r) => ({ value: r.id, name: `${titleOf(files[r.file]) ?? '规则集'}(${r.id})` })),
    parameters: Object.entries(parameters).map(([k, p]) => ({ value: k, name: `${k}(参数${p && p.value !== undefined ? `,现值 ${JSON.stringify(p.value)}${typeof p.unit === 'string' ? ` ${p.unit}` : ''}` : ''})` })),
    caseProcesses: list(manifest.processes).filter((p) => p.role === 'case' && typeof p.bpmnProcessId === 'string').map((p) => ({ value: p.bpmnProcessId, name: `${p.bpmnProcessId}(案件流程 ${p.file ?? ''})` })),
    statuses: Object.entries(statuses).map(([value, name]) => ({ value, name: `${name}(${value})` })),
    forms: list(manifest.forms).filter((f) => typeof f.id === 'string').map((f) => ({ value: f.id, name: `${f.title ?? f.id}(${f.id})` })),
    used: new Map(),
    candidateGroups: new Set(),
    formKeys: new Set(),
  };
  for (const [path, xml] of Object.entries(files)) {
    if (!path.endsWith('.bpmn')) continue;
    const parsed = await parseDefinitions(path, xml).catch(() => null);
    for (const el of parsed?.processes.flatMap((p) => [...p.elements.values()]) ?? []) noteElement(vocabulary, el);
  }
  return vocabulary;
}

/** A rule set file's own title, if it parses. */
function titleOf(content: string | undefined): string | undefined {
  try {
    const t = (JSON.parse(content ?? '') as Json).title;
    return typeof t === 'string' && t ? t : undefined;
  } catch {
    return undefined;
  }
}

function noteElement(v: DraftVocabulary, el: ElementInfo): void {
  if (el.candidateGroups) v.candidateGroups.add(el.candidateGroups);
  if (el.formKey) v.formKeys.add(el.formKey);
  if (!el.jobType) return;
  for (const [key, value] of Object.entries(el.headers)) {
    const k = `${el.jobType}#${key}`;
    if (!v.used.has(k)) v.used.set(k, new Set());
    v.used.get(k)!.add(value);
  }
}

/** Dropdown choices: what the field offers, then any value the draft already writes that is not among them. */
function choicesOf(c: FieldChoices, used: Set<string> | undefined, v: DraftVocabulary): Choice[] {
  const offered = 'fixed' in c ? c.fixed : v[c.draft];
  const known = new Set(offered.map((x) => x.value));
  return [...offered, ...[...(used ?? [])].filter((x) => !known.has(x)).map((x) => ({ value: x, name: `${x}(本政策包已用)` }))];
}

function fieldProperty(job: WorkerJobType, f: WorkerField, v: DraftVocabulary): TemplateProperty {
  const group = f.required ? 'required' : 'optional';
  const base = { id: `${f.input ? 'input' : 'header'}.${f.key}`, label: f.label, ...(f.description ? { description: f.description } : {}), group };
  if (f.input) {
    return { ...base, type: 'String', feel: 'optional', ...(f.defaultValue ? { value: f.defaultValue } : {}), ...(f.required ? { constraints: { notEmpty: true } } : { optional: true }), binding: { type: 'zeebe:input', name: f.key } };
  }
  const binding = { type: 'zeebe:taskHeader', key: f.key };
  if (f.choices) {
    const choices = choicesOf(f.choices, v.used.get(`${job.type}#${f.key}`), v);
    return { ...base, type: 'Dropdown', choices, ...(f.defaultValue !== undefined && f.defaultValue !== '' ? { value: f.defaultValue } : f.required && choices[0] ? { value: choices[0].value } : {}), binding };
  }
  return { ...base, type: 'String', ...(f.defaultValue ? { value: f.defaultValue } : {}), ...(f.required ? { constraints: { notEmpty: true } } : { optional: true }), binding };
}

const clauseProperty: TemplateProperty = {
  id: 'property.clause',
  label: '实现的条款',
  description: '本元素实现的通知条款编号,逗号分隔(如 SC26-01,SC26-02),流程图上显示为条款标记',
  type: 'String',
  group: CLAUSE_GROUP.id,
  optional: true,
  binding: { type: 'zeebe:property', name: 'clause' },
};

/** The service-task template of one job type, with the draft's choices. */
export function workerTemplate(job: WorkerJobType, v: DraftVocabulary): ElementTemplate {
  return {
    $schema: SCHEMA,
    id: `${TEMPLATE_ID_PREFIX}${job.type}`,
    version: 1,
    name: job.name,
    description: job.description,
    category: { id: job.category, name: job.category },
    appliesTo: ['bpmn:Task', 'bpmn:ServiceTask'],
    elementType: { value: 'bpmn:ServiceTask' },
    // Output mappings stay the modeler's (a template must not drop the ones a package has).
    entriesVisible: { outputs: true },
    groups: [{ id: 'required', label: '必填' }, { id: 'optional', label: '可选' }, CLAUSE_GROUP],
    properties: [
      { type: 'Hidden', value: job.type, binding: { type: 'zeebe:taskDefinition', property: 'type' } },
      ...job.fields.map((f) => fieldProperty(job, f, v)),
      clauseProperty,
    ],
  };
}

/** Every template a draft's modeler offers: one per worker job type. */
export function taskTemplates(v: DraftVocabulary): ElementTemplate[] {
  return WORKER_CATALOGUE.map((job) => workerTemplate(job, v));
}

/**
 * Candidate groups a review task can be given: the region's (`groups`), then the expressions the draft
 * already uses. (No template for user tasks: a template's zeebe:assignmentDefinition needs zeebe:userTask,
 * and the packages' user tasks are job-worker tasks; the modeler offers these in a picker instead.)
 */
export function candidateGroupOptions(v: DraftVocabulary, groups: Choice[]): Choice[] {
  const known = new Set(groups.map((g) => g.value));
  return [...groups, ...[...v.candidateGroups].filter((g) => !known.has(g)).map((g) => ({ value: g, name: `${g}(本政策包已用)` }))];
}
