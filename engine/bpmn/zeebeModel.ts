import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { DeployProblem } from '../port/ProcessEngine.ts';
import { readTimerStart, type TimerStart } from './timerStart.ts';
import { compileFeel, feelTopKind, FeelSyntaxError, isFeel } from './feel.ts';
import { EVENT_DEFINITION_LABELS as EVENT_LABELS, EVENT_TYPE_LABELS as TYPE_LABELS, SUPPORTED_ELEMENTS as SUPPORTED, SUPPORTED_EVENT_DEFINITIONS as SUPPORTED_EVENT_DEFS, TASK_LABELS, UNSUPPORTED_ELEMENT_LABELS as ELEMENT_LABELS, UNSUPPORTED_ELEMENT_REASONS as ELEMENT_REASONS, UNSUPPORTED_EVENT_REASONS as EVENT_REASONS } from './supportedElements.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

export interface Mapping {
  source: string;
  target: string;
}

/** What the embedded adapter needs to know of one flow element, read from the Zeebe extensions. */
export interface ElementInfo {
  id: string;
  type: string;
  name?: string;
  processId: string;
  jobType?: string;
  retries?: number;
  headers: Record<string, string>;
  /** zeebe:properties, e.g. the clause the element implements. */
  properties: Record<string, string>;
  inputs: Mapping[];
  outputs: Mapping[];
  assignee?: string;
  candidateGroups?: string;
  candidateUsers?: string;
  dueDate?: string;
  followUpDate?: string;
  formKey?: string;
  calledProcessId?: string;
  propagateAllChildVariables?: boolean;
  loop?: { inputCollection: string; inputElement?: string; outputCollection?: string; outputElement?: string; isSequential: boolean };
  message?: { refId: string; name: string; correlationKey?: string };
  /** A signal catch (intermediate, boundary): woken by a broadcast of this name. */
  signal?: { refId: string; name: string };
  timer?: { kind: 'timeDuration' | 'timeDate' | 'timeCycle'; expression: string };
  /** Source elements of the incoming sequence flows. */
  incomingFrom: string[];
  /** Boundary events attached to this element: error codes caught ('' = catch all). */
  catchesErrors: string[];
  attachedToRef?: string;
  /** A boundary event with cancelActivity="false": the activity goes on, and the event may come again. */
  nonInterrupting?: boolean;
}

/**
 * An event sub-process of the process whose start the adapter triggers: a message or signal it
 * subscribes to, or a timer it arms, while an instance runs. Error and escalation starts are not
 * listed: bpmn-elements starts those itself when the error or escalation is thrown in the process.
 */
export interface EventSubStart {
  subProcessId: string;
  startId: string;
  interrupting: boolean;
  elementIds: string[];
  message?: { refId: string; name: string; correlationKey: string };
  signal?: { refId: string; name: string };
  timer?: { kind: 'timeDuration' | 'timeDate' | 'timeCycle'; expression: string };
}

export interface ProcessModel {
  bpmnProcessId: string;
  elements: Map<string, ElementInfo>;
  eventSubStarts: EventSubStart[];
  /** Error event sub-processes of the process: the codes they catch ('' = every code), for job errors no boundary catches. */
  errorSubStarts: Array<{ subProcessId: string; startId: string; errorRefId?: string; errorCode: string; elementIds: string[] }>;
  /**
   * Interrupting event sub-processes, by start event: bpmn-elements starts them (an error or escalation
   * thrown inside, a signal thrown by the instance itself) but leaves the steps outside them running.
   */
  interruptingStarts: Map<string, { subProcessId: string; elementIds: string[] }>;
  /** Timer start events (date or cycle): the engine creates an instance when each is due. */
  timerStarts: TimerStart[];
  /** Message start events: a published message of this name creates an instance. */
  messageStarts: Array<{ startId: string; name: string }>;
  /** Signal start events: a broadcast signal of this name creates an instance. */
  signalStarts: Array<{ startId: string; name: string }>;
}

export interface ParsedDefinitions {
  moddleContext: unknown;
  processes: ProcessModel[];
  problems: DeployProblem[];
}

type ModdleEl = Record<string, any> & { $type: string; id?: string };

/** Script tasks with zeebe:script run as jobs of this type, which the embedded engine completes itself. */
export const SCRIPT_JOB_TYPE = 'embedded:script';
export const SCRIPT_EXPRESSION_HEADER = 'embedded:script.expression';
export const SCRIPT_RESULT_HEADER = 'embedded:script.resultVariable';

