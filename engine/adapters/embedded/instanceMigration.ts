import type { Knex } from 'knex';
import type { PersonalData } from '../../services/privacy/index.ts';
import type { ElementInfo, ProcessModel } from '../../bpmn/zeebeModel.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { USER_TASK_JOB_TYPE, type InstanceMigrationRequest, type InstanceMigrationResult, type Variables } from '../../port/ProcessEngine.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import { InstanceSession } from './instanceSession.ts';
import { EVENT_SUB_PREFIX } from './SignalBroadcasts.ts';

/** What the migration needs of the adapter: its store, its definitions and its per-instance lock. */
export interface MigrationContext {
  knex: Knex;
  personal: PersonalData;
  now: () => number;
  loadDefinition(key: string): Promise<{ key: string; bpmnProcessId: string; sourceContext: unknown; model: ProcessModel }>;
  /** Runs `fn` while no other command of this process advances the instance. */
  exclusive<T>(instanceKey: string, fn: () => Promise<T>): Promise<T>;
  /** A user task job's headers on an element, as a new job there would get them (assignment, due date, form key). */
  userTaskHeaders(info: ElementInfo, scope: Variables): { headers: Record<string, string>; problem?: string };
}

const OPEN_JOB_STATES = ['ACTIVATABLE', 'ACTIVATED', 'INCIDENT'];
const CALL_JOB_TYPE = 'embedded:callActivity';

/**
 * Instance migration on the embedded engine. The saved bpmn-engine state names elements by id and
 * executions by `<element id>_<suffix>`; migrating renames the mapped ids in it, recovers it on the
 * target definition (bpmn-elements recovers children by id and skips unknown ones) and checks that it
 * waits exactly where the mapping says before anything is written. The instance row, its jobs,
 * timers, subscriptions and incidents then change in one transaction, guarded by the instance's
 * version: a crash leaves it wholly on the source or wholly on the target.
 */
