import { BpmnModdle } from 'bpmn-moddle';
import { USER_TASK_JOB_TYPE, type DeployProblem } from '../../port/ProcessEngine.ts';
import { isFeel } from '../../bpmn/feel.ts';
import { SCRIPT_EXPRESSION_HEADER, SCRIPT_JOB_TYPE, SCRIPT_RESULT_HEADER, type ElementInfo, type Mapping, type ProcessModel } from '../../bpmn/zeebeModel.ts';
import { camundaSchema, CAMUNDA_NS } from './camundaSchema.ts';

/** Local variables the translation adds to a user task's job: the adapter turns them into Zeebe's headers. */
export const HEADER_VARIABLE_PREFIX = '__h_';
/** Local variables holding the correlation key of a message subscription (matched by localCorrelationKeys). */
export const MESSAGE_KEY_PREFIX = '__mk_';
/** Extension properties the adapter reads but does not hand to workers as headers. */
export const RETRIES_PROPERTY = '__retries';
/** The timer of a process's timer start, which the adapter schedules (the node sees a plain start). */
export const TIMER_START_PROPERTY = '__timerStart';
export const HISTORY_TTL_DAYS = 180;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type El = any;

const b64 = (expr: string) => Buffer.from(expr.trim().replace(/^=/, ''), 'utf8').toString('base64');
/** JUEL calling the node's FEEL bean with the unchanged FEEL text. */
const feelCall = (fn: string, expr: string, ...extra: string[]) => `\${feel.${fn}(execution, '${b64(expr)}'${extra.map((e) => `, '${e.replace(/'/g, '')}'`).join('')})}`;
export const messageKeyVariable = (name: string) => `${MESSAGE_KEY_PREFIX}${name}`;

/** Zeebe's dotted targets (result.outcome, result.points) as one FEEL context per root variable. */
function groupMappings(mappings: Mapping[]): Array<{ target: string; feel: string }> {
  type Tree = { [k: string]: Tree | string };
  const roots = new Map<string, Tree | string>();
  for (const m of mappings) {
    const [root, ...rest] = m.target.split('.');
    const source = `(${m.source.trim().replace(/^=/, '')})`;
    if (!rest.length) {
      roots.set(root!, source);
      continue;
    }
    let node = roots.get(root!);
    if (typeof node !== 'object') roots.set(root!, (node = {}));
    let cur = node as Tree;
    rest.forEach((k, i) => {
      if (i === rest.length - 1) cur[k] = source;
      else cur = (typeof cur[k] === 'object' ? cur[k] : (cur[k] = {})) as Tree;
    });
  }
  const render = (t: Tree | string): string => (typeof t === 'string' ? t : `{${Object.entries(t).map(([k, v]) => `${JSON.stringify(k)}: ${render(v)}`).join(', ')}}`);
  return [...roots].map(([target, t]) => ({ target, feel: render(t) }));
}

/**
 * Translates one Zeebe-flavoured BPMN file (as the packages are drawn) into Operaton BPMN: jobs become
 * external tasks of their type, user tasks external tasks of the user-task type (the inbox keeps its
 * held-job model), FEEL text is evaluated by the node's feel-scala bean, messages correlate on local
 * key variables. The shared validation (parseDefinitions) has already refused what no engine runs;
 * this adds what only this translation cannot carry.
 */
