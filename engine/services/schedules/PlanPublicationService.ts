import type { Knex } from 'knex';
import { isCivilDate } from '../../../rules/calendar/civilDate.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Db } from '../../store/createDb.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { shanghaiDate } from '../time/clock.ts';
import type { ScheduleService } from './ScheduleService.ts';

export type PlanState = 'PUBLISHED' | 'PUBLISHED_LATE' | 'NOT_PUBLISHED' | 'OVERDUE';

export interface PlanView {
  windowId: string;
  title: string;
  /** The last day the notice gives for publishing it. */
  deadline: string | null;
  clause: string | null;
  state: PlanState;
  publication: { publishedOn: string; reference: string; recordedAt: string } | null;
}

type Row = { package_id: string; window_id: string; region_code: string; published_on: string; reference: string; recorded_by: string | null; recorded_at: string };

/**
 * The plans a notice says must be published by a date (schedule windows of kind plan, SC24-07): the
 * administrators of the package's region record when and where each was published; a scheduled job
 * warns when a deadline passes without it (plans.checkPublished).
 */
export class PlanPublicationService {
  private readonly knex: Knex;

  constructor(
    db: Db,
    private readonly d: { packages: Pick<PackageService, 'get' | 'version'>; schedules: Pick<ScheduleService, 'windows'>; audit: Pick<AuditLog, 'append'>; now: () => number },
  ) {
    this.knex = db.knex;
  }

  async list(actor: Actor, packageHash: string): Promise<PlanView[]> {
    assertRole(actor, 'admin', 'policy_editor');
    const { packageId } = await this.scoped(actor, packageHash);
    const plans = await this.plans(packageHash);
    const rows = new Map(((await this.knex('plan_publications').where({ package_id: packageId })) as Row[]).map((r) => [r.window_id, r]));
    const today = shanghaiDate(this.d.now());
    return plans.map((w) => toView(w, rows.get(w.id), today));
  }

  async record(actor: Actor, packageHash: string, windowId: string, input: { publishedOn: string; reference: string }): Promise<PlanView> {
    assertRole(actor, 'admin');
    const { packageId, regionCode } = await this.scoped(actor, packageHash);
    const plan = (await this.plans(packageHash)).find((w) => w.id === windowId);
    if (!plan) throw new NotFoundError('计划', windowId);
    const problems = [
      ...(!isCivilDate(input.publishedOn) ? [{ pointer: '/publishedOn', field: '发布日期', message: '发布日期应为 YYYY-MM-DD 格式的有效日期' }] : []),
      ...(input.publishedOn > shanghaiDate(this.d.now()) ? [{ pointer: '/publishedOn', field: '发布日期', message: '发布日期不能晚于今天' }] : []),
      ...(!input.reference.trim() ? [{ pointer: '/reference', field: '文号或发布渠道', message: '请填写计划的文号或发布渠道' }] : []),
    ];
    if (problems.length) throw new ValidationError('计划发布信息有误', `共 ${problems.length} 处问题`, problems);
    const recordedAt = new Date(this.d.now()).toISOString();
    await this.knex.transaction(async (trx) => {
      const before = (await trx('plan_publications').where({ package_id: packageId, window_id: windowId }).first()) as Row | undefined;
      const row = { region_code: regionCode, published_on: input.publishedOn, reference: input.reference.trim(), recorded_by: actor.id, recorded_at: recordedAt };
      if (before) await trx('plan_publications').where({ package_id: packageId, window_id: windowId }).update(row);
      else await trx('plan_publications').insert({ package_id: packageId, window_id: windowId, ...row });
      await this.d.audit.append(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'plan.published',
          entityType: 'plan',
          entityId: `${packageId}:${windowId}`,
          regionCode,
          detail: { before: before ? { publishedOn: before.published_on, reference: before.reference } : null, after: { publishedOn: row.published_on, reference: row.reference } },
        },
        trx,
      );
    });
    return (await this.list(actor, packageHash)).find((p) => p.windowId === windowId)!;
  }

  /** The version as the caller may see it (404 outside the region). */
  private async scoped(actor: Actor, packageHash: string): Promise<{ packageId: string; regionCode: string }> {
    const v = await this.d.packages.get(actor, packageHash);
    return { packageId: v.packageId, regionCode: v.regionCode };
  }

  private async plans(packageHash: string) {
    return (await this.d.schedules.windows(packageHash)).windows.filter((w) => w.kind === 'plan');
  }
}

function toView(w: { id: string; title: string; closes: string | null; clause?: string }, row: Row | undefined, today: string): PlanView {
  const deadline = w.closes ?? null;
  const state: PlanState = row ? (deadline && row.published_on > deadline ? 'PUBLISHED_LATE' : 'PUBLISHED') : deadline && today > deadline ? 'OVERDUE' : 'NOT_PUBLISHED';
  return { windowId: w.id, title: w.title, deadline, clause: w.clause ?? null, state, publication: row ? { publishedOn: row.published_on, reference: row.reference, recordedAt: row.recorded_at } : null };
}
