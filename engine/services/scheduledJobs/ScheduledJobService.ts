import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { addCalendarMonths, addDays } from '../../../rules/calendar/civilDate.ts';
import type { CardJobSpec, ScheduledJobSpec } from '../../packages/packageTypes.ts';
import type { Db } from '../../store/createDb.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { PackageService } from '../packages/PackageService.ts';
import type { RegistryService } from '../registry/RegistryService.ts';
import type { ScheduleService } from '../schedules/ScheduleService.ts';
import { shanghaiDate } from '../time/clock.ts';
import { remindRenewal, voidUnrenewedCards, type CardJobContext } from './cardJobs.ts';
import { checkPlanPublished } from './planJobs.ts';

export type ScheduledJobState = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ScheduledJobView {
  key: string;
  packageId: string;
  packageHash: string;
  jobId: string;
  kind: string;
  title: string;
  clause: string;
  regionCode: string;
  dueOn: string;
  state: ScheduledJobState;
  attempts: number;
  lastError: string | null;
  result: Record<string, unknown> | null;
  startedAt: string | null;
  finishedAt: string | null;
}

const CARD_HANDLERS: Record<CardJobSpec['kind'], (ctx: CardJobContext) => Promise<Record<string, unknown>>> = {
  'cards.voidUnrenewed': voidUnrenewedCards,
  'cards.remindRenewal': remindRenewal,
};

const MAX_ATTEMPTS = 3;
type Row = Record<string, any>;

/**
 * Registry-level scheduled jobs (issue 10): what the notices make due on a date of the schedule when no
 * application process is running. Durable (a row per package and job, dated from the active version's
 * schedule), on the platform's clock, idempotent (a job runs once; its effects are keyed per card, so a
 * crash mid-run is finished by running it again at start-up), and listed for the admins of the region.
 */
