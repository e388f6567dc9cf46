import type { Problem } from './packageTypes.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A scheduled job is dated by a schedule window and reads another (the cards' expiry range): both must exist. */
export function checkScheduledJobs(manifest: Json, scheduleFile: string | undefined, windows: unknown[]): Problem[] {
  const jobs = Array.isArray(manifest.scheduledJobs) ? manifest.scheduledJobs : [];
  const ids = new Set(windows.filter(isObject).map((w) => w.id));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [i, job] of jobs.entries()) {
    if (!isObject(job)) continue;
    if (typeof job.id === 'string') {
      if (seen.has(job.id)) problems.push({ file: 'manifest.json', pointer: `/scheduledJobs/${i}/id`, message: `定时任务 ID 重复:${job.id}`, severity: 'error', code: 'DUPLICATE_ID' });
      seen.add(job.id);
    }
    const at = isObject(job.at) ? job.at : {};
    const params = isObject(job.params) ? job.params : {};
    for (const [pointer, id] of [[`/scheduledJobs/${i}/at/window`, at.window], [`/scheduledJobs/${i}/params/expiryWindow`, params.expiryWindow], [`/scheduledJobs/${i}/params/planWindow`, params.planWindow]] as const) {
      if (typeof id === 'string' && !ids.has(id)) {
        problems.push({ file: 'manifest.json', pointer, message: `定时任务 ${String(job.id)} 引用的时间窗口「${id}」${scheduleFile ? `在 ${scheduleFile} 中不存在` : '不存在:政策包没有日程'}`, severity: 'error', code: 'SCHEDULED_JOB_WINDOW' });
      }
    }
    // A plan check reads a plan: a window of kind plan, with a last day.
    if (job.kind === 'plans.checkPublished') {
      const planId = typeof params.planWindow === 'string' ? params.planWindow : at.window;
      const plan = windows.filter(isObject).find((w) => w.id === planId);
      if (plan && plan.kind !== 'plan') {
        problems.push({ file: 'manifest.json', pointer: `/scheduledJobs/${i}/${typeof params.planWindow === 'string' ? 'params/planWindow' : 'at/window'}`, message: `定时任务 ${String(job.id)} 检查的时间窗口「${String(planId)}」不是计划(kind 应为 plan,实为 ${String(plan.kind)})`, severity: 'error', code: 'SCHEDULED_JOB_PLAN' });
      }
    }
  }
  return problems;
}
