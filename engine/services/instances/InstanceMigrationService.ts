import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { UnprocessableError, ValidationError } from '../../errors.ts';
import { MigrationNotSupportedError, type InstanceMigrationResult, type ProcessEngine } from '../../port/ProcessEngine.ts';
import type { Actor } from '../actor.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import type { PackageService } from '../packages/PackageService.ts';
import type { InstanceQueries } from './InstanceQueries.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import { NO_DUE } from '../../store/migrations/010_task_list.ts';
import { bpmnElements, newlyReadVariables, type BpmnElementSummary } from './migrationVariables.ts';

export interface MigrationRequest {
  fromHash: string;
  toHash: string;
  /** Source element id → target element id (an element the target also has may be left out). */
  mappings: Record<string, string>;
  /** Which waiting instances (application ids); all waiting instances of the version when absent (at most 200). */
  applicationIds?: string[];
}

export interface MigrationItem {
  applicationId: string;
  processInstanceKey: string;
  applicantName: string | null;
  waiting: Array<{ sourceElementId: string; sourceName: string; targetElementId: string | null; targetName: string | null }>;
  /** Variables the new version reads that the source did not, and this instance lacks. */
  missingVariables: string[];
  problems: string[];
  ok: boolean;
  /** Execution only: 已迁移 / 未迁移. */
  result?: '已迁移' | '未迁移';
}

export interface MigrationReport {
  fromHash: string;
  toHash: string;
  sourceElements: BpmnElementSummary[];
  targetElements: BpmnElementSummary[];
  items: MigrationItem[];
  ready: number;
  blocked: number;
  migrated?: number;
  failed?: number;
}

const MAX_INSTANCES = 200;

/**
 * Instance migration (a notice amended mid-year): waiting instances of one version moved to another
 * version of the same procedure with a mapping of element ids. Checked first, per instance (every
 * waiting element mapped to an element of the same kind, the variables the new version reads
 * present), then executed. Crash safety: a PENDING row is written before the engine is asked; the
 * engine's move is all or nothing; the platform's rows (application version, inbox tasks) change with
 * the row marked DONE and the audit entry in one transaction; start-up finishes PENDING rows (the
 * engine answers `alreadyOnTarget` for a move it made before the crash).
 */
export class InstanceMigrationService {
  private readonly knex: Knex;

  constructor(
    db: Db,
    private readonly d: { engine: ProcessEngine; packages: PackageService; queries: InstanceQueries; audit: AuditSink; now: () => number },
  ) {
    this.knex = db.knex;
  }

  async check(actor: Actor, req: MigrationRequest): Promise<MigrationReport> {
    return this.run(actor, req, true);
  }

  async execute(actor: Actor, req: MigrationRequest): Promise<MigrationReport> {
    return this.run(actor, req, false);
  }