export class ScheduledJobService {
  private readonly knex: Knex;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    db: Db,
    private readonly d: {
      packages: Pick<PackageService, 'loadedVersions' | 'version'>;
      schedules: Pick<ScheduleService, 'windows'>;
      registry: Pick<RegistryService, 'cancelCard'>;
      audit: Pick<AuditLog, 'append'>;
      now: () => number;
      log: (msg: string, err?: unknown) => void;
    },
  ) {
    this.knex = db.knex;
  }

  /** A run a crash interrupted is run again (its effects are idempotent). */
  async recover(): Promise<void> {
    await this.knex('scheduled_jobs').where({ state: 'RUNNING' }).update({ state: 'PENDING' });
  }

  /** Dates the jobs of every active version; a job not yet run follows the version now active. */
  async materialize(): Promise<void> {
    for (const v of await this.d.packages.loadedVersions()) {
      if (!v.active) continue;
      const pkg = await this.d.packages.version(v.hash);
      const specs = (pkg.manifest.scheduledJobs ?? []) as ScheduledJobSpec[];
      if (!specs.length) continue;
      const windows = new Map((await this.d.schedules.windows(v.hash)).windows.map((w) => [w.id, w]));
      for (const spec of specs) {
        const w = windows.get(spec.at.window);
        const edge = w?.[spec.at.edge];
        if (!edge) continue;
        const dueOn = addDays(addCalendarMonths(edge, spec.at.offsetMonths ?? 0), spec.at.offsetDays ?? 0);
        const key = `${pkg.manifest.id}:${spec.id}`;
        const row = { package_hash: v.hash, kind: spec.kind, title: spec.title, clause: spec.clause, region_code: pkg.manifest.region.code, due_on: dueOn };
        const existing = (await this.knex('scheduled_jobs').where({ key }).first('state', 'package_hash', 'due_on')) as Row | undefined;
        if (!existing) {
          await this.knex('scheduled_jobs')
            .insert({ key, package_id: pkg.manifest.id, job_id: spec.id, ...row, state: 'PENDING', attempts: 0, created_at: this.nowIso() })
            .onConflict('key')
            .ignore();
        } else if (existing.state === 'PENDING' && (existing.package_hash !== v.hash || existing.due_on !== dueOn)) {
          await this.knex('scheduled_jobs').where({ key, state: 'PENDING' }).update(row);
        }
      }
    }
  }

  /** Runs every job due by today (Asia/Shanghai, on the platform clock), each once. */
  async runDue(): Promise<void> {
    const today = shanghaiDate(this.d.now());
    const due = (await this.knex('scheduled_jobs').where({ state: 'PENDING' }).andWhere('due_on', '<=', today).orderBy('due_on').orderBy('key')) as Row[];
    for (const job of due) {
      // Claim it: of two runners (or a tick racing a restart), one runs the job.
      const claimed = await this.knex('scheduled_jobs').where({ key: job.key, state: 'PENDING' }).update({ state: 'RUNNING', attempts: job.attempts + 1, started_at: this.nowIso() });
      if (!claimed) continue;
      try {
        const result = await this.execute(job, today);
        // The DONE mark and its audit entry commit together: a crash between them would leave a job
        // done without its entry (or, the other way round, an entry for a job run again).
        await this.knex.transaction(async (trx) => {
          await trx('scheduled_jobs').where({ key: job.key }).update({ state: 'DONE', result: JSON.stringify(result), last_error: null, finished_at: this.nowIso() });
          await this.d.audit.append({ actorRole: 'system', action: 'scheduled-job.done', entityType: 'scheduled-job', entityId: auditRef(job.key), regionCode: job.region_code, detail: { key: job.key, title: job.title, clause: job.clause, result }, idempotencyKey: `scheduled-job:${auditRef(job.key)}` }, trx);
        });
      } catch (err) {
        const failed = job.attempts + 1 >= MAX_ATTEMPTS;
        await this.knex('scheduled_jobs').where({ key: job.key }).update({ state: failed ? 'FAILED' : 'PENDING', last_error: (err as Error).message, finished_at: failed ? this.nowIso() : null });
        this.d.log(`定时任务 ${job.key} 执行失败(第 ${job.attempts + 1} 次)`, err);
      }
    }
  }

  async tick(): Promise<void> {
    // One tick at a time: a slow run is not overtaken by the next poll.
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        await this.materialize();
        await this.runDue();
      } catch (err) {
        this.d.log('定时任务轮询失败', err);
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  start(pollMs: number): void {
    this.timer = setInterval(() => void this.tick(), pollMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** The jobs of the admin's region, soonest first. */
  async list(actor: Actor): Promise<ScheduledJobView[]> {
    assertRole(actor, 'admin');
    const rows = (await this.knex('scheduled_jobs').orderBy('due_on').orderBy('key')) as Row[];
    return rows.filter((r) => regionCovers(actor.regionCode, r.region_code)).map(toView);
  }

  private async execute(job: Row, today: string): Promise<Record<string, unknown>> {
    const pkg = await this.d.packages.version(job.package_hash);
    const spec = ((pkg.manifest.scheduledJobs ?? []) as ScheduledJobSpec[]).find((s) => s.id === job.job_id);
    if (!spec) throw new Error(`政策包版本中没有定时任务 ${job.job_id}`);
    const windows = new Map((await this.d.schedules.windows(job.package_hash)).windows.map((w) => [w.id, w]));
    const window = windows.get(spec.at.window);
    const jobInfo = { key: job.key, packageId: job.package_id, regionCode: job.region_code, clause: job.clause, title: job.title };
    if (spec.kind === 'plans.checkPublished') {
      const plan = windows.get(spec.params.planWindow ?? spec.at.window);
      if (!plan?.closes) throw new Error(`定时任务 ${job.job_id} 的计划窗口无法确定截止日期`);
      return checkPlanPublished({ knex: this.knex, audit: this.d.audit, job: jobInfo, plan: { id: plan.id, title: plan.title, closes: plan.closes }, today });
    }
    const expiry = windows.get(spec.params.expiryWindow);
    if (!expiry?.opens || !expiry.closes || !window) throw new Error(`定时任务 ${job.job_id} 的时间窗口无法确定日期`);
    return CARD_HANDLERS[spec.kind]({
      knex: this.knex,
      registry: this.d.registry,
      audit: this.d.audit,
      nowIso: () => this.nowIso(),
      job: jobInfo,
      cardKinds: spec.params.cardKinds,
      expiry: { opens: expiry.opens, closes: expiry.closes, title: expiry.title },
      window: { opens: window.opens, closes: window.closes, title: window.title },
      today,
    });
  }

  private nowIso(): string {
    return new Date(this.d.now()).toISOString();
  }
}

function toView(r: Row): ScheduledJobView {
  return {
    key: r.key,
    packageId: r.package_id,
    packageHash: r.package_hash,
    jobId: r.job_id,
    kind: r.kind,
    title: r.title,
    clause: r.clause,
    regionCode: r.region_code,
    dueOn: r.due_on,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error ?? null,
    result: r.result ? JSON.parse(r.result) : null,
    startedAt: r.started_at ?? null,
    finishedAt: r.finished_at ?? null,
  };
}

/**
 * A job's key as the audit log's entity id (at most 64 characters): a package id and window id can make
 * the key longer, so a long one keeps its start and a hash of the whole (the full key is in the detail).
 */
export function auditRef(key: string): string {
  return key.length <= 64 ? key : `${key.slice(0, 40)}#${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
