import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { NotFoundError, UnprocessableError, ValidationError } from '../../errors.ts';
import type { ExportSpec } from '../../packages/packageTypes.ts';
import { APPLICATION_STATUS_LABELS } from '../../packages/platformLabels.ts';
import { assertRole, type Actor } from '../actor.ts';
import { seesRegion } from '../actorScope.ts';
import type { PersonalDataRead } from '../audit/AuditLog.ts';
import { matchesRowFilter, summaryRows, type SummaryEntry } from '../exports/summaryRows.ts';
import { writeSummaryXlsx } from '../exports/writeSummaryXlsx.ts';
import { shanghaiDate } from '../time/clock.ts';
import { maskIdNumber } from '../privacy/index.ts';
import { ID_SUFFIX_LENGTH, idSuffixKey } from './applicationSearchColumns.ts';

/** Filters of a reviewer's application list; the export takes the same (without paging). */
export interface ReviewApplicationQuery {
  /** Package version hash. */
  package?: string;
  procedure?: string;
  year?: number;
  /** One status or several, comma-separated (SUBMITTED,IN_REVIEW). */
  status?: string;
  /** 市(州) code of the recommender (within the reviewer's scope). */
  cityCode?: string;
  /** Submission dates (Asia/Shanghai), inclusive, yyyy-mm-dd. */
  submittedFrom?: string;
  submittedTo?: string;
  /** Applicant name (part of it), or the last 4 characters of the ID number. */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ReviewApplicationItem {
  id: string;
  packageHash: string;
  packageId: string;
  packageTitle: string;
  applicantName: string | null;
  idNumberMasked: string | null;
  status: string;
  statusLabel: string;
  stage: string | null;
  recommenderOrgId: string | null;
  recommenderOrgName: string | null;
  cityCode: string | null;
  submittedAt: string | null;
}

export interface ReviewApplicationPage {
  items: ReviewApplicationItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ReviewPackageItem {
  packageHash: string;
  packageId: string;
  title: string;
  procedure: string;
  year: number;
  regionCode: string;
  exports: Array<{ id: string; title: string }>;
}

export interface ReviewPackages {
  version(hash: string): Promise<{ manifest: { exports?: Array<{ id: string; file: string }>; labels?: { statuses?: Record<string, string> } }; files: Record<string, string> }>;
}

export interface ReadAudit {
  recordRead(actor: Actor, read: PersonalDataRead, trx?: Knex.Transaction): Promise<void>;
}

const REVIEWERS = ['unit_reviewer', 'city_reviewer', 'province_reviewer', 'admin'] as const;
/** An export larger than this is refused: the reviewer narrows the filter (a paper table of thousands is not read). */
export const MAX_EXPORT_ROWS = 5000;

interface Row {
  id: string;
  package_hash: string;
  package_id: string;
  package_title: string;
  applicant_name: string | null;
  status: string;
  stage: string | null;
  recommender_org_id: string | null;
  org_name: string | null;
  city_code: string | null;
  submitted_at: string | null;
  data?: string;
}

/**
 * A reviewer's applications: those of their organisation (推荐单位), their city (市(州)中心) or their
 * province (省中心, and admins of the region), never drafts, never anything outside the scope. The
 * same scope and filters feed the summary-table (汇总表) export.
 */
export class ReviewApplicationService {
  private readonly knex: Knex;

  constructor(
    private readonly db: Db,
    private readonly packages: ReviewPackages,
    private readonly audit: ReadAudit,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
  }

  /** The package versions a reviewer may query and export, newest year first, each with its 汇总表 (id and title). */
  async packageList(actor: Actor): Promise<ReviewPackageItem[]> {
    assertRole(actor, ...REVIEWERS);
    const rows = (await this.knex('package_versions').select('hash', 'package_id', 'region_code', 'procedure', 'year', 'title', 'deployed_at').orderBy('year', 'desc').orderBy('deployed_at', 'desc')) as Array<Record<string, any>>;
    const out: ReviewPackageItem[] = [];
    for (const r of rows.filter((x) => seesRegion(actor, x.region_code))) {
      const pkg = await this.packages.version(r.hash);
      const exports = (pkg.manifest.exports ?? []).flatMap((e) => {
        const file = pkg.files[e.file];
        return file === undefined ? [] : [{ id: e.id, title: (JSON.parse(file) as ExportSpec).title }];
      });
      out.push({ packageHash: r.hash, packageId: r.package_id, title: r.title, procedure: r.procedure, year: Number(r.year), regionCode: r.region_code, exports });
    }
    return out;
  }

