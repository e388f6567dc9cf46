import { CANDIDATE_GROUP_KINDS } from '../../services/candidateGroupKinds.ts';
import { WORKER_CATALOGUE } from '../../workers/workerCatalogue.ts';
import { DECISION_ONLY_FORM_KEY, DECISION_VARIABLES, START_VARIABLES } from '../decisionOnlyReview.ts';
import { compileFeel, feelVariablesRead, FeelSyntaxError, isFeel } from '../feel.ts';
import {
  EVENT_DEFINITION_LABELS,
  EVENT_TYPE_LABELS,
  SUPPORTED_ELEMENTS,
  SUPPORTED_EVENT_DEFINITIONS,
  UNSUPPORTED_ELEMENT_LABELS,
  UNSUPPORTED_ELEMENT_REASONS,
  UNSUPPORTED_EVENT_REASONS,
} from '../supportedElements.ts';
import type { PlatformLintContext } from './platformLintContext.ts';
import { PLATFORM_RULE_CODES } from './platformRuleCodes.ts';

/**
 * The platform's own BPMN lint rules, as bpmnlint rules (`check(node, reporter)` for every moddle
 * element): the designer runs them live beside @camunda/linting's Zeebe rules
 * (designer/src/designer/modeler/linting/), the package loader runs them on every save and publish
 * (engine/packages/checkPlatformBpmn.ts), so both find the same problems in the same words.
 * No Node imports: this module is bundled into the browser app.
 */

/** A moddle element as bpmnlint hands it to a rule. */
export interface LintNode {
  $type: string;
  $parent?: LintNode;
  $instanceOf(type: string): boolean;
  id?: string;
  [key: string]: unknown;
}

/** What a platform rule reports: bpmnlint spreads it into the report. */
export interface PlatformReportData {
  /** The moddle path from the reported element to the field (the properties panel resolves it to its entry). */
  path?: Array<string | number>;
  /** The properties panel entries to open when the path does not resolve. */
  propertiesPanel?: { entryIds: string[] };
}

export interface LintReporter {
  report(id: string, message: string, data?: PlatformReportData): void;
}

export interface BpmnlintRule {
  check(node: LintNode, reporter: LintReporter): void;
}

export interface PlatformRule {
  /** bpmnlint category: an error refuses publishing, a warning does not. */
  category: 'error' | 'warn';
  /** The loader's problem code for it. */
  code: string;
  /**
   * Already reported by the engine's own deploy validation on the server (engine/bpmn/zeebeModel.ts,
   * from the same lists and the same FEEL parser): the loader does not report it twice.
   */
  engineChecks?: boolean;
  create(context: () => PlatformLintContext): () => BpmnlintRule;
}

type Ext = LintNode & { values?: LintNode[] };

function extensions(el: LintNode | undefined): LintNode[] {
  return ((el?.extensionElements as Ext | undefined)?.values ?? []) as LintNode[];
}

function extension(el: LintNode | undefined, type: string): LintNode | undefined {
  return extensions(el).find((e) => e.$type === type);
}

function extensionIndex(el: LintNode, type: string): number {
  return extensions(el).findIndex((e) => e.$type === type);
}