export async function translateToOperaton(file: string, xml: string, models: ProcessModel[]): Promise<{ xml: string; problems: DeployProblem[] }> {
  const problems: DeployProblem[] = [];
  const moddle = new BpmnModdle({ camunda: camundaSchema }) as unknown as { fromXML(xml: string): Promise<{ rootElement: El }>; create(type: string, props: Record<string, unknown>): El; toXML(el: El, opts: Record<string, unknown>): Promise<{ xml: string }> };
  const { rootElement: defs } = (await moddle.fromXML(xml)) as { rootElement: El };
  defs.$attrs['xmlns:camunda'] = CAMUNDA_NS;
  const info = new Map<string, ElementInfo>();
  for (const m of models) for (const [id, i] of m.elements) info.set(id, i);

  const create = (type: string, props: Record<string, unknown> = {}) => moddle.create(type, props) as El;
  const extOf = (el: El) => {
    if (!el.extensionElements) el.extensionElements = create('bpmn:ExtensionElements', { values: [] });
    el.extensionElements.values = (el.extensionElements.values ?? []).filter((v: El) => !String(v.$type).startsWith('zeebe:'));
    return el.extensionElements.values as El[];
  };
  const ioOf = (el: El) => {
    const values = extOf(el);
    let io = values.find((v) => v.$type === 'camunda:InputOutput');
    if (!io) values.push((io = create('camunda:InputOutput', { inputParameters: [], outputParameters: [] })));
    return io;
  };
  const listener = (el: El, event: 'start' | 'end', expression: string) => extOf(el).push(create('camunda:ExecutionListener', { event, expression }));
  const input = (el: El, name: string, value: string) => ioOf(el).inputParameters.push(create('camunda:InputParameter', { name, value }));
  const output = (el: El, name: string, value: string) => ioOf(el).outputParameters.push(create('camunda:OutputParameter', { name, value }));
  const stripZeebeAttrs = (el: El) => {
    if (el.$attrs) for (const k of Object.keys(el.$attrs)) if (k.startsWith('zeebe:')) delete el.$attrs[k];
  };
  /** Replaces an element by one of another type (user task → service task), keeping id and references. */
  const retype = (el: El, parent: El, type: string) => {
    const copy = create(type, { id: el.id, name: el.name });
    for (const k of ['incoming', 'outgoing', 'loopCharacteristics', 'extensionElements', 'documentation', 'ioSpecification', 'dataInputAssociations', 'dataOutputAssociations', 'default']) if (el[k] !== undefined) copy[k] = el[k];
    if (el.$attrs) Object.assign(copy.$attrs, el.$attrs);
    const list = parent.flowElements as El[];
    list[list.indexOf(el)] = copy;
    for (const f of list) {
      if (f.sourceRef === el) f.sourceRef = copy;
      if (f.targetRef === el) f.targetRef = copy;
      if (f.attachedToRef === el) f.attachedToRef = copy;
    }
    for (const i of el.incoming ?? []) if (i.targetRef === el) i.targetRef = copy;
    for (const o of el.outgoing ?? []) if (o.sourceRef === el) o.sourceRef = copy;
    return copy;
  };
  /** Evaluated in a job of its own: a failure is an incident at once (no retries of an expression that cannot change by itself). */
  const asyncWithIncident = (el: El) => {
    el.asyncBefore = true;
    extOf(el).push(create('camunda:FailedJobRetryTimeCycle', { body: 'R1/PT0S' }));
  };
  const properties = (el: El, props: Record<string, string>) => {
    if (!Object.keys(props).length) return;
    extOf(el).push(create('camunda:Properties', { values: Object.entries(props).map(([name, value]) => create('camunda:Property', { name, value })) }));
  };
  const timerBody = (expr: El, what: string, eventSubStart: string | undefined) => {
    if (!expr?.body || !isFeel(expr.body)) return;
    // An event sub-process's timer without a value is an incident of the instance, not a failed start.
    if (eventSubStart) expr.body = feelCall('timer', expr.body, what, eventSubStart);
    else expr.body = feelCall('text', expr.body, what);
  };
  /** Message subscriptions: the correlation key evaluated when the waiting step starts. */
  const subscribeKey = (host: El, i: ElementInfo | undefined) => {
    if (i?.message?.correlationKey) listener(host, 'start', `\${feel.key(execution, '${messageKeyVariable(i.message.name).replace(/'/g, '')}', '${b64(i.message.correlationKey)}')}`);
  };

  /**
   * Link events: Operaton's history has no link throw or catch, so the trail would miss them. Each pair
   * becomes two plain intermediate throw events joined by a sequence flow of its own: the same path, recorded.
   */
  const linkPairs = (container: El) => {
    const flows = (container.flowElements ?? []) as El[];
    const linkOf = (el: El) => ((el.eventDefinitions ?? []) as El[]).find((d) => d.$type === 'bpmn:LinkEventDefinition');
    const catches = flows.filter((f) => f.$type === 'bpmn:IntermediateCatchEvent' && linkOf(f));
    const landing = new Map<string, El>();
    for (const c of catches) {
      const name = linkOf(c).name ?? '';
      const copy = retype(c, container, 'bpmn:IntermediateThrowEvent');
      delete copy.eventDefinitions;
      landing.set(name, copy);
    }
    for (const t of flows.filter((f) => f.$type === 'bpmn:IntermediateThrowEvent' && linkOf(f))) {
      const target = landing.get(linkOf(t).name ?? '');
      t.eventDefinitions = [];
      if (!target) continue;
      const flow = create('bpmn:SequenceFlow', { id: `${t.id}__link`, sourceRef: t, targetRef: target });
      container.flowElements.push(flow);
      t.outgoing = [...(t.outgoing ?? []), flow];
      target.incoming = [...(target.incoming ?? []), flow];
    }
  };

  const visit = (container: El, processId: string) => {
    linkPairs(container);
    for (const original of [...((container.flowElements ?? []) as El[])]) {
      let el = original;
      stripZeebeAttrs(el);
      const i = info.get(el.id);
      const type = el.$type as string;
      if (type === 'bpmn:SequenceFlow') {
        if (el.conditionExpression?.body && isFeel(el.conditionExpression.body)) {
          el.conditionExpression = create('bpmn:FormalExpression', { body: feelCall('bool', el.conditionExpression.body) });
        }
        continue;
      }
      if (type === 'bpmn:UserTask') {
        el = retype(el, container, 'bpmn:ServiceTask');
        extOf(el);
        el.type = 'external';
        el.topic = USER_TASK_JOB_TYPE;
        const headers: Record<string, string> = {};
        if (i?.formKey) headers['io.camunda.zeebe:formKey'] = i.formKey;
        if (i?.name) headers['io.camunda.zeebe:name'] = i.name;
        let dynamic = false;
        const assign = (key: string, value: string | undefined | null, what: string, required: boolean) => {
          if (!value) return;
          if (isFeel(value)) {
            dynamic = dynamic || required;
            input(el, `${HEADER_VARIABLE_PREFIX}${key}`, required ? feelCall('required', value, what) : feelCall('eval', value));
          } else headers[`io.camunda.zeebe:${key}`] = key === 'assignee' || key === 'dueDate' || key === 'followUpDate' ? value : JSON.stringify(String(value).split(',').map((s: string) => s.trim()).filter(Boolean));
        };
        assign('candidateGroups', i?.candidateGroups, '候选组', true);
        assign('candidateUsers', i?.candidateUsers, '候选人', true);
        assign('assignee', i?.assignee, '办理人', true);
        assign('dueDate', i?.dueDate, '到期时间', false);
        assign('followUpDate', i?.followUpDate, '跟进时间', false);
        properties(el, headers);
        // An expression without a usable result is an incident at the step (the async job fails), never a task.
        if (dynamic) asyncWithIncident(el);
      } else if (i?.jobType === SCRIPT_JOB_TYPE) {
        if (type !== 'bpmn:ServiceTask') el = retype(el, container, 'bpmn:ServiceTask');
        extOf(el);
        el.expression = feelCall('eval', i.headers[SCRIPT_EXPRESSION_HEADER] ?? 'null');
        el.resultVariable = i.headers[SCRIPT_RESULT_HEADER];
      } else if (i?.jobType) {
        const throwsMessage = type === 'bpmn:IntermediateThrowEvent' || type === 'bpmn:EndEvent';
        if (type === 'bpmn:ScriptTask') el = retype(el, container, 'bpmn:ServiceTask');
        extOf(el);
        const target = throwsMessage ? (el.eventDefinitions as El[]).find((d) => d.$type === 'bpmn:MessageEventDefinition') : el;
        target.type = 'external';
        target.topic = isFeel(i.jobType) ? feelCall('required', i.jobType, '任务类型') : i.jobType;
        if (isFeel(i.jobType)) asyncWithIncident(el);
        const headers = Object.fromEntries(Object.entries(i.headers).filter(([k]) => !k.startsWith('embedded:')));
        properties(el, { ...headers, [RETRIES_PROPERTY]: String(i.retries ?? 3) });
        if (throwsMessage && (i.inputs.length || i.outputs.length)) {
          problems.push({ file, elementId: el.id, code: 'OPERATON_MAPPING', message: `消息抛出事件 ${el.id} 的输入输出映射在 Operaton 引擎上暂不支持,请把映射放到前后的任务上` });
        }
      } else if (type === 'bpmn:CallActivity') {
        extOf(el);
        el.calledElement = i?.calledProcessId;
        const values = extOf(el);
        values.push(create('camunda:In', { variables: 'all' }));
        if (i?.propagateAllChildVariables !== false) values.push(create('camunda:Out', { variables: 'all', ...(i?.loop ? { local: true } : {}) }));
      } else {
        extOf(el);
      }

      const isEvent = /Event$/.test(type);
      if (i && !isEvent && type !== 'bpmn:ExclusiveGateway' && type !== 'bpmn:ParallelGateway' && type !== 'bpmn:InclusiveGateway' && type !== 'bpmn:EventBasedGateway') {
        for (const m of groupMappings(i.inputs)) input(el, m.target, feelCall('eval', m.feel));
        for (const m of groupMappings(i.outputs)) output(el, m.target, feelCall('eval', m.feel));
      } else if (i && isEvent) {
        const signalDef = ((el.eventDefinitions ?? []) as El[]).find((d) => d.$type === 'bpmn:SignalEventDefinition');
        if (i.inputs.length && signalDef && (type === 'bpmn:IntermediateThrowEvent' || type === 'bpmn:EndEvent')) {
          // A signal thrown with the event's input mappings as its variables, as on Zeebe.
          const values = extOf(signalDef);
          for (const m of groupMappings(i.inputs)) values.push(create('camunda:In', { sourceExpression: feelCall('eval', m.feel), target: m.target }));
        } else if (i.inputs.length && type !== 'bpmn:IntermediateThrowEvent' && type !== 'bpmn:EndEvent') {
          problems.push({ file, elementId: el.id, code: 'OPERATON_MAPPING', message: `事件 ${el.id} 的输入映射在 Operaton 引擎上暂不支持` });
        }
        // Output mappings of catch events: each target set when the event completes.
        if (!i.jobType) for (const m of groupMappings(i.outputs)) listener(el, 'end', `\${feel.set(execution, '${m.target.replace(/'/g, '')}', '${b64(m.feel)}')}`);
      }

      if (i?.loop && el.loopCharacteristics) {
        const lc = el.loopCharacteristics;
        lc.collection = feelCall('list', i.loop.inputCollection);
        lc.elementVariable = i.loop.inputElement ?? '__item';
        if (lc.completionCondition?.body && isFeel(lc.completionCondition.body)) lc.completionCondition = create('bpmn:FormalExpression', { body: feelCall('bool', lc.completionCondition.body) });
        if (lc.extensionElements) lc.extensionElements.values = (lc.extensionElements.values ?? []).filter((v: El) => !String(v.$type).startsWith('zeebe:'));
        if (i.loop.outputCollection) {
          const out = i.loop.outputElement ? b64(i.loop.outputElement) : '';
          listener(el, 'end', `\${feel.collect(execution, '${i.loop.outputCollection.replace(/'/g, '')}', '${out}')}`);
        }
      }

      if (type === 'bpmn:StartEvent' && !container.triggeredByEvent && container.$type === 'bpmn:Process') {
        // A process's timer start is scheduled by the adapter (as the embedded engine does, engine/bpmn/timerStart.ts):
        // Operaton refuses a cycle whose first date is past and fires Rn cycles n+1 times. Here it is a plain start.
        const timer = ((el.eventDefinitions ?? []) as El[]).find((d) => d.$type === 'bpmn:TimerEventDefinition');
        if (timer) {
          el.eventDefinitions = (el.eventDefinitions as El[]).filter((d) => d !== timer);
          // Kept as a property: a version that changes only its timer is a new version on the node too (not filtered as a duplicate).
          const body = timer.timeCycle?.body ?? timer.timeDate?.body ?? '';
          properties(el, { [TIMER_START_PROPERTY]: `${timer.timeCycle ? 'timeCycle' : 'timeDate'}:${body}` });
        }
      }
      for (const d of (el.eventDefinitions ?? []) as El[]) {
        if (d.$type === 'bpmn:TimerEventDefinition') {
          const eventSubStart = type === 'bpmn:StartEvent' && container.triggeredByEvent ? el.id : undefined;
          timerBody(d.timeDuration, '定时器时长', eventSubStart);
          timerBody(d.timeDate, '定时器日期', eventSubStart);
          timerBody(d.timeCycle, '定时器循环', eventSubStart);
        }
      }
      // Where a message subscription opens, its key is evaluated first.
      if (i?.message && !i.jobType) {
        if (type === 'bpmn:IntermediateCatchEvent') {
          const gateway = (i.incomingFrom.length === 1 ? (container.flowElements as El[]).find((f) => f.id === i.incomingFrom[0]) : undefined) as El | undefined;
          if (gateway?.$type === 'bpmn:EventBasedGateway') subscribeKey(gateway, i);
          else subscribeKey(el, i);
        } else if (type === 'bpmn:ReceiveTask') subscribeKey(el, i);
        else if (type === 'bpmn:BoundaryEvent') subscribeKey(el.attachedToRef, i);
        else if (type === 'bpmn:StartEvent' && container.triggeredByEvent) {
          // An event sub-process listens while its parent scope runs: the key is evaluated when that scope starts.
          subscribeKey(container.$parent?.$type === 'bpmn:Process' ? container.$parent : container.$parent, i);
        }
      }
      if (type === 'bpmn:SubProcess' || type === 'bpmn:Transaction' || type === 'bpmn:AdHocSubProcess') visit(el, processId);
    }
  };

  for (const root of (defs.rootElements ?? []) as El[]) {
    stripZeebeAttrs(root);
    if (root.extensionElements) extOf(root);
    if (root.$type === 'bpmn:Process') {
      root.historyTimeToLive = String(HISTORY_TTL_DAYS);
      visit(root, root.id);
    }
  }
  // Event sub-process keys were attached to their parent process after the process's own listeners: fine either way.
  const { xml: out } = await moddle.toXML(defs, { format: false });
  return { xml: out, problems };
}