  async list(actor: Actor, q: ReviewApplicationQuery): Promise<ReviewApplicationPage> {
    assertRole(actor, ...REVIEWERS);
    const page = Math.max(q.page ?? 1, 1);
    const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 100);
    await this.assertPackageVisible(actor, q.package);
    const base = this.filtered(actor, q);
    // The count needs no organisation names: without that join it is an index scan.
    const [{ n }] = (await this.filtered(actor, q, { count: true }).count({ n: '*' })) as Array<{ n: number | string }>;
    const rows = (await base.select('a.data').orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc').offset((page - 1) * pageSize).limit(pageSize)) as Row[];
    const items = await Promise.all(rows.map((r) => this.item(r)));
    return { items, total: Number(n), page, pageSize };
  }

  /** The package's summary table of the applications in scope that match the filters, as .xlsx. */
  async exportSummary(actor: Actor, exportId: string, q: ReviewApplicationQuery & { package: string }): Promise<{ fileName: string; content: Buffer; rows: number }> {
    assertRole(actor, ...REVIEWERS);
    await this.assertPackageVisible(actor, q.package);
    const pkg = await this.packages.version(q.package);
    const ref = (pkg.manifest.exports ?? []).find((e) => e.id === exportId);
    if (!ref || pkg.files[ref.file] === undefined) throw new NotFoundError('汇总表', exportId);
    const spec = JSON.parse(pkg.files[ref.file]) as ExportSpec;

    const rows = (await this.filtered(actor, q).select('a.data').orderBy('a.submitted_at', 'asc').orderBy('a.id', 'asc').limit(MAX_EXPORT_ROWS + 1)) as Row[];
    if (rows.length > MAX_EXPORT_ROWS) throw new UnprocessableError('导出的申报过多', `一次最多导出 ${MAX_EXPORT_ROWS} 条,请缩小筛选范围(如按地区或提交日期)`);
    const entries: SummaryEntry[] = [];
    for (const r of rows) {
      const data = this.db.personal.fromJson<Record<string, unknown>>(r.data!) ?? {};
      if (!matchesRowFilter(spec, data)) continue;
      entries.push({ applicationId: r.id, data, applicantName: r.applicant_name, submittedAt: r.submitted_at, statusLabel: await this.statusLabel(r.package_hash, r.status), stage: r.stage, recommenderOrgName: r.org_name });
    }
    const personal = spec.columns.filter((c) => c.personal).map((c) => c.header.replace(/\s+/g, ''));
    if (personal.length && entries.length) {
      // Full ID numbers leave the platform in this file: the read is on the record before the file is written.
      await this.audit.recordRead(actor, {
        entityType: 'summary-export',
        entityId: `${q.package.slice(0, 12)}:${exportId}`,
        detail: { purpose: 'review.summary.export', exportId, packageHash: q.package, fields: personal, applicationIds: entries.map((e) => e.applicationId), filters: withoutPaging(q) },
      });
    }
    const content = await writeSummaryXlsx(spec, summaryRows(spec, entries));
    return { fileName: `${spec.fileName ?? spec.title}-${shanghaiDate(this.now())}.xlsx`, content, rows: entries.length };
  }

  // ------------------------------------------------------------ scope and filters

  /** A package named in the filter must be one the reviewer's region sees; otherwise it does not exist for them. */
  private async assertPackageVisible(actor: Actor, hash: string | undefined): Promise<void> {
    if (hash === undefined) return;
    const pv = await this.knex('package_versions').where({ hash }).first('region_code');
    if (!pv || !seesRegion(actor, pv.region_code)) throw new NotFoundError('政策包版本', hash);
  }

