import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import type { Variables } from '../../port/ProcessEngine.ts';
import { evaluateFeel, isFeel } from '../../bpmn/feel.ts';
import type { ProcessModel } from '../../bpmn/zeebeModel.ts';

/**
 * A message throw or end event with a zeebe:taskDefinition is a job on Zeebe (its worker sends the
 * message): it waits as a task does; any other throw or end event keeps bpmn-elements' behaviour.
 */
function jobWhenTaskDefined(Default: (def: any, context: any) => unknown) {
  return function JobOrEvent(this: unknown, activityDef: any, context: any) {
    const b = activityDef.behaviour ?? {};
    const isMessage = (b.eventDefinitions ?? []).some((d: any) => d.type === 'bpmn:MessageEventDefinition');
    const hasTask = (b.extensionElements?.values ?? []).some((v: any) => v.$type === 'zeebe:TaskDefinition');
    if (!isMessage || !hasTask) return Default(activityDef, context);
    return (Elements.SignalTask as any)({ ...activityDef, behaviour: { ...b, eventDefinitions: undefined } }, context);
  };
}

/** Task kinds that become jobs: they wait in the engine until a worker (or a person) answers. */
export const JOB_ELEMENTS = {
  ServiceTask: Elements.SignalTask,
  SendTask: Elements.SignalTask,
  BusinessRuleTask: Elements.SignalTask,
  ScriptTask: Elements.SignalTask,
  UserTask: Elements.SignalTask,
  IntermediateThrowEvent: jobWhenTaskDefined(Elements.IntermediateThrowEvent as never),
  EndEvent: jobWhenTaskDefined(Elements.EndEvent as never),
};

export interface Wait {
  elementId: string;
  executionId: string;
  kind: 'job' | 'call' | 'message';
  /** Multi-instance iteration index (0-based) and the element of the input collection. */
  loopIndex?: number;
  loopItem?: unknown;
}

export interface TimerWait {
  elementId: string;
  executionId: string;
  dueAt: string;
  fire?: () => void;
}

export interface SessionResult {
  status: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  state: unknown;
  waits: Map<string, Wait>;
  timers: Map<string, TimerWait>;
  completed: Array<{ elementId: string; elementType: string }>;
  /** Signals thrown in this session (throw and end events), with the element that threw each: the adapter broadcasts them to other instances. */
  thrownSignals: Array<{ name: string; elementId: string }>;
  error?: { message: string; elementId?: string };
}

const DEFINITION_SOURCE_KEY = 'source';

/**
 * One short-lived bpmn-engine object advancing one instance from a stored state to the next wait
 * state. Built, used and dropped by the adapter for every command; nothing lives in memory between
 * commands, so a restart (or another process) continues from the database.
 */
export class InstanceSession {
  readonly engine: InstanceType<typeof Engine>;
  private waits = new Map<string, Wait>();
  private timers = new Map<string, TimerWait>();
  private completed: Array<{ elementId: string; elementType: string }> = [];
  private thrownSignals = new Map<string, { name: string; elementId: string }>();
  private pendingInterrupts: Array<{ subProcessId: string; elementIds: string[] }> = [];
  private ended = false;
  private terminated = false;
  private error?: { message: string; elementId?: string };

  constructor(
    instanceKey: string,
    sourceContext: unknown,
    private readonly model: ProcessModel,
    readonly variables: Variables,
    now: () => number = Date.now,
  ) {
    const vars = this.variables;
    const timers = this.timers;
    // Timers are never armed in memory: their due time is collected and stored; the adapter's
    // timer poller resumes the instance when due and fires them (any length, unlike setTimeout).
    const storedTimers = new StoredTimers(timers, now);
    const timerDates = new Set([...model.elements.values()].filter((e) => e.timer?.kind === 'timeDate').map((e) => e.timer!.expression));
    this.engine = new Engine({
      name: instanceKey,
      sourceContext: withoutSerialize(sourceContext),
      // bpmn-engine's default logger builds a `debug` logger (an isatty call) for every element of every
      // engine; in production nothing reads them. DEBUG=bpmn* brings them back.
      ...(process.env.DEBUG ? {} : { Logger: silentLogger }),
      elements: JOB_ELEMENTS,
      timers: storedTimers,
      expressions: {
        resolveExpression: (expr: unknown) => resolveExpression(expr, vars, timerDates.has(expr as string) ? now() - Date.now() : 0),
        isExpression: (text: unknown) => isFeel(text),
        hasExpression: (text: unknown) => isFeel(text),
      },
      settings: { enableDummyService: false },
    } as unknown as ConstructorParameters<typeof Engine>[0]);
    this.listen();
  }