const JOB_TASKS = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:ScriptTask']);
/**
 * An import warning of bpmn-moddle in Chinese, or null when it does not matter: a declared encoding
 * it cannot decode (ISO-8859-1) is harmless when the text is plain ASCII or valid UTF-8.
 */
function importWarning(message: string, xml: string): string | null {
  const encoding = /unsupported document encoding <([^>]+)>/.exec(message);
  if (encoding) return /^[\x00-\x7f]*$/.test(xml) ? null : `文件声明的编码 ${encoding[1]} 不受支持,已按 UTF-8 读取,请检查中文是否显示正确`;
  const ref = /unresolved reference <([^>]+)>/.exec(message);
  if (ref) return `引用的元素「${ref[1]}」在文件中不存在,已忽略该引用`;
  const unknown = /unparsable content <([^>]+)> detected/.exec(message);
  if (unknown) return `无法识别的内容 <${unknown[1]}>,已忽略`;
  return `BPMN 导入提示:${message}`;
}

function ext(el: ModdleEl, type: string): ModdleEl | undefined {
  return (el.extensionElements?.values as ModdleEl[] | undefined)?.find((v) => v.$type === type);
}

export async function parseDefinitions(file: string, xml: string): Promise<ParsedDefinitions> {
  const problems: DeployProblem[] = [];
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let result: { rootElement: ModdleEl; warnings: Array<{ message: string; element?: ModdleEl }> };
  try {
    result = (await moddle.fromXML(xml)) as typeof result;
  } catch (err) {
    problems.push({ file, code: 'BPMN_PARSE', message: `BPMN 文件无法解析:${(err as Error).message}` });
    return { moddleContext: null, processes: [], problems };
  }
  for (const w of result.warnings) {
    const warning = importWarning(w.message, xml);
    if (warning) problems.push({ file, code: 'BPMN_WARNING', elementId: w.element?.id, severity: 'warning', message: warning });
  }
  // BPMN allows <definitions> without an id; the engine's saved state names its definitions by it.
  if (!result.rootElement.id) result.rootElement.id = 'Definitions';
  // Message flows document what crosses pools (to black-box ones too); messages are correlated by
  // name and key at run time, so they are left out of what the engine loads.
  for (const r of (result.rootElement.rootElements ?? []) as ModdleEl[]) if (r.$type === 'bpmn:Collaboration') r.messageFlows = [];
  const processes: ProcessModel[] = [];
  const roots = (result.rootElement.rootElements ?? []) as ModdleEl[];
  const all = roots.filter((r) => r.$type === 'bpmn:Process');
  // As in Zeebe, only processes marked isExecutable="true" are deployed; the others are documentation.
  const executable = all.filter((r) => r.isExecutable === true);
  if (!all.length) problems.push({ file, code: 'NO_PROCESS', message: 'BPMN 文件中没有流程(bpmn:process)' });
  else if (!executable.length) problems.push({ file, code: 'NO_EXECUTABLE_PROCESS', message: `BPMN 文件中没有可执行的流程:${all.map((p) => p.name || p.id).join('、')} 未标记 isExecutable="true"` });

  const checkFeel = (elementId: string, what: string, expr: string | undefined) => {
    if (!expr || !isFeel(expr)) return;
    try {
      compileFeel(expr);
    } catch (err) {
      if (err instanceof FeelSyntaxError) problems.push({ file, elementId, code: 'FEEL_SYNTAX', message: `${what}的 FEEL 表达式有语法错误:${expr}` });
      else throw err;
    }
  };

  for (const proc of executable) {
    const model: ProcessModel = { bpmnProcessId: proc.id!, elements: new Map(), eventSubStarts: [], errorSubStarts: [], interruptingStarts: new Map(), timerStarts: [], messageStarts: [], signalStarts: [] };
    processes.push(model);
    /**
     * An event sub-process: a message, signal or timer start the adapter triggers while an instance
     * runs; an error or escalation start bpmn-elements triggers itself when one is thrown inside.
     */
    const readEventSubProcess = (el: ModdleEl, atProcessLevel: boolean) => {
      const id = el.id!;
      const starts = ((el.flowElements ?? []) as ModdleEl[]).filter((f) => f.$type === 'bpmn:StartEvent');
      const start = starts[0];
      const defs = (start?.eventDefinitions ?? []) as ModdleEl[];
      const kind = defs[0]?.$type;
      const triggers = ['bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition'];
      if (!atProcessLevel) {
        problems.push({ file, elementId: id, code: 'UNSUPPORTED_EVENT_SUBPROCESS', message: `事件子流程 ${id} 暂只支持放在流程一级,不能放在子流程内` });
        return;
      }
      if (starts.length !== 1 || defs.length !== 1 || !triggers.includes(kind!)) {
        problems.push({ file, elementId: id, code: 'UNSUPPORTED_EVENT_SUBPROCESS', message: `事件子流程 ${id} 须有且只有一个开始事件,触发为消息、信号、定时、错误或升级之一` });
        return;
      }
      const startId = start!.id!;
      const interrupting = start!.isInterrupting !== false;
      if (kind === 'bpmn:ErrorEventDefinition' && !interrupting) {
        problems.push({ file, elementId: startId, code: 'UNSUPPORTED_EVENT_SUBPROCESS', message: `错误事件子流程 ${id} 的开始事件须为中断` });
        return;
      }
      const elementIds: string[] = [];
      const collect = (c: ModdleEl) => ((c.flowElements ?? []) as ModdleEl[]).forEach((f) => (elementIds.push(f.id!), collect(f)));
      collect(el);
      const d = defs[0]!;
      if (interrupting) model.interruptingStarts.set(startId, { subProcessId: id, elementIds });
      if (kind === 'bpmn:MessageEventDefinition') {
        const msg = d.messageRef as ModdleEl | undefined;
        const sub = msg && ext(msg, 'zeebe:Subscription');
        if (!msg?.name || !sub?.correlationKey) return; // reported with the start event itself
        model.eventSubStarts.push({ subProcessId: id, startId, interrupting, elementIds, message: { refId: msg.id!, name: msg.name, correlationKey: sub.correlationKey } });
      } else if (kind === 'bpmn:SignalEventDefinition') {
        const sig = d.signalRef as ModdleEl | undefined;
        if (!sig?.name || isFeel(sig.name)) return; // reported with the start event itself
        model.eventSubStarts.push({ subProcessId: id, startId, interrupting, elementIds, signal: { refId: sig.id!, name: sig.name } });
      } else if (kind === 'bpmn:TimerEventDefinition') {
        const timerKind = d.timeDuration ? 'timeDuration' : d.timeDate ? 'timeDate' : d.timeCycle ? 'timeCycle' : undefined;
        const expression = String((d.timeDuration ?? d.timeDate ?? d.timeCycle)?.body ?? '');
        if (!timerKind || !expression) return; // reported with the start event itself
        model.eventSubStarts.push({ subProcessId: id, startId, interrupting, elementIds, timer: { kind: timerKind, expression } });
        // The adapter arms the timer and starts the sub-process when it is due: inside, the start is plain.
        delete start!.eventDefinitions;
      } else if (kind === 'bpmn:ErrorEventDefinition') {
        const ref = d.errorRef as ModdleEl | undefined;
        model.errorSubStarts.push({ subProcessId: id, startId, errorRefId: ref?.id, errorCode: String(ref?.errorCode ?? ''), elementIds });
      }
    };
    const visit = (container: ModdleEl) => {
      for (const el of (container.flowElements ?? []) as ModdleEl[]) {
        const id = el.id!;
        if (!SUPPORTED.has(el.$type)) {
          problems.push({ file, elementId: id, code: 'UNSUPPORTED_ELEMENT', message: `不支持的 BPMN 元素「${ELEMENT_LABELS[el.$type] ?? el.$type}」(${id})${ELEMENT_REASONS[el.$type] ?? ''}` });
          continue;
        }
        const info: ElementInfo = { id, type: el.$type, name: el.name, processId: proc.id!, headers: {}, properties: {}, inputs: [], outputs: [], catchesErrors: [], incomingFrom: [] };
        model.elements.set(id, info);
        for (const p of (ext(el, 'zeebe:Properties')?.properties ?? []) as ModdleEl[]) if (p.name) info.properties[p.name] = String(p.value ?? '');

        const defs = (el.eventDefinitions ?? []) as ModdleEl[];
        // A timer start event (date or cycle, as Zeebe runs them): the engine creates the instance when it is due,
        // so what the engine executes is a plain start; the only start of its process, so no other start runs with it.
        const timerDef = el.$type === 'bpmn:StartEvent' && container === proc && defs.length === 1 && defs[0]!.$type === 'bpmn:TimerEventDefinition' ? defs[0]! : undefined;
        if (timerDef) {
          const kind = timerDef.timeDate ? 'timeDate' : timerDef.timeCycle ? 'timeCycle' : undefined;
          const expression = String((timerDef.timeDate ?? timerDef.timeCycle)?.body ?? '');
          const starts = ((proc.flowElements ?? []) as ModdleEl[]).filter((x) => x.$type === 'bpmn:StartEvent');
          if (!kind) problems.push({ file, elementId: id, code: 'UNSUPPORTED_TIMER', message: `定时器开始事件 ${id} 须设置日期(timeDate)或循环(timeCycle),不能为时长` });
          else if (starts.length > 1) problems.push({ file, elementId: id, code: 'TIMER_START_NOT_ALONE', message: `定时器开始事件 ${id} 须为流程唯一的开始事件` });
          else {
            checkFeel(id, '定时器', expression);
            try {
              readTimerStart({ startId: id, kind, expression });
              model.timerStarts.push({ startId: id, kind, expression });
              // Removed, not emptied: bpmn-elements waits for every definition of a non-empty list, even of none.
              delete el.eventDefinitions;
            } catch (err) {
              if (!(err instanceof FeelSyntaxError)) problems.push({ file, elementId: id, code: 'TIMER_START', message: (err as Error).message });
            }
          }
          continue;
        }
        const startTrigger = el.$type === 'bpmn:StartEvent' && container === proc && defs.length === 1 ? defs[0]!.$type : undefined;
        if (startTrigger === 'bpmn:MessageEventDefinition' || startTrigger === 'bpmn:SignalEventDefinition') {
          // A message or signal start: the engine creates the instance when one of this name comes, so what
          // it executes is a plain start; the only start of its process, so no other start runs with it.
          const isMessage = startTrigger === 'bpmn:MessageEventDefinition';
          const ref = (isMessage ? defs[0]!.messageRef : defs[0]!.signalRef) as ModdleEl | undefined;
          const starts = ((proc.flowElements ?? []) as ModdleEl[]).filter((x) => x.$type === 'bpmn:StartEvent');
          const label = isMessage ? '消息' : '信号';
          if (!ref?.name) problems.push({ file, elementId: id, code: isMessage ? 'MESSAGE_NAME' : 'SIGNAL_NAME', message: `${label}开始事件 ${id} 缺少${label}名称` });
          else if (isFeel(ref.name)) problems.push({ file, elementId: id, code: 'START_NAME_FEEL', message: `${label}开始事件 ${id} 的${label}名称须为常量,不能是表达式` });
          else if (starts.length > 1) problems.push({ file, elementId: id, code: 'TRIGGERED_START_NOT_ALONE', message: `${label}开始事件 ${id} 须为流程唯一的开始事件` });
          else {
            (isMessage ? model.messageStarts : model.signalStarts).push({ startId: id, name: ref.name });
            delete el.eventDefinitions;
          }
          continue;
        }
        if (el.$type === 'bpmn:StartEvent' && defs.length && container !== proc && !container.triggeredByEvent) {
          problems.push({ file, elementId: id, code: 'UNSUPPORTED_START', message: `子流程的开始事件 ${id} 不能有触发(仅事件子流程的开始事件可以)` });
          continue;
        }
        if (el.$type === 'bpmn:StartEvent' && defs.length && container === proc) {
          // One sentence for the start event, not one per missing detail of a trigger that cannot run anyway.
          const why = defs.length > 1 ? ',且一个开始事件只能有一个触发' : defs.map((d) => EVENT_REASONS[d.$type] ?? '').join('');
          problems.push({ file, elementId: id, code: 'UNSUPPORTED_START', message: `暂不支持${defs.map((d) => EVENT_LABELS[d.$type] ?? d.$type).join('、')}开始事件(${id});流程可用无触发、定时、消息或信号开始事件${why}` });
          continue;
        }
        const allowedDefs = SUPPORTED_EVENT_DEFS[el.$type];
        for (const d of defs) {
          if (!allowedDefs?.has(d.$type)) {
            const what = `${EVENT_LABELS[d.$type] ?? d.$type}${TYPE_LABELS[el.$type] ?? el.$type}`;
            problems.push({ file, elementId: id, code: 'UNSUPPORTED_EVENT', message: `不支持${what}(${id})${EVENT_REASONS[d.$type] ?? ''}` });
          }
          if (d.$type === 'bpmn:SignalEventDefinition') {
            const sig = d.signalRef as ModdleEl | undefined;
            if (!sig?.name) problems.push({ file, elementId: id, code: 'SIGNAL_NAME', message: `信号事件 ${id} 缺少信号名称(signalRef 指向带 name 的 bpmn:signal)` });
            else if (isFeel(sig.name)) problems.push({ file, elementId: id, code: 'SIGNAL_NAME_FEEL', message: `信号事件 ${id} 的信号名称须为常量,不能是表达式` });
            else info.signal = { refId: sig.id!, name: sig.name };
          }
          if (d.$type === 'bpmn:TimerEventDefinition') {
            const body = d.timeDuration?.body ?? d.timeDate?.body ?? d.timeCycle?.body;
            if (body) info.timer = { kind: d.timeDuration ? 'timeDuration' : d.timeDate ? 'timeDate' : 'timeCycle', expression: body };
            if (!body) problems.push({ file, elementId: id, code: 'TIMER_EMPTY', message: `定时器 ${id} 未设置时间` });
            // As in Zeebe, a cycle (R3/P1D: 催办 while a task waits) belongs on a boundary event; elsewhere it has no meaning.
            const cycleFits = el.$type === 'bpmn:BoundaryEvent' || (el.$type === 'bpmn:StartEvent' && el.isInterrupting === false);
            if (d.timeCycle && !cycleFits) problems.push({ file, elementId: id, code: 'UNSUPPORTED_TIMER', message: `循环定时器(timeCycle)只能用于边界事件或非中断事件子流程的开始事件(${id})` });
            checkFeel(id, '定时器', body);
          }
          const throwsMessage = d.$type === 'bpmn:MessageEventDefinition' && (el.$type === 'bpmn:IntermediateThrowEvent' || el.$type === 'bpmn:EndEvent');
          if (throwsMessage) {
            // As on Zeebe, a message throw or end event is a job: its worker sends the message (to another system).
            const taskDef = ext(el, 'zeebe:TaskDefinition');
            const label = el.$type === 'bpmn:EndEvent' ? '消息结束事件' : '消息中间抛出事件';
            if (!taskDef?.type) problems.push({ file, elementId: id, code: 'TASK_TYPE', message: `${label} ${id} 缺少任务类型(zeebe:taskDefinition type):消息由该类型的任务处理器发送` });
            else {
              info.jobType = taskDef.type;
              info.retries = Number(taskDef.retries ?? 3);
              checkFeel(id, '任务类型', taskDef.type);
            }
          }
          if (d.$type === 'bpmn:MessageEventDefinition' && !throwsMessage) {
            const msg = d.messageRef as ModdleEl | undefined;
            if (!msg?.name) problems.push({ file, elementId: id, code: 'MESSAGE_NAME', message: `消息事件 ${id} 缺少消息名称` });
            const sub = msg && ext(msg, 'zeebe:Subscription');
            if (!sub?.correlationKey) problems.push({ file, elementId: id, code: 'MESSAGE_CORRELATION', message: `消息事件 ${id} 缺少 zeebe:subscription correlationKey` });
            checkFeel(id, '消息关联键', sub?.correlationKey);
            if (msg) info.message = { refId: msg.id!, name: msg.name, correlationKey: sub?.correlationKey };
          }
        }
        if (el.$type === 'bpmn:BoundaryEvent') {
          info.attachedToRef = (el.attachedToRef as ModdleEl).id;
          if (el.cancelActivity === false) info.nonInterrupting = true;
          if (el.cancelActivity === false && defs.some((d) => !['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition'].includes(d.$type))) {
            problems.push({ file, elementId: id, code: 'UNSUPPORTED_BOUNDARY', message: `错误边界事件总是中断,不能设为非中断(${id})` });
          }
        }

        const taskDef = ext(el, 'zeebe:TaskDefinition');
        if (JOB_TASKS.has(el.$type)) {
          const label = TASK_LABELS[el.$type] ?? '服务任务';
          const script = el.$type === 'bpmn:ScriptTask' ? ext(el, 'zeebe:Script') : undefined;
          if (!taskDef?.type && script) {
            // A FEEL script: the engine evaluates it itself, as a job of its own type, into the result variable.
            if (!script.expression || !isFeel(script.expression)) problems.push({ file, elementId: id, code: 'SCRIPT_EXPRESSION', message: `脚本任务 ${id} 的 zeebe:script 须有以 = 开头的 FEEL 表达式` });
            if (!script.resultVariable) problems.push({ file, elementId: id, code: 'SCRIPT_RESULT', message: `脚本任务 ${id} 的 zeebe:script 须指定结果变量(resultVariable)` });
            checkFeel(id, '脚本', script.expression);
            info.jobType = SCRIPT_JOB_TYPE;
            info.retries = 1;
            info.headers[SCRIPT_EXPRESSION_HEADER] = String(script.expression ?? '');
            info.headers[SCRIPT_RESULT_HEADER] = String(script.resultVariable ?? '');
          } else if (!taskDef?.type && el.$type === 'bpmn:BusinessRuleTask' && ext(el, 'zeebe:CalledDecision')) {
            problems.push({ file, elementId: id, code: 'UNSUPPORTED_DMN', message: `业务规则任务 ${id} 调用 DMN 决策(zeebe:calledDecision),本平台不运行 DMN:资格规则请写成规则集,并用任务类型 rules.evaluate 调用` });
          } else if (!taskDef?.type) {
            problems.push({ file, elementId: id, code: 'TASK_TYPE', message: `${label} ${id} 缺少任务类型(zeebe:taskDefinition type)` });
          } else {
            info.jobType = taskDef.type;
            info.retries = Number(taskDef.retries ?? 3);
            // A FEEL job type (Zeebe allows it) is evaluated when the job is created.
            checkFeel(id, '任务类型', taskDef.type);
          }
        }
        if (el.$type === 'bpmn:UserTask') {
          const a = ext(el, 'zeebe:AssignmentDefinition');
          info.assignee = a?.assignee;
          info.candidateGroups = a?.candidateGroups;
          info.candidateUsers = a?.candidateUsers;
          checkFeel(id, '候选组', a?.candidateGroups);
          // Zeebe requires a FEEL candidate-group expression to return a list; a string is an incident there.
          for (const [label, expr] of [['候选组', a?.candidateGroups], ['候选人', a?.candidateUsers]] as const) {
            if (expr && isFeel(expr) && ['ArithmeticExpression', 'StringLiteral'].includes(feelTopKind(expr) ?? '')) {
              problems.push({ file, elementId: id, code: 'FEEL_NOT_LIST', message: `人工任务 ${id} 的${label}表达式须返回列表,例如 =["city:" + cityCode]` });
            }
          }
          checkFeel(id, '办理人', a?.assignee);
          const s = ext(el, 'zeebe:TaskSchedule');
          info.dueDate = s?.dueDate;
          info.followUpDate = s?.followUpDate;
          checkFeel(id, '到期时间', s?.dueDate);
          const formDef = ext(el, 'zeebe:FormDefinition');
          info.formKey = formDef?.formKey;
          if (formDef && !formDef.formKey) {
            problems.push({ file, elementId: id, severity: 'warning', code: 'FORM_REFERENCE', message: `人工任务 ${id} 的表单以 formId 或外部链接引用,本平台不读取:请用 formKey 指向政策包 forms/ 中的表单,否则办理时不显示任务表单` });
          }
          if (!info.candidateGroups && !info.assignee && !info.candidateUsers) {
            // Zeebe allows it; whoever hosts the engine decides who sees such a task (the platform: the package's default groups).
            problems.push({ file, elementId: id, severity: 'warning', code: 'USER_TASK_ASSIGNMENT', message: `人工任务 ${id} 未指定候选组或办理人,将交给政策包声明的默认候选组(defaultCandidateGroups)` });
          }
        }
        if (el.$type === 'bpmn:ReceiveTask') {
          const msg = el.messageRef as ModdleEl | undefined;
          const sub = msg && ext(msg, 'zeebe:Subscription');
          if (!msg?.name || !sub?.correlationKey) problems.push({ file, elementId: id, code: 'MESSAGE_CORRELATION', message: `接收任务 ${id} 缺少消息名称或关联键` });
          else info.message = { refId: msg.id!, name: msg.name, correlationKey: sub.correlationKey };
        }
        const headers = ext(el, 'zeebe:TaskHeaders');
        for (const h of (headers?.values ?? []) as ModdleEl[]) info.headers[h.key] = h.value;
        const io = ext(el, 'zeebe:IoMapping');
        for (const m of (io?.inputParameters ?? []) as ModdleEl[]) {
          info.inputs.push({ source: m.source, target: m.target });
          checkFeel(id, `输入映射 ${m.target} `, m.source);
        }
        for (const m of (io?.outputParameters ?? []) as ModdleEl[]) {
          info.outputs.push({ source: m.source, target: m.target });
          checkFeel(id, `输出映射 ${m.target} `, m.source);
        }
        if (el.$type === 'bpmn:CallActivity') {
          const ce = ext(el, 'zeebe:CalledElement');
          if (!ce?.processId) problems.push({ file, elementId: id, code: 'CALLED_ELEMENT', message: `调用活动 ${id} 缺少 zeebe:calledElement processId` });
          else if (isFeel(ce.processId)) problems.push({ file, elementId: id, code: 'CALLED_ELEMENT_FEEL', message: `调用活动的流程 ID 必须是常量(${id})` });
          info.calledProcessId = ce?.processId;
          info.propagateAllChildVariables = ce?.propagateAllChildVariables !== false;
        }
        const lc = el.loopCharacteristics as ModdleEl | undefined;
        if (lc) {
          if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
            problems.push({ file, elementId: id, code: 'UNSUPPORTED_LOOP', message: `仅支持多实例(${id})` });
          } else {
            const zl = ext(lc, 'zeebe:LoopCharacteristics');
            if (!zl?.inputCollection) problems.push({ file, elementId: id, code: 'LOOP_COLLECTION', message: `多实例 ${id} 缺少 zeebe:loopCharacteristics inputCollection` });
            else {
              checkFeel(id, '多实例集合', zl.inputCollection);
              checkFeel(id, '多实例输出', zl.outputElement);
              info.loop = {
                inputCollection: zl.inputCollection,
                inputElement: zl.inputElement,
                outputCollection: zl.outputCollection,
                outputElement: zl.outputElement,
                isSequential: !!lc.isSequential,
              };
            }
          }
        }
        if (el.$type === 'bpmn:SequenceFlow' && el.conditionExpression) {
          const body = el.conditionExpression.body as string | undefined;
          if (body && !isFeel(body)) problems.push({ file, elementId: id, code: 'CONDITION_NOT_FEEL', message: `条件必须是以 = 开头的 FEEL 表达式(${id})` });
          checkFeel(id, '条件', body);
        }
        if (el.$type === 'bpmn:SubProcess') {
          visit(el);
          if (el.triggeredByEvent) readEventSubProcess(el, container === proc);
        }
      }
    };
    visit(proc);
    for (const flow of model.elements.values()) {
      if (flow.type !== 'bpmn:SequenceFlow') continue;
      const el = findElement(proc, flow.id);
      const target = model.elements.get((el?.targetRef as ModdleEl | undefined)?.id ?? '');
      const source = (el?.sourceRef as ModdleEl | undefined)?.id;
      if (target && source) target.incomingFrom.push(source);
    }
    // Boundary error events → which codes the host element catches (decides incident vs. catch).
    for (const info of model.elements.values()) {
      if (info.type !== 'bpmn:BoundaryEvent' || !info.attachedToRef) continue;
      const host = model.elements.get(info.attachedToRef);
      const el = findElement(proc, info.id);
      const errDef = (el?.eventDefinitions as ModdleEl[] | undefined)?.find((d) => d.$type === 'bpmn:ErrorEventDefinition');
      if (host && errDef) host.catchesErrors.push(((errDef.errorRef as ModdleEl | undefined)?.errorCode as string) ?? '');
    }
  }
  return { moddleContext: result, processes, problems };
}

function findElement(container: ModdleEl, id: string): ModdleEl | undefined {
  for (const el of (container.flowElements ?? []) as ModdleEl[]) {
    if (el.id === id) return el;
    if (el.flowElements) {
      const inner = findElement(el, id);
      if (inner) return inner;
    }
  }
  return undefined;
}
