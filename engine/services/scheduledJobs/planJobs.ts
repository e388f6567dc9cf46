import type { Knex } from 'knex';
import type { AuditLog } from '../audit/AuditLog.ts';

export interface PlanJobContext {
  knex: Knex;
  audit: Pick<AuditLog, 'append'>;
  job: { key: string; packageId: string; regionCode: string; clause: string; title: string };
  /** The plan window: the plan is due by its last day. */
  plan: { id: string; title: string; closes: string };
  today: string;
}

/**
 * SC24-07 「每月10日前…发布换证计划」: once the plan's deadline has passed, a plan the admins have not
 * recorded as published (or recorded as published late) is a warning for the region's admins, on the
 * job's result and on the audit trail, once.
 */
export async function checkPlanPublished(ctx: PlanJobContext): Promise<Record<string, unknown>> {
  const row = (await ctx.knex('plan_publications').where({ package_id: ctx.job.packageId, window_id: ctx.plan.id }).first()) as { published_on: string; reference: string } | undefined;
  const onTime = !!row && row.published_on <= ctx.plan.closes;
  const warning = !row
    ? `「${ctx.plan.title}」截至 ${ctx.plan.closes} 未登记发布(${ctx.job.clause}):请发布计划并在平台登记,或核实是否已在其他渠道发布`
    : !onTime
      ? `「${ctx.plan.title}」于 ${row.published_on} 发布,晚于 ${ctx.plan.closes}(${ctx.job.clause})`
      : null;
  if (warning) {
    await ctx.audit.append({
      actorRole: 'system',
      action: 'plan.publication-warning',
      entityType: 'plan',
      entityId: `${ctx.job.packageId}:${ctx.plan.id}`,
      regionCode: ctx.job.regionCode,
      detail: { warning, clause: ctx.job.clause, deadline: ctx.plan.closes, publishedOn: row?.published_on ?? null },
      idempotencyKey: `plan-warning:${ctx.job.key}`,
    });
  }
  return { planWindow: ctx.plan.id, deadline: ctx.plan.closes, published: !!row, publishedOn: row?.published_on ?? null, reference: row?.reference ?? null, onTime, warning };
}