export async function migrateEmbeddedInstance(ctx: MigrationContext, req: InstanceMigrationRequest): Promise<InstanceMigrationResult> {
  return ctx.exclusive(req.processInstanceKey, async () => {
    const result: InstanceMigrationResult = { processInstanceKey: req.processInstanceKey, waiting: [], problems: [], migrated: false, alreadyOnTarget: false };
    const row = (await ctx.knex('engine_instances').where({ key: req.processInstanceKey }).first()) as Record<string, any> | undefined;
    if (!row) return { ...result, problems: ['流程实例不存在'] };
    if (row.definition_key === req.targetDefinitionKey) {
      const open = (await ctx.knex('engine_jobs').where({ instance_key: row.key, type: USER_TASK_JOB_TYPE }).whereIn('state', OPEN_JOB_STATES)) as Array<Record<string, any>>;
      return { ...result, alreadyOnTarget: true, userTasks: open.map((j) => ({ jobKey: String(j.key), elementId: String(j.element_id), customHeaders: fromJson<Record<string, string>>(j.custom_headers) })) };
    }
    if (row.status !== 'ACTIVE') return { ...result, problems: ['流程实例已结束,无需迁移'] };
    const source = await ctx.loadDefinition(row.definition_key);
    const target = await ctx.loadDefinition(req.targetDefinitionKey).catch(() => null);
    if (!target) return { ...result, problems: ['目标流程版本不存在'] };
    if (target.bpmnProcessId !== source.bpmnProcessId) return { ...result, problems: [`目标版本的流程(${target.bpmnProcessId})与实例的流程(${source.bpmnProcessId})不同`] };

    const jobs = (await ctx.knex('engine_jobs').where({ instance_key: row.key }).whereIn('state', OPEN_JOB_STATES)) as Array<Record<string, any>>;
    const timers = (await ctx.knex('engine_timers').where({ instance_key: row.key })) as Array<Record<string, any>>;
    const subs = (await ctx.knex('engine_message_subscriptions').where({ instance_key: row.key })) as Array<Record<string, any>>;
    if (jobs.some((j) => j.type === CALL_JOB_TYPE)) result.problems.push('实例正在执行调用活动(子流程),暂不支持迁移');
    if (timers.some((t) => String(t.execution_id).startsWith(EVENT_SUB_PREFIX)) || subs.some((s) => String(s.execution_id).startsWith(EVENT_SUB_PREFIX))) {
      result.problems.push('实例含事件子流程的订阅,暂不支持迁移');
    }

    // Where it waits: the elements of its open jobs, timers and message waits.
    const waitingIds = [...new Set([...jobs.map((j) => j.element_id), ...timers.map((t) => t.element_id), ...subs.map((s) => s.element_id)].map(String))];
    const targetOf = (id: string): string | null => req.mappings[id] ?? (target.model.elements.has(id) ? id : null);
    for (const id of waitingIds) {
      const to = targetOf(id);
      result.waiting.push({ sourceElementId: id, targetElementId: to });
      const from = source.model.elements.get(id);
      const into = to ? target.model.elements.get(to) : undefined;
      if (!to) result.problems.push(`等待环节「${from?.name ?? id}」(${id})没有映射到新版本的环节`);
      else if (!into) result.problems.push(`映射的目标环节 ${to} 在新版本中不存在`);
      else if (from && into.type !== from.type) result.problems.push(`环节 ${id}(${from.type})不能映射到类型不同的 ${to}(${into.type})`);
      else if (from && (from.jobType ?? '') !== (into.jobType ?? '') && from.type !== 'bpmn:UserTask') result.problems.push(`环节 ${id} 的任务类型(${from.jobType})与目标 ${to} 的(${into.jobType})不同`);
    }
    const targets = result.waiting.map((w) => w.targetElementId);
    if (new Set(targets).size !== targets.length) result.problems.push('两个等待环节映射到了新版本的同一环节');
    if (result.problems.length) return result;

    // A waiting user task takes the target element's headers: its candidate groups, due date and form key, evaluated
    // against the instance's variables now (a new version's assignment that cannot be evaluated blocks the move).
    const instanceVars = ctx.personal.fromJson<Variables>(row.variables);
    const userTasks: NonNullable<InstanceMigrationResult['userTasks']> = [];
    for (const j of jobs.filter((x) => x.type === USER_TASK_JOB_TYPE)) {
      const to = targetOf(String(j.element_id))!;
      const info = target.model.elements.get(to)!;
      const own = fromJson<Record<string, string>>(j.custom_headers);
      const evaluated = ctx.userTaskHeaders(info, { ...instanceVars, ...ctx.personal.fromJson<Variables>(j.variables) });
      if (evaluated.problem) result.problems.push(`新版本的环节「${info.name ?? to}」的办理设置无法求值:${evaluated.problem}`);
      // Headers the platform put on the job (not the element's) stay.
      const kept = Object.fromEntries(Object.entries(own).filter(([k]) => !k.startsWith('io.camunda.zeebe:') && !(k in (source.model.elements.get(String(j.element_id))?.headers ?? {}))));
      userTasks.push({ jobKey: String(j.key), elementId: to, customHeaders: { ...kept, ...evaluated.headers } });
    }
    if (result.problems.length) return result;

    // Rename the mapped ids in the state and let the target definition recover it.
    const renames = new Map(waitingIds.map((id) => [id, targetOf(id)!] as const).filter(([a, b]) => a !== b));
    const state = renameIds(ctx.personal.fromJson<Record<string, any>>(row.state), renames);
    const definitionsId = await definitionsIdOf(target.sourceContext);
    for (const d of state.definitions ?? []) if (definitionsId) d.id = definitionsId;
    const vars = ctx.personal.fromJson<Variables>(row.variables);
    const session = new InstanceSession(row.key, target.sourceContext, target.model, vars, ctx.now);
    let recovered;
    try {
      await session.resume(state);
      recovered = await session.finish();
    } catch (err) {
      return { ...result, problems: [`新版本无法接续实例的状态:${(err as Error).message}`] };
    }
    if (recovered.error || recovered.status !== 'ACTIVE') return { ...result, problems: [`新版本无法接续实例的状态:${recovered.error?.message ?? '实例在新版本中结束'}`] };
    const expected = new Set(jobs.concat(subs).map((w) => renamedExecution(String(w.execution_id), String(w.element_id), renames)));
    const got = new Set([...recovered.waits.keys()]);
    const missing = [...expected].filter((x) => !got.has(x));
    if (missing.length || got.size !== expected.size) {
      return { ...result, problems: [`实例在新版本中的等待位置与映射不一致(应为 ${[...expected].join('、') || '无'},实为 ${[...got].join('、') || '无'})`] };
    }
    if (req.dryRun) return result;

    await ctx.knex.transaction(async (trx) => {
      const n = await trx('engine_instances')
        .where({ key: row.key, version: row.version, definition_key: row.definition_key })
        .update({ definition_key: target.key, bpmn_process_id: target.bpmnProcessId, state: ctx.personal.toJson(recovered.state), version: row.version + 1, updated_at: new Date(ctx.now()).toISOString() });
      if (n !== 1) throw new Error('流程实例在迁移期间发生了变化,请重新检查后再迁移');
      crashPoint('migration.instance-updated');
      const headersOf = new Map(userTasks.map((u) => [u.jobKey, u.customHeaders]));
      for (const j of jobs) {
        const to = renames.get(j.element_id);
        const headers = headersOf.get(String(j.key));
        if (to || headers) {
          await trx('engine_jobs').where({ key: j.key }).update({
            ...(to ? { element_id: to, execution_id: renamedExecution(j.execution_id, j.element_id, renames) } : {}),
            ...(headers ? { custom_headers: toJson(headers) } : {}),
          });
        }
      }
      for (const t of timers) {
        const to = renames.get(t.element_id);
        if (to) await trx('engine_timers').where({ id: t.id }).update({ element_id: to, execution_id: renamedExecution(t.execution_id, t.element_id, renames) });
      }
      for (const s of subs) {
        const to = renames.get(s.element_id);
        const msg = target.model.elements.get(to ?? s.element_id)?.message;
        await trx('engine_message_subscriptions').where({ id: s.id }).update({
          element_id: to ?? s.element_id,
          execution_id: to ? renamedExecution(s.execution_id, s.element_id, renames) : s.execution_id,
          ...(msg ? { message_ref: msg.refId, message_name: msg.name } : {}),
        });
      }
      for (const [from, to] of renames) await trx('engine_incidents').where({ instance_key: row.key, element_id: from, state: 'OPEN' }).update({ element_id: to });
    });
    return { ...result, migrated: true, userTasks };
  });
}

/** `<id>_<suffix>` becomes `<new id>_<suffix>`; other execution ids stay. */
function renamedExecution(executionId: string, elementId: string, renames: Map<string, string>): string {
  const to = renames.get(elementId);
  return to && executionId.startsWith(`${elementId}_`) ? `${to}${executionId.slice(elementId.length)}` : executionId;
}

/** A deep copy of the state with every id in `renames` (and every execution id derived from one) replaced. */
function renameIds(value: any, renames: Map<string, string>): any {
  if (!renames.size) return structuredClone(value);
  const walk = (v: any): any => {
    if (typeof v === 'string') {
      const exact = renames.get(v);
      if (exact) return exact;
      for (const [from, to] of renames) if (v.startsWith(`${from}_`)) return `${to}${v.slice(from.length)}`;
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

/** The id of the target's <definitions>: a recovered state is matched to its source by it. */
async function definitionsIdOf(sourceContext: any): Promise<string | undefined> {
  return sourceContext?.definitions?.id ?? sourceContext?.id ?? undefined;
}