/** The flow element (or process) an extension or expression belongs to. */
function ownerOf(node: LintNode): LintNode | undefined {
  let cur = node.$parent;
  while (cur && !(cur.$instanceOf('bpmn:FlowElement') || cur.$type === 'bpmn:Process')) cur = cur.$parent;
  return cur;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function label(el: LintNode): string {
  const name = str(el.name)?.trim();
  return name ? `「${name}」(${el.id})` : `${el.id}`;
}

const JOB_TYPES = new Set(WORKER_CATALOGUE.map((t) => t.type));
const GROUP_PREFIXES = new Set(CANDIDATE_GROUP_KINDS.map((k) => k.prefix));
const PROCESS_START_TRIGGERS = new Set(['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition']);

/** The group prefixes a candidate-groups value names: `"city:" + x` in FEEL, or `city:510700, unit:…` as constants. */
export function candidateGroupPrefixes(value: string): string[] {
  if (value.trimStart().startsWith("=")) return [...value.matchAll(/"([A-Za-z][\w-]*):/g)].map((m) => m[1]!);
  return value
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) => (g.includes(':') ? g.slice(0, g.indexOf(':')) : g));
}

// bpmnlint builds a rule once per linter and keeps it: the context is read on every check, so the
// live linter's rules follow the manifest as it loads and changes.
const rule = (check: (node: LintNode, reporter: LintReporter, ctx: PlatformLintContext) => void) => (context: () => PlatformLintContext) => () => ({
  check: (node: LintNode, reporter: LintReporter) => check(node, reporter, context()),
});

/** Every platform rule by its bpmnlint name (`platform/<name>`). */
export const PLATFORM_RULES: Record<string, PlatformRule> = {
  /** Only elements and event definitions the engines run (the embedded adapter's own list). */
  'supported-element': {
    category: 'error',
    code: PLATFORM_RULE_CODES['supported-element'],
    engineChecks: true,
    create: rule((node, reporter) => {
      if (!node.id) return;
      const isFlow = node.$instanceOf('bpmn:FlowElement');
      if (isFlow && !SUPPORTED_ELEMENTS.has(node.$type)) {
        reporter.report(node.id, `不支持的 BPMN 元素「${UNSUPPORTED_ELEMENT_LABELS[node.$type] ?? node.$type}」(${node.id})${UNSUPPORTED_ELEMENT_REASONS[node.$type] ?? ''}`);
        return;
      }
      const defs = (node.eventDefinitions ?? []) as LintNode[];
      if (isFlow && defs.length) {
        const processStart = node.$type === 'bpmn:StartEvent' && node.$parent?.$type === 'bpmn:Process';
        const allowed = processStart ? PROCESS_START_TRIGGERS : SUPPORTED_EVENT_DEFINITIONS[node.$type];
        for (const d of defs) {
          if (allowed?.has(d.$type)) continue;
          const what = `${EVENT_DEFINITION_LABELS[d.$type] ?? d.$type}${EVENT_TYPE_LABELS[node.$type] ?? node.$type}`;
          reporter.report(node.id, `不支持${what}(${node.id})${UNSUPPORTED_EVENT_REASONS[d.$type] ?? ''}`);
        }
      }
      const loop = node.loopCharacteristics as LintNode | undefined;
      if (isFlow && loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') reporter.report(node.id, `仅支持多实例(${node.id})`);
    }),
  },

  /** Every FEEL expression parses with the parser the embedded engine runs (feelin). */
  'feel-syntax': {
    category: 'error',
    code: PLATFORM_RULE_CODES['feel-syntax'],
    engineChecks: true,
    create: rule((node, reporter) => {
      const check = (owner: LintNode | undefined, what: string, expr: unknown, data: PlatformReportData) => {
        if (!owner?.id || !isFeel(expr)) return;
        try {
          compileFeel(expr);
        } catch (err) {
          if (!(err instanceof FeelSyntaxError)) throw err;
          reporter.report(owner.id, `${what}的 FEEL 表达式有语法错误:${expr}`, data);
        }
      };
      const owner = ownerOf(node);
      const at = (prop: string, entryId: string, ...inner: Array<string | number>): PlatformReportData => {
        const i = owner ? extensionIndex(owner, node.$type) : -1;
        return { path: i >= 0 ? ['extensionElements', 'values', i, ...inner, prop] : undefined, propertiesPanel: { entryIds: [entryId] } };
      };
      switch (node.$type) {
        case 'bpmn:Expression':
        case 'bpmn:FormalExpression': {
          const parent = node.$parent;
          if (parent?.$type === 'bpmn:SequenceFlow') check(parent, '条件', node.body, { path: ['conditionExpression', 'body'], propertiesPanel: { entryIds: ['conditionExpression'] } });
          else if (parent?.$type === 'bpmn:TimerEventDefinition') check(ownerOf(node), '定时器', node.body, { propertiesPanel: { entryIds: ['timerEventDefinitionValue'] } });
          else check(ownerOf(node), '表达式', node.body, {});
          break;
        }
        case 'zeebe:TaskDefinition':
          check(owner, '任务类型', node.type, at('type', 'taskDefinitionType'));
          break;
        case 'zeebe:AssignmentDefinition':
          check(owner, '候选组', node.candidateGroups, at('candidateGroups', 'candidateGroups'));
          check(owner, '候选人', node.candidateUsers, at('candidateUsers', 'candidateUsers'));
          check(owner, '办理人', node.assignee, at('assignee', 'assignee'));
          break;
        case 'zeebe:TaskSchedule':
          check(owner, '到期时间', node.dueDate, at('dueDate', 'dueDate'));
          check(owner, '跟进时间', node.followUpDate, at('followUpDate', 'followUpDate'));
          break;
        case 'zeebe:Script':
          check(owner, '脚本', node.expression, at('expression', 'scriptExpression'));
          break;
        case 'zeebe:LoopCharacteristics':
          check(ownerOf(node), '多实例集合', node.inputCollection, { propertiesPanel: { entryIds: ['multiInstance-inputCollection'] } });
          check(ownerOf(node), '多实例输出', node.outputElement, { propertiesPanel: { entryIds: ['multiInstance-outputElement'] } });
          break;
        case 'zeebe:IoMapping': {
          const i = owner ? extensionIndex(owner, 'zeebe:IoMapping') : -1;
          ((node.inputParameters ?? []) as LintNode[]).forEach((m, j) =>
            check(owner, `输入映射 ${str(m.target) ?? ''} `, m.source, { path: ['extensionElements', 'values', i, 'inputParameters', j, 'source'], propertiesPanel: { entryIds: [`${owner?.id}-inputParameter-${j}-source`] } }),
          );
          ((node.outputParameters ?? []) as LintNode[]).forEach((m, j) =>
            check(owner, `输出映射 ${str(m.target) ?? ''} `, m.source, { path: ['extensionElements', 'values', i, 'outputParameters', j, 'source'], propertiesPanel: { entryIds: [`${owner?.id}-outputParameter-${j}-source`] } }),
          );
          break;
        }
      }
    }),
  },

  /** A job type no worker of the platform handles: the task would wait forever. */
  'job-type': {
    category: 'error',
    code: PLATFORM_RULE_CODES['job-type'],
    create: rule((node, reporter) => {
      if (node.$type !== 'zeebe:TaskDefinition') return;
      const owner = ownerOf(node);
      const type = str(node.type)?.trim();
      // (a missing type is the engine's and Zeebe's own problem; a FEEL type is known only at run time)
      if (!owner?.id || !type || isFeel(type) || JOB_TYPES.has(type)) return;
      reporter.report(owner.id, `任务 ${label(owner)} 的任务类型「${type}」没有对应的平台任务处理程序,该任务将一直等待:请选用平台提供的任务类型(如 rules.evaluate、application.status)`, {
        path: ['extensionElements', 'values', extensionIndex(owner, 'zeebe:TaskDefinition'), 'type'],
        propertiesPanel: { entryIds: ['taskDefinitionType'] },
      });
    }),
  },

  /** A rules.evaluate task names a rule set the draft has. */
  'rule-set': {
    category: 'error',
    code: PLATFORM_RULE_CODES['rule-set'],
    create: rule((node, reporter, ctx) => {
      if (!node.id || str(extension(node, 'zeebe:TaskDefinition')?.type)?.trim() !== 'rules.evaluate' || !ctx.ruleSets) return;
      const headers = extension(node, 'zeebe:TaskHeaders');
      const list = ((headers?.values ?? []) as LintNode[]);
      const j = list.findIndex((h) => h.key === 'ruleSet');
      const value = str(list[j]?.value)?.trim();
      if (!value) {
        reporter.report(node.id, `资格审核任务 ${label(node)} 缺少任务头 ruleSet(要判定的规则集)`, { propertiesPanel: { entryIds: [headers ? `${node.id}-header-0-key` : 'taskDefinitionType'] } });
        return;
      }
      if (ctx.ruleSets.has(value)) return;
      const known = [...ctx.ruleSets].join('、') || '无';
      reporter.report(node.id, `任务 ${label(node)} 的规则集「${value}」在草稿中不存在(manifest.json 登记的规则集:${known})`, {
        path: ['extensionElements', 'values', extensionIndex(node, 'zeebe:TaskHeaders'), 'values', j, 'value'],
        propertiesPanel: { entryIds: [`${node.id}-header-${j}-value`] },
      });
    }),
  },

  /**
   * A user task's form key names a form the draft has, or is `review`: a reviewer's decision and
   * opinion only, which the packages use on purpose for the reviews that collect nothing else.
   * Any other key is a form the package lacks (a typo, or a form never added): the inbox would show
   * no form and the process would miss the data the form was meant to collect.
   */
  'form-key': {
    category: 'error',
    code: PLATFORM_RULE_CODES['form-key'],
    create: rule((node, reporter, ctx) => {
      if (node.$type !== 'zeebe:FormDefinition' || !ctx.forms) return;
      const owner = ownerOf(node);
      const key = str(node.formKey)?.trim();
      if (!owner?.id || !key || ctx.forms.has(key) || key === DECISION_ONLY_FORM_KEY) return;
      const known = [...ctx.forms].join('、') || '无';
      reporter.report(owner.id, `任务 ${label(owner)} 的表单「${key}」在草稿中不存在(manifest.json 登记的表单:${known}):请在 forms/ 中添加并登记该表单;只填审核意见的审核任务请用表单键 ${DECISION_ONLY_FORM_KEY}`, {
        path: ['extensionElements', 'values', extensionIndex(owner, 'zeebe:FormDefinition'), 'formKey'],
        propertiesPanel: { entryIds: ['customFormKey'] },
      });
    }),
  },

  /**
   * A decision-only review (form key `review`, or none) whose output mappings read what only a task
   * form collects (a score, a date): completed in the inbox, those variables would be empty.
   */
  'review-form-data': {
    category: 'warn',
    code: PLATFORM_RULE_CODES['review-form-data'],
    create: (context) => () => {
      // The variables the diagram sets, found once per lint run (bpmnlint visits the definitions first).
      let set: Set<string> | null = null;
      return {
        check: (node: LintNode, reporter: LintReporter) => {
          if (node.$type === 'bpmn:Definitions') set = null;
          const ctx = context();
          if (node.$type !== 'bpmn:UserTask' || !node.id || !ctx.forms) return;
          const key = str(extension(node, 'zeebe:FormDefinition')?.formKey)?.trim();
          if (key && (ctx.forms.has(key) || key !== DECISION_ONLY_FORM_KEY)) return;
          const mapping = extension(node, 'zeebe:IoMapping');
          const outputs = ((mapping?.outputParameters ?? []) as LintNode[]);
          if (!outputs.length) return;
          set ??= variablesSet(node);
          const local = new Set(((mapping?.inputParameters ?? []) as LintNode[]).map((m) => rootName(str(m.target))).filter((n): n is string => !!n));
          const missing = new Set<string>();
          for (const m of outputs) {
            const source = str(m.source);
            if (!isFeel(source)) continue;
            let read: string[];
            try {
              read = feelVariablesRead(source);
            } catch (err) {
              if (err instanceof FeelSyntaxError) continue; // (platform/feel-syntax reports it)
              throw err;
            }
            for (const name of read) if (!DECISION_VARIABLES.has(name) && !START_VARIABLES.has(name) && !set!.has(name) && !local.has(name)) missing.add(name);
          }
          if (!missing.size) return;
          const names = [...missing].join('、');
          const what = key ? `只填审核意见(表单 ${DECISION_ONLY_FORM_KEY})` : '没有任务表单';
          reporter.report(node.id, `任务 ${label(node)} ${what},但输出映射读取 ${names}:这些只能由任务表单填写,在待办中办理时为空;请为该任务添加表单并把表单键改为它`, {
            path: ['extensionElements', 'values', extensionIndex(node, 'zeebe:IoMapping')],
            propertiesPanel: { entryIds: key ? ['customFormKey'] : [] },
          });
        },
      };
    },
  },

  /** Candidate groups some role can work (unit:, city:, province:, applicant:). */
  'candidate-group': {
    category: 'error',
    code: PLATFORM_RULE_CODES['candidate-group'],
    create: rule((node, reporter) => {
      const r = candidateGroupFinding(node);
      if (r && r.known.length === 0) reporter.report(r.owner.id!, `任务 ${label(r.owner)} 的候选组(${r.unknown.map((p) => `${p}:`).join('、')})没有对应的角色,无人能办理:候选组须为 ${prefixList()} 之一`, r.data);
    }),
  },
  'candidate-group-partial': {
    category: 'warn',
    code: PLATFORM_RULE_CODES['candidate-group-partial'],
    create: rule((node, reporter) => {
      const r = candidateGroupFinding(node);
      if (r && r.known.length > 0 && r.unknown.length > 0) reporter.report(r.owner.id!, `任务 ${label(r.owner)} 的候选组 ${r.unknown.map((p) => `${p}:`).join('、')} 没有对应的角色,只有 ${r.known.map((p) => `${p}:`).join('、')} 的审核人能办理`, r.data);
    }),
  },

  /** Each task and gateway names the notice's clause it implements. */
  'element-clause': {
    category: 'warn',
    code: PLATFORM_RULE_CODES['element-clause'],
    create: rule((node, reporter, ctx) => {
      if (!node.id || !ctx.implementedElements) return;
      if (!(node.$instanceOf('bpmn:Task') || node.$instanceOf('bpmn:Gateway'))) return;
      const header = ((extension(node, 'zeebe:TaskHeaders')?.values ?? []) as LintNode[]).some((h) => h.key === 'clause' && str(h.value)?.trim());
      const property = ((extension(node, 'zeebe:Properties')?.properties ?? []) as LintNode[]).some((p) => p.name === 'clause' && str(p.value)?.trim());
      if (header || property || ctx.implementedElements.has(node.id)) return;
      reporter.report(node.id, `${node.$instanceOf('bpmn:Gateway') ? '网关' : '任务'} ${label(node)} 未注明依据的通知条款:请在任务头 clause 填写条款编号,或在 manifest.json 条款索引的 implementedBy 中写 ${ctx.bpmnFile}#${node.id}`);
    }),
  },
};

/** `a.b` → `a`. */
function rootName(target: string | undefined): string | undefined {
  const t = target?.trim();
  return t ? t.split('.')[0] : undefined;
}

const WORKER_TARGETS = new Set(WORKER_CATALOGUE.flatMap((t) => t.fields.filter((f) => f.key === 'target' && f.defaultValue).map((f) => f.defaultValue!)));
/** Variables some workers set under a fixed name (engine/workers/registerWorkers.ts). */
const WORKER_FIXED_OUTPUTS = ['provincialClass', 'sanction'];

/**
 * Every variable the diagram sets somewhere (mapping targets, workers' `target` headers and their
 * defaults, multi-instance elements), so a review reading one of them is not taken for form data.
 */
function variablesSet(node: LintNode): Set<string> {
  let root = node;
  while (root.$parent) root = root.$parent;
  const names = new Set<string>([...WORKER_TARGETS, ...WORKER_FIXED_OUTPUTS]);
  const add = (v: unknown) => {
    const n = rootName(str(v));
    if (n && /^[A-Za-z_][\w]*$/.test(n)) names.add(n);
  };
  const seen = new Set<unknown>();
  const walk = (el: unknown) => {
    if (!el || typeof el !== 'object' || seen.has(el)) return;
    seen.add(el);
    if (Array.isArray(el)) return el.forEach(walk);
    const n = el as LintNode;
    if (typeof n.$type !== 'string') return;
    switch (n.$type) {
      case 'zeebe:Input':
      case 'zeebe:Output':
        add(n.target);
        break;
      case 'zeebe:Header':
        if (n.key === 'target' || /Variable$/.test(String(n.key))) add(n.value);
        break;
      case 'zeebe:LoopCharacteristics':
        add(n.inputElement);
        add(n.outputCollection);
        break;
      case 'zeebe:CalledDecision':
      case 'zeebe:Script':
        add(n.resultVariable);
        break;
    }
    for (const [k, v] of Object.entries(n)) if (!k.startsWith('$') && v && typeof v === 'object') walk(v);
  };
  walk(root);
  return names;
}

function prefixList(): string {
  return CANDIDATE_GROUP_KINDS.map((k) => `${k.prefix}:(${k.label})`).join('、');
}

function candidateGroupFinding(node: LintNode): { owner: LintNode; known: string[]; unknown: string[]; data: PlatformReportData } | null {
  if (node.$type !== 'zeebe:AssignmentDefinition') return null;
  const owner = ownerOf(node);
  const value = str(node.candidateGroups)?.trim();
  if (!owner?.id || !value) return null;
  const prefixes = [...new Set(candidateGroupPrefixes(value))];
  // (a FEEL expression that builds no literal group, e.g. =groups, is known only at run time)
  if (!prefixes.length) return null;
  return {
    owner,
    known: prefixes.filter((p) => GROUP_PREFIXES.has(p)),
    unknown: prefixes.filter((p) => !GROUP_PREFIXES.has(p)),
    data: { path: ['extensionElements', 'values', extensionIndex(owner, 'zeebe:AssignmentDefinition'), 'candidateGroups'], propertiesPanel: { entryIds: ['candidateGroups'] } },
  };
}

/** bpmnlint's configuration and rule factories of the platform rules, named `platform/<name>`. */
export function platformLintPlugin(context: () => PlatformLintContext, only?: (name: string, rule: PlatformRule) => boolean) {
  const entries = Object.entries(PLATFORM_RULES).filter(([name, r]) => !only || only(name, r));
  return {
    config: { rules: Object.fromEntries(entries.map(([name, r]) => [`platform/${name}`, r.category])) },
    rules: Object.fromEntries(entries.map(([name, r]) => [`rule:bpmnlint-plugin-platform/${name}`, r.create(context)])),
  };
}