  private async run(actor: Actor, req: MigrationRequest, dryRun: boolean): Promise<MigrationReport> {
    const from = await this.d.queries.scopedVersion(actor, req.fromHash);
    const to = await this.d.queries.scopedVersion(actor, req.toHash);
    if (from.hash === to.hash) throw new ValidationError('源版本与目标版本相同', undefined, [{ pointer: '/toHash', message: '请选择另一个版本作为目标版本' }]);
    if (from.procedure !== to.procedure || from.regionCode !== to.regionCode) {
      throw new UnprocessableError('只能在同一事项的版本之间迁移', `源版本为 ${from.regionCode} ${from.procedure},目标版本为 ${to.regionCode} ${to.procedure}`);
    }
    const engine = this.d.engine;
    if (!engine.migrateInstance) throw new UnprocessableError('当前流程引擎不支持流程实例迁移', `引擎 ${engine.kind} 没有迁移接口`);
    const [source, target] = await Promise.all([this.d.packages.version(from.hash), this.d.packages.version(to.hash)]);
    const sourceElements = bpmnElements(source.bpmn);
    const targetElements = bpmnElements(target.bpmn);
    const nameIn = (list: BpmnElementSummary[], id: string | null) => (id ? (list.find((e) => e.id === id)?.name ?? id) : null);
    const newlyRead = newlyReadVariables(source.bpmn, target.bpmn);

    const apps = (await this.knex('applications')
      .where({ package_hash: from.hash })
      .whereNotNull('process_instance_key')
      .modify((q) => (req.applicationIds?.length ? q.whereIn('id', req.applicationIds) : q.whereExists(this.knex('tasks as t').whereRaw('t.application_id = applications.id').whereIn('t.state', ['OPEN', 'CLAIMED']))))
      .orderBy('submitted_at')
      .limit(MAX_INSTANCES)
      .select('id', 'process_instance_key', 'applicant_name')) as Array<{ id: string; process_instance_key: string; applicant_name: string | null }>;
    const unknown = (req.applicationIds ?? []).filter((id) => !apps.some((a) => a.id === id));

    const items: MigrationItem[] = unknown.map((id) => ({ applicationId: id, processInstanceKey: '', applicantName: null, waiting: [], missingVariables: [], problems: ['该申报不在源版本的流程实例中'], ok: false, ...(dryRun ? {} : { result: '未迁移' as const }) }));
    const batchId = randomUUID();
    for (const app of apps) {
      const instance = await engine.getInstance(app.process_instance_key);
      const item: MigrationItem = { applicationId: app.id, processInstanceKey: app.process_instance_key, applicantName: app.applicant_name, waiting: [], missingVariables: [], problems: [], ok: false };
      const definitionKey = instance ? target.processKeys[instance.bpmnProcessId] : undefined;
      if (!instance) item.problems.push('引擎中没有该流程实例');
      else if (!definitionKey) item.problems.push(`目标版本中没有流程 ${instance.bpmnProcessId}`);
      else {
        item.missingVariables = newlyRead.filter((n) => instance.variables[n] === undefined);
        for (const n of item.missingVariables) item.problems.push(`新版本需要的变量「${n}」在实例中不存在`);
        let checked: InstanceMigrationResult;
        try {
          checked = await engine.migrateInstance({ processInstanceKey: app.process_instance_key, targetDefinitionKey: definitionKey, mappings: req.mappings, dryRun: true });
        } catch (err) {
          if (err instanceof MigrationNotSupportedError) throw new UnprocessableError('当前流程引擎不支持流程实例迁移', err.message);
          throw err;
        }
        item.waiting = checked.waiting.map((w) => ({ sourceElementId: w.sourceElementId, sourceName: nameIn(sourceElements, w.sourceElementId)!, targetElementId: w.targetElementId, targetName: nameIn(targetElements, w.targetElementId) }));
        item.problems.push(...checked.problems);
        if (checked.alreadyOnTarget) item.problems.push('实例已在目标版本上');
        if (!item.waiting.length && !item.problems.length) item.problems.push('实例当前没有等待的环节');
      }
      item.ok = !item.problems.length;
      if (!dryRun) {
        if (item.ok) {
          const error = await this.migrateOne(actor, batchId, { applicationId: app.id, processInstanceKey: app.process_instance_key, fromHash: from.hash, toHash: to.hash, targetDefinitionKey: definitionKey!, mappings: req.mappings });
          if (error) {
            item.ok = false;
            item.problems.push(error);
          }
        }
        item.result = item.ok ? '已迁移' : '未迁移';
      }
      items.push(item);
    }
    const ready = items.filter((i) => i.ok).length;
    return {
      fromHash: from.hash,
      toHash: to.hash,
      sourceElements,
      targetElements,
      items,
      ready,
      blocked: items.length - ready,
      ...(dryRun ? {} : { migrated: ready, failed: items.length - ready }),
    };
  }

  /** One instance: the PENDING row, the engine's move, then the platform's rows; the error in Chinese, or null. */
  private async migrateOne(actor: Actor | null, batchId: string, m: { applicationId: string; processInstanceKey: string; fromHash: string; toHash: string; targetDefinitionKey: string; mappings: Record<string, string> }): Promise<string | null> {
    const id = randomUUID();
    await this.knex('instance_migrations').insert({
      id,
      batch_id: batchId,
      application_id: m.applicationId,
      process_instance_key: m.processInstanceKey,
      from_hash: m.fromHash,
      to_hash: m.toHash,
      target_definition_key: m.targetDefinitionKey,
      mappings: toJson(m.mappings),
      state: 'PENDING',
      actor_id: actor?.id ?? null,
      actor_role: actor?.role ?? null,
      created_at: new Date(this.d.now()).toISOString(),
    });
    return this.finish(id);
  }