  private listen(): void {
    const broker = this.engine.broker;
    broker.subscribeTmp(
      'event',
      '#',
      ((routingKey: string, message: { content: Record<string, any> }) => {
        const c = message.content;
        switch (routingKey) {
          case 'activity.wait': {
            const info = this.model.elements.get(c.id);
            if (!info) return;
            if (info.jobType || info.type === 'bpmn:UserTask') {
              if (info.loop && c.isRootScope) return; // the multi-instance body itself is not a job
              this.waits.set(c.executionId, {
                elementId: c.id,
                executionId: c.executionId,
                kind: 'job',
                loopIndex: info.loop ? c.index : undefined,
                loopItem: info.loop?.inputElement ? c[info.loop.inputElement] : undefined,
              });
            } else if (info.message || info.signal) {
              this.waits.set(c.executionId, { elementId: c.id, executionId: c.executionId, kind: 'message' });
            }
            return;
          }
          case 'activity.call': {
            const info = this.model.elements.get(c.id);
            if (info?.loop && c.isRootScope) return; // the multi-instance body calls nothing itself
            this.waits.set(c.executionId, {
              elementId: c.id,
              executionId: c.executionId,
              kind: 'call',
              loopIndex: info?.loop ? c.index : undefined,
              loopItem: info?.loop?.inputElement ? c[info.loop.inputElement] : undefined,
            });
            return;
          }
          case 'activity.start': {
            // An interrupting event sub-process has begun: the steps outside it end, as Zeebe interrupts them.
            // Now (a throw that would run on otherwise) and once the run settles (steps bpmn-elements lists as waiting only then).
            const started = this.model.interruptingStarts.get(c.id);
            if (started) {
              this.interruptOutside(started.subProcessId, new Set(started.elementIds));
              this.pendingInterrupts.push(started);
            }
            return;
          }
          case 'activity.end':
          case 'activity.leave':
          case 'activity.discard':
            this.forget(c);
            if (routingKey === 'activity.end' && c.isRootScope !== false && !c.isMultiInstance) {
              this.completed.push({ elementId: c.id, elementType: c.type });
            }
            return;
          case 'activity.signal':
            // A throw seen once per throwing execution, though the definition relays the event again.
            if (c.state === 'throw' && c.message?.name) this.thrownSignals.set(`${c.id}:${c.executionId}`, { name: String(c.message.name), elementId: c.id });
            return;
          case 'activity.timeout':
            this.timers.delete(c.executionId);
            return;
          case 'process.error':
            // Only an error that no boundary event caught reaches the process.
            if (!this.error && c.error) this.error = { message: String(c.error.message ?? c.error.description ?? c.error), elementId: c.error.source?.content?.id };
            return;
          case 'process.end':
            return;
          default:
        }
      }) as never,
      { noAck: true, consumerTag: '_platform-listener' },
    );
    this.engine.on('end', () => {
      this.ended = true;
    });
    this.engine.on('error', (err: Error & { source?: { content?: { id?: string } } }) => {
      if (!this.error) this.error = { message: err.message, elementId: err.source?.content?.id };
    });
  }

  private forget(c: Record<string, any>): void {
    this.waits.delete(c.executionId);
    for (const key of this.timers.keys()) {
      if (key === c.executionId || key.startsWith(`${c.executionId}_`)) this.timers.delete(key);
    }
  }

  async start(variables: Variables): Promise<void> {
    await this.engine.execute({ variables });
    await settle();
  }

  async resume(state: unknown): Promise<void> {
    this.engine.recover(state as object);
    await this.engine.resume();
    await settle();
  }

  /** Fire a stored timer whose due time (by the adapter's clock) has come. */
  fireTimer(executionId: string): boolean {
    const t = this.timers.get(executionId);
    if (!t?.fire) return false;
    this.timers.delete(executionId);
    t.fire();
    return true;
  }

  signal(elementId: string, executionId: string, payload: Variables = {}): void {
    this.engine.execution!.signal({ id: elementId, executionId, ...payload });
  }

  /** BPMN error thrown by a job: bpmn-elements matches `code` against boundary errorCodes. */
  throwError(executionId: string, code: string, message: string): void {
    const api = this.postponedApi(executionId);
    if (!api) throw new Error(`execution ${executionId} is not waiting`);
    api.sendApiMessage('error', { message, code });
  }