  private filtered(actor: Actor, q: ReviewApplicationQuery, opts: { count?: boolean } = {}): Knex.QueryBuilder {
    const query = this.knex('applications as a').join('package_versions as pv', 'pv.hash', 'a.package_hash').whereNot('a.status', 'DRAFT');
    if (!opts.count) {
      query
        .leftJoin('organisations as o', 'o.id', 'a.recommender_org_id')
        .select('a.id', 'a.package_hash', 'a.package_id', 'pv.title as package_title', 'a.applicant_name', 'a.status', 'a.stage', 'a.recommender_org_id', 'o.name as org_name', 'a.city_code', 'a.submitted_at');
    }
    this.scope(actor, query);
    if (q.package) query.andWhere('a.package_hash', q.package);
    if (q.procedure) query.andWhere('pv.procedure', q.procedure);
    if (q.year !== undefined) query.andWhere('pv.year', q.year);
    if (q.status) query.whereIn('a.status', q.status.split(',').filter(Boolean));
    if (q.cityCode) query.andWhere('a.city_code', q.cityCode);
    if (q.submittedFrom) query.andWhere('a.submitted_at', '>=', shanghaiMidnightUtc(q.submittedFrom, 0));
    if (q.submittedTo) query.andWhere('a.submitted_at', '<', shanghaiMidnightUtc(q.submittedTo, 1));
    if (q.submittedFrom && q.submittedTo && q.submittedTo < q.submittedFrom) throw new ValidationError('提交日期范围不正确', `结束日期 ${q.submittedTo} 早于开始日期 ${q.submittedFrom}`);
    const term = q.q?.trim();
    if (term) {
      // Four characters of digits (the last may be X) are the end of an ID number (no name is written so), looked up
      // by their keyed hash on an index; anything else is part of a name.
      if (term.length === ID_SUFFIX_LENGTH && /^\d+[\dXx]$/.test(term)) query.andWhere('a.applicant_id_suffix', idSuffixKey(this.db.personal, term));
      else query.andWhereRaw("a.applicant_name LIKE ? ESCAPE '!'", [`%${escapeLike(term)}%`]);
    }
    return query;
  }

  /** The rows a reviewer may see, as the inbox scopes tasks: organisation, city, or the package's province. */
  private scope(actor: Actor, query: Knex.QueryBuilder): void {
    switch (actor.role) {
      case 'unit_reviewer':
        if (actor.orgId) query.andWhere('a.recommender_org_id', actor.orgId);
        else query.andWhereRaw('1 = 0');
        return;
      case 'city_reviewer':
        if (actor.regionCode) query.andWhere('a.city_code', actor.regionCode);
        else query.andWhereRaw('1 = 0');
        return;
      default: {
        // Province reviewers and admins: the packages of their region (510000 covers 51xxxx).
        const prefix = regionPrefix(actor.regionCode);
        if (prefix) query.andWhere('pv.region_code', 'like', `${prefix}%`);
        else query.andWhereRaw('1 = 0');
      }
    }
  }

  private async item(r: Row): Promise<ReviewApplicationItem> {
    return {
      id: r.id,
      packageHash: r.package_hash,
      packageId: r.package_id,
      packageTitle: r.package_title,
      applicantName: r.applicant_name,
      // The list never shows a whole number: the sealed data is opened only to mask it.
      idNumberMasked: idNumberOf(this.db.personal.fromJson<Record<string, unknown>>(r.data!)),
      status: r.status,
      statusLabel: await this.statusLabel(r.package_hash, r.status),
      stage: r.stage,
      recommenderOrgId: r.recommender_org_id,
      recommenderOrgName: r.org_name,
      cityCode: r.city_code,
      submittedAt: r.submitted_at,
    };
  }

  private async statusLabel(hash: string, status: string): Promise<string> {
    const own = (await this.packages.version(hash).catch(() => null))?.manifest.labels?.statuses ?? {};
    return own[status] ?? APPLICATION_STATUS_LABELS[status] ?? status;
  }
}

function idNumberOf(data: Record<string, unknown> | null): string | null {
  const id = data?.idNumber;
  return typeof id === 'string' && id ? maskIdNumber(id) : null;
}

function regionPrefix(code: string | null): string | null {
  if (!code || !/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** The UTC instant of 00:00 in Shanghai on `date` + `plusDays` (submitted_at is stored as a UTC ISO string). */
function shanghaiMidnightUtc(date: string, plusDays: number): string {
  const ms = Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000;
  return new Date(ms).toISOString();
}

function escapeLike(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

function withoutPaging(q: ReviewApplicationQuery): Record<string, unknown> {
  const { page: _p, pageSize: _s, ...rest } = q;
  return rest;
}