  /** Drives a PENDING row to DONE (or FAILED with the reason); safe to repeat. */
  private async finish(id: string): Promise<string | null> {
    const row = (await this.knex('instance_migrations').where({ id }).first()) as Record<string, any>;
    const mappings = fromJson<Record<string, string>>(row.mappings);
    let result: InstanceMigrationResult;
    try {
      result = await this.d.engine.migrateInstance!({ processInstanceKey: row.process_instance_key, targetDefinitionKey: row.target_definition_key, mappings });
    } catch (err) {
      result = { processInstanceKey: row.process_instance_key, waiting: [], problems: [(err as Error).message], migrated: false, alreadyOnTarget: false };
    }
    const now = new Date(this.d.now()).toISOString();
    if (!result.migrated && !result.alreadyOnTarget) {
      const error = result.problems.join(';') || '迁移未完成';
      await this.knex('instance_migrations').where({ id, state: 'PENDING' }).update({ state: 'FAILED', error, finished_at: now });
      return error;
    }
    // The crash test's point: the engine has moved the instance, the platform's rows and audit entry are not written yet.
    crashPoint('migration.engineMigrated');
    const target = await this.d.packages.version(row.to_hash);
    const names = new Map(bpmnElements(target.bpmn).map((e) => [e.id, e.name]));
    await this.knex.transaction(async (trx) => {
      const n = await trx('instance_migrations').where({ id, state: 'PENDING' }).update({ state: 'DONE', finished_at: now });
      if (n !== 1) return; // finished meanwhile (start-up and a request at once)
      await trx('applications').where({ id: row.application_id }).update({ package_hash: row.to_hash, package_id: target.manifest.id, updated_at: now });
      const tasks = (await trx('tasks').where({ process_instance_key: row.process_instance_key }).whereIn('state', ['OPEN', 'CLAIMED']).select('id', 'element_id', 'candidate_groups')) as Array<{ id: string; element_id: string; candidate_groups: string }>;
      const jobs = new Map((result.userTasks ?? []).map((u) => [u.jobKey, u]));
      let stage: string | null = null;
      for (const t of tasks) {
        const job = jobs.get(t.id);
        const elementId = job?.elementId ?? mappings[t.element_id] ?? t.element_id;
        const name = job?.customHeaders['io.camunda.zeebe:name'] ?? names.get(elementId) ?? elementId;
        stage ??= name;
        if (!job) {
          await trx('tasks').where({ id: t.id }).update({ element_id: elementId, name, package_hash: row.to_hash });
          await trx('task_candidates').where({ task_id: t.id }).update({ element_id: elementId, package_hash: row.to_hash });
          continue;
        }
        // The new version's headers: who sees the task, its form and its deadline (as the inbox reads a new job's).
        const h = job.customHeaders;
        const assigned = !!h['io.camunda.zeebe:assignee'] || fromJson<string[]>(h['io.camunda.zeebe:candidateUsers'] ?? '[]').length > 0;
        let groups = fromJson<string[]>(h['io.camunda.zeebe:candidateGroups'] ?? '[]');
        if (!groups.length && !assigned) groups = target.manifest.defaultCandidateGroups?.length ? target.manifest.defaultCandidateGroups : fromJson<string[]>(t.candidate_groups);
        const dueRaw = h['io.camunda.zeebe:dueDate'];
        const dueAt = dueRaw && !Number.isNaN(Date.parse(dueRaw)) ? new Date(dueRaw).toISOString() : null;
        await trx('tasks').where({ id: t.id }).update({ element_id: elementId, name, package_hash: row.to_hash, form_key: h['io.camunda.zeebe:formKey'] ?? null, candidate_groups: toJson(groups), due_at: dueAt });
        // One candidate row per group, with the list columns the task had.
        const template = (await trx('task_candidates').where({ task_id: t.id }).first()) as Record<string, unknown> | undefined;
        await trx('task_candidates').where({ task_id: t.id }).delete();
        if (template) {
          for (const g of new Set(groups)) await trx('task_candidates').insert({ ...template, candidate_group: g, element_id: elementId, package_hash: row.to_hash, due_sort: dueAt ?? NO_DUE });
        }
      }
      if (stage) await trx('applications').where({ id: row.application_id }).update({ stage });
      await this.d.audit.append(
        {
          actorId: row.actor_id,
          actorRole: row.actor_role ?? 'system',
          action: 'instance.migrated',
          entityType: 'application',
          entityId: row.application_id,
          applicationId: row.application_id,
          detail: { processInstanceKey: row.process_instance_key, fromHash: row.from_hash, toHash: row.to_hash, mappings, waiting: result.waiting, batchId: row.batch_id },
          idempotencyKey: `instance-migration:${id}`,
        },
        trx,
      );
    });
    return null;
  }

  /** Start-up: finishes the migrations a crash interrupted (before the engine moved, or after). */
  async recover(): Promise<number> {
    const pending = (await this.knex('instance_migrations').where({ state: 'PENDING' }).orderBy('created_at').select('id')) as Array<{ id: string }>;
    for (const p of pending) await this.finish(p.id);
    return pending.length;
  }
}