  /**
   * A message for the instance. A non-interrupting message boundary waiting for it listens again while
   * its activity runs (as a timer cycle does in bpmn-elements): the restart is queued before the
   * message completes this round.
   */
  signalMessage(messageRefId: string, payload: Variables, elementId?: string): void {
    const info = elementId ? this.model.elements.get(elementId) : undefined;
    if (info?.type === 'bpmn:BoundaryEvent' && info.nonInterrupting) {
      (this.engine.execution as any)?.getActivityById?.(elementId)?.broker.publish('execution', 'execute.repeat', { id: elementId, repeat: true });
    }
    this.engine.execution!.signal({ id: messageRefId, ...payload });
  }

  /**
   * A broadcast signal for the instance: every catch of it takes it (bpmn-elements matches the signal's
   * id); the non-interrupting boundaries among `elementIds` listen again, as for messages.
   */
  signalBroadcast(signalRefId: string, elementIds: string[]): void {
    for (const id of elementIds) {
      const info = this.model.elements.get(id);
      if (info?.type === 'bpmn:BoundaryEvent' && info.nonInterrupting) {
        (this.engine.execution as any)?.getActivityById?.(id)?.broker.publish('execution', 'execute.repeat', { id, repeat: true });
      }
    }
    this.engine.execution!.signal({ id: signalRefId });
  }

  /**
   * Start an event sub-process of the running process with its message, as bpmn-elements does for a
   * message thrown inside the process (it wires no way in from outside).
   */
  startEventSubProcess(subProcessId: string, refId?: string): void {
    for (const def of this.engine.execution?.definitions ?? []) {
      for (const bp of (def as any).getProcesses() as any[]) {
        const sub = bp.getActivityById?.(subProcessId);
        if (sub) return void sub.run(refId ? { id: refId } : undefined);
      }
    }
    throw new Error(`事件子流程 ${subProcessId} 不在运行中的流程里`);
  }

  /**
   * A BPMN error a job threw that no boundary catches, for an error event sub-process of the process:
   * the sub-process is started and the error thrown to it, as bpmn-elements does for an error end event.
   */
  throwToEventSubProcess(subProcessId: string, errorRefId: string | undefined, code: string, message: string): void {
    for (const def of this.engine.execution?.definitions ?? []) {
      for (const bp of (def as any).getProcesses() as any[]) {
        const sub = bp.getActivityById?.(subProcessId);
        if (!sub) continue;
        sub.run(errorRefId ? { id: errorRefId } : undefined);
        return void bp.getApi().sendApiMessage('throw', { message: { id: errorRefId, code, message } }, { delegate: true });
      }
    }
    throw new Error(`事件子流程 ${subProcessId} 不在运行中的流程里`);
  }

  /** An interrupting event sub-process ends every other step of its scope: what waits outside it is discarded. */
  interruptOutside(subProcessId: string, inside: Set<string>): void {
    const all: any[] = this.engine.execution?.getPostponed() ?? [];
    for (const api of all) {
      if (api.id === subProcessId || inside.has(api.id)) continue;
      api.discard();
    }
  }

  cancel(): void {
    for (const def of this.engine.execution?.definitions ?? []) def.getApi().discard();
    this.terminated = true;
  }

  isWaiting(executionId: string): boolean {
    return this.waits.has(executionId);
  }

  private postponedApi(executionId: string): any {
    const all: any[] = this.engine.execution?.getPostponed() ?? [];
    const direct = all.find((a) => a.executionId === executionId);
    if (direct) return direct;
    for (const a of all) {
      const children: any[] = a.owner?.execution?.source?.getPostponed?.() ?? [];
      const child = children.find((ch) => ch.executionId === executionId);
      if (child) return child;
    }
    return undefined;
  }

  /**
   * Prepares a live session (kept by the adapter after its last command, the stored state unchanged
   * since) for the next command: the variables as stored, nothing reported yet.
   */
  reuse(variables: Variables): void {
    for (const k of Object.keys(this.variables)) delete this.variables[k];
    Object.assign(this.variables, variables);
    this.completed = [];
    this.thrownSignals = new Map();
    this.pendingInterrupts = [];
    this.error = undefined;
  }

  stop(): void {
    this.engine.stop();
  }

  /** With `keepAlive` the engine stays waiting, for the adapter to reuse while its stored state is unchanged. */
  async finish(opts: { keepAlive?: boolean } = {}): Promise<SessionResult> {
    await settle();
    for (const p of this.pendingInterrupts.splice(0)) {
      this.interruptOutside(p.subProcessId, new Set(p.elementIds));
      await settle();
    }
    let state: any = null;
    const status = this.terminated ? 'TERMINATED' : this.ended ? 'COMPLETED' : 'ACTIVE';
    if (status === 'ACTIVE' && !this.error) {
      state = await this.engine.getState();
      // The definition source is rebuilt from the deployed XML; storing it per instance would
      // multiply the state size for nothing.
      for (const d of state.definitions ?? []) delete d[DEFINITION_SOURCE_KEY];
      compactState(state);
    }
    const result: SessionResult = {
      status,
      state,
      // Copies: stopping the engine below clears its timers through our hook.
      // A cancelled instance waits for nothing: its open jobs are cancelled (discard() does not report them as left).
      waits: status === 'TERMINATED' ? new Map() : new Map(this.waits),
      timers: new Map(this.timers),
      completed: [...this.completed],
      thrownSignals: [...this.thrownSignals.values()],
      error: this.error,
    };
    if (!opts.keepAlive) this.engine.stop();
    return result;
  }
}

const silent = () => undefined;
function silentLogger() {
  return { debug: silent, error: silent, warn: silent };
}

/**
 * getState() serialises the whole definition source into every state (JSON of the diagram), only
 * for the adapter to delete it: the deployed XML is the source. The source as bpmn-engine sees it,
 * with a serialize() that costs nothing; everything else is read from the shared context.
 */
const cheapSources = new WeakMap<object, object>();
function withoutSerialize(sourceContext: unknown): unknown {
  const ctx = sourceContext as object;
  let cheap = cheapSources.get(ctx);
  if (!cheap) {
    cheap = Object.create(ctx, { serialize: { value: () => null } }) as object;
    cheapSources.set(ctx, cheap);
  }
  return cheap;
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `clockSkewMs` is set for timer dates only: bpmn-elements measures a timer date against the wall
 * clock, so the date is shifted by the engine clock's lead to make the delay right by that clock.
 */
function resolveExpression(expr: unknown, vars: Variables, clockSkewMs = 0): unknown {
  if (typeof expr !== 'string') return expr;
  let value: unknown = isFeel(expr) ? evaluateFeel(expr, vars) : expr;
  // A date-only value used as a timer date means the start of that day in China.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) value = `${value}T00:00:00+08:00`;
  if (clockSkewMs && typeof value === 'string' && !Number.isNaN(Date.parse(value))) value = new Date(Date.parse(value) - clockSkewMs).toISOString();
  return value;
}

interface TimerRef {
  owner: { id: string; executionId: string };
}

/** The timers API bpmn-elements expects (register/setTimeout/clearTimeout/executing), storing due times. */
class StoredTimers {
  private refs = new Set<TimerRef>();

  constructor(
    private readonly timers: Map<string, TimerWait>,
    private readonly now: () => number,
  ) {}

  get executing(): TimerRef[] {
    return [...this.refs];
  }

  register = () => ({ setTimeout: this.setTimeout, clearTimeout: this.clearTimeout });

  setTimeout = (fn: () => void, delay: number, owner?: { id: string; executionId: string }): TimerRef | undefined => {
    if (!owner) return undefined;
    const ref = { owner };
    this.refs.add(ref);
    this.timers.set(owner.executionId, {
      elementId: owner.id,
      executionId: owner.executionId,
      dueAt: new Date(this.now() + delay).toISOString(),
      fire: () => {
        this.refs.delete(ref);
        fn();
      },
    });
    return ref;
  };

  clearTimeout = (ref: TimerRef | undefined): undefined => {
    if (ref?.owner) {
      this.refs.delete(ref);
      this.timers.delete(ref.owner.executionId);
    }
    return undefined;
  };
}

/**
 * Drops what recovery does not need: copies of the variables (the adapter stores them once, and
 * expressions read them from there) and the state of elements and flows that never ran, which
 * recover as new. Keeps a waiting instance near the 10 KB target.
 */
function compactState(state: any): void {
  if (state.environment) delete state.environment.variables;
  for (const d of state.definitions ?? []) {
    if (d.environment) delete d.environment.variables;
    for (const p of d.execution?.processes ?? []) {
      if (p.environment) delete p.environment.variables;
      const ex = p.execution;
      if (!ex) continue;
      if (Array.isArray(ex.children)) ex.children = ex.children.filter((c: any) => c.execution || c.status || c.broker || c.counters?.taken || c.counters?.discarded);
      if (Array.isArray(ex.flows)) ex.flows = ex.flows.filter((f: any) => f.counters?.take || f.counters?.discard || f.counters?.looped || f.broker);
    }
  }
}
