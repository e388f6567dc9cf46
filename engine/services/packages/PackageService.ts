import { layoutBpmn } from '../../packages/layout/layoutBpmn.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError, type ProblemDetail } from '../../errors.ts';
import { EngineDeployError, type ProcessEngine } from '../../port/ProcessEngine.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers, seesRegion } from '../actorScope.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import { attachmentSpecs, type AttachmentSpec } from '../../../forms/checkAttachments.ts';
import { diffPackages, type DiffablePackage, type PackageDiff } from '../../packages/diff/diffPackages.ts';

/** What the package loader (engine/packages) returns; kept structural so this service owns no parsing. */
export interface LoadedPackageLike {
  manifest: PackageManifest;
  files: Record<string, string>;
  bpmn: Record<string, string>;
  ruleSets: Record<string, unknown>;
  forms: Record<string, { schema: Record<string, unknown>; ui?: unknown; title?: string }>;
  schedule?: unknown;
  contentHash: string;
}

export interface PackageManifest {
  id: string;
  procedure: string;
  region: { code: string; name: string };
  year: number;
  title: string;
  processes: Array<{ file: string; bpmnProcessId: string; role?: string }>;
  forms: Array<{ id: string; schema: string; ui?: string; title?: string }>;
  ruleSets: Array<{ id: string; file: string }>;
  parameters?: Record<string, { value: unknown; unit?: string; provenance?: string; clause?: string; ambiguity?: string }>;
  /** Chinese labels for the package's own status and reason codes (application.status headers). */
  labels?: { statuses?: Record<string, string>; reasons?: Record<string, string> };
  actions?: Array<{ id: string; title: string; form: string; process: string; allowedStatuses: string[]; clause: string }>;
  /** Groups of user tasks drawn without an assignment. */
  defaultCandidateGroups?: string[];
  [k: string]: unknown;
}

export interface LoaderProblem {
  file: string;
  pointer?: string;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

export type PackageLoader = (
  dir: string,
  opts: { bpmnValidator: (file: string, xml: string) => Promise<LoaderProblem[]> },
) => Promise<{ ok: boolean; package?: LoadedPackageLike; problems: LoaderProblem[] }>;

export interface PackageVersionView {
  hash: string;
  packageId: string;
  regionCode: string;
  procedure: string;
  year: number;
  title: string;
  deployedAt: string;
  active: boolean;
  processes: Record<string, string>;
}

export interface OpenCall {
  packageHash: string;
  packageId: string;
  title: string;
  regionCode: string;
  regionName: string;
  year: number;
  procedure: string;
  /** The notice the call implements (文号, issuer), shown to applicants as the basis of the call. */
  notice: { docNo?: string | null; title: string; issuer: string; signed?: string; published?: string | null } | null;
  forms: Array<{ id: string; title?: string }>;
  schedule: unknown;
}

/**
 * Policy packages: validated at load, deployed as immutable versions named by content hash,
 * one version per (region, procedure, year) active for new applications.
 */
/**
 * A BPMN saved without diagram layout (written by hand or by another tool) gets one, so every
 * page can draw it; a drawn diagram is kept as it is. What cannot be laid out automatically (pools
 * and lanes) or parsed is left for the loader to judge.
 */
async function withLayout(xml: string): Promise<string> {
  try {
    return await layoutBpmn(xml);
  } catch {
    return xml;
  }
}

export class PackageService {
  private readonly knex: Knex;
  private readonly cache = new Map<string, LoadedPackageLike>();
  private readonly versions = new Map<string, LoadedPackageLike & { processKeys: Record<string, string> }>();

  constructor(
    private readonly db: Db,
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink,
    private readonly loader: PackageLoader,
    private readonly deploymentsDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
  }

  /** Validate a package folder without deploying it (designer "check" and CLI validate). */
  async validateDirectory(dir: string): Promise<{ ok: boolean; problems: LoaderProblem[]; contentHash?: string }> {
    const result = await this.loader(dir, { bpmnValidator: (file, xml) => this.bpmnProblems(file, xml) });
    return { ok: result.ok, problems: result.problems, contentHash: result.package?.contentHash };
  }

  async deployFromDirectory(actor: Actor | null, relativePath: string): Promise<{ version: PackageVersionView; created: boolean }> {
    if (actor) assertRole(actor, 'admin', 'policy_editor');
    const root = path.resolve(this.deploymentsDir);
    const dir = path.resolve(root, relativePath);
    if (dir !== root && !dir.startsWith(root + path.sep)) throw new ValidationError('政策包路径不合法', '路径必须位于 deployments/ 目录内');
    try {
      await fs.access(path.join(dir, 'manifest.json'));
    } catch {
      throw new NotFoundError('政策包', relativePath);
    }
    return this.deploy(actor, dir);
  }

  /** Deploy a package sent as files (the designer uploads its working copy). */
  async deployFromFiles(actor: Actor, files: Record<string, string>): Promise<{ version: PackageVersionView; created: boolean }> {
    assertRole(actor, 'admin', 'policy_editor');
    return this.inTempDir(files, (dir) => this.deploy(actor, dir));
  }

  /**
   * The loader's checks on a package held as files (a draft), exactly as deployFromFiles would run
   * them: the same folder written the same way, BPMN laid out alike. Warnings are kept.
   */
  async validateFiles(files: Record<string, string>): Promise<{ ok: boolean; problems: LoaderProblem[]; contentHash?: string }> {
    return this.inTempDir(files, (dir) => this.validateDirectory(dir));
  }

  /** Writes files into a fresh temp folder (never outside it), runs `fn` on it, and removes it. */
  private async inTempDir<T>(files: Record<string, string>, fn: (dir: string) => Promise<T>): Promise<T> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-'));
    try {
      for (const [name, content] of Object.entries(files)) {
        const target = path.resolve(tmp, name);
        if (!target.startsWith(tmp + path.sep)) throw new ValidationError('文件名不合法', name, [{ file: name, message: '文件名不能包含 .. 或绝对路径' }]);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, name.endsWith('.bpmn') ? await withLayout(content) : content, 'utf8');
      }
      return await fn(tmp);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }

  private async bpmnProblems(file: string, xml: string): Promise<LoaderProblem[]> {
    const problems = await this.engine.validate([{ name: file, xml }]);
    return problems.map((p) => ({ file: p.file || file, pointer: p.elementId ? `#${p.elementId}` : undefined, message: p.message, severity: p.severity ?? ('error' as const), code: p.code }));
  }

  private async deploy(actor: Actor | null, dir: string): Promise<{ version: PackageVersionView; created: boolean }> {
    const result = await this.loader(dir, { bpmnValidator: (file, xml) => this.bpmnProblems(file, xml) });
    const errors = result.problems.filter((p) => p.severity !== 'warning');
    if (!result.ok || !result.package || errors.length) {
      throw new UnprocessableError('政策包校验未通过,未部署', `发现 ${errors.length} 个问题`, errors.map(toDetail));
    }
    const pkg = result.package;
    const m = pkg.manifest;
    if (actor && !regionCovers(actor.regionCode, m.region.code)) throw new ForbiddenError(`无权部署行政区划 ${m.region.code} 的政策包`);

    const existing = await this.knex('package_versions').where({ hash: pkg.contentHash }).first();
    if (existing) return { version: await this.view(existing), created: false };

    let deployed;
    try {
      deployed = await this.engine.deploy(Object.entries(pkg.bpmn).map(([name, xml]) => ({ name, xml })));
    } catch (err) {
      if (err instanceof EngineDeployError) {
        throw new UnprocessableError('BPMN 流程无法部署', `发现 ${err.problems.length} 个问题`, err.problems.map((p) => ({ file: p.file, pointer: p.elementId ? `#${p.elementId}` : undefined, message: p.message, code: p.code })));
      }
      throw err;
    }
    const processKeys = Object.fromEntries(deployed.map((d) => [d.bpmnProcessId, d.definitionKey]));
    const deployedAt = new Date(this.now()).toISOString();
    await this.knex.transaction(async (trx) => {
      await trx('package_versions').insert({
        hash: pkg.contentHash,
        package_id: m.id,
        region_code: m.region.code,
        procedure: m.procedure,
        year: m.year,
        title: m.title,
        manifest: toJson(m),
        files: toJson(pkg.files),
        process_keys: toJson(processKeys),
        deployed_at: deployedAt,
        deployed_by: actor?.id ?? null,
      });
      await this.audit.append(
        { actorId: actor?.id ?? null, actorRole: actor?.role ?? 'system', action: 'package.deployed', entityType: 'package', entityId: pkg.contentHash, detail: { packageId: m.id, title: m.title, processes: processKeys } },
        trx,
      );
    });
    this.cache.set(pkg.contentHash, pkg);
    const row = await this.knex('package_versions').where({ hash: pkg.contentHash }).first();
    return { version: await this.view(row), created: true };
  }

  async activate(actor: Actor | null, hash: string): Promise<PackageVersionView> {
    if (actor) assertRole(actor, 'admin');
    const row = await this.knex('package_versions').where({ hash }).first();
    if (!row) throw new NotFoundError('政策包版本', hash);
    if (actor && !seesRegion(actor, row.region_code)) throw new NotFoundError('政策包版本', hash);
    if (actor && !regionCovers(actor.regionCode, row.region_code)) throw new ForbiddenError(`无权启用行政区划 ${row.region_code} 的政策包`);
    const key = { region_code: row.region_code, procedure: row.procedure, year: row.year };
    const activatedAt = new Date(this.now()).toISOString();
    await this.knex.transaction(async (trx) => {
      const current = await trx('package_activations').where(key).first();
      if (current) await trx('package_activations').where(key).update({ package_hash: hash, activated_at: activatedAt, activated_by: actor?.id ?? null });
      else await trx('package_activations').insert({ ...key, package_hash: hash, activated_at: activatedAt, activated_by: actor?.id ?? null });
      await this.audit.append(
        { actorId: actor?.id ?? null, actorRole: actor?.role ?? 'system', action: 'package.activated', entityType: 'package', entityId: hash, detail: { packageId: row.package_id, previous: current?.package_hash ?? null } },
        trx,
      );
    });
    return this.view(await this.knex('package_versions').where({ hash }).first());
  }

  /**
   * What activating a version changes, for the admin's activation page: the version now accepting new
   * applications in the same region, procedure and year (if any), and the applications still running
   * on each version there — they stay on the version they started with.
   */
  async activationPreview(actor: Actor, hash: string): Promise<{ hash: string; active: boolean; current: { hash: string; title: string; activatedAt: string } | null; running: Array<{ hash: string; title: string; count: number }> }> {
    assertRole(actor, 'admin');
    const row = await this.knex('package_versions').where({ hash }).first();
    if (!row || !seesRegion(actor, row.region_code)) throw new NotFoundError('政策包版本', hash);
    if (!regionCovers(actor.regionCode, row.region_code)) throw new ForbiddenError(`无权启用行政区划 ${row.region_code} 的政策包`);
    const key = { region_code: row.region_code, procedure: row.procedure, year: row.year };
    const current = (await this.knex('package_activations as a').join('package_versions as v', 'v.hash', 'a.package_hash').where({ 'a.region_code': key.region_code, 'a.procedure': key.procedure, 'a.year': key.year }).first('v.hash', 'v.title', 'a.activated_at')) as { hash: string; title: string; activated_at: string } | undefined;
    // Running: submitted (not a draft) and not concluded (no outcome yet).
    const running = (await this.knex('applications as ap')
      .join('package_versions as v', 'v.hash', 'ap.package_hash')
      .where({ 'v.region_code': key.region_code, 'v.procedure': key.procedure, 'v.year': key.year })
      .whereNot('ap.status', 'DRAFT')
      .whereNull('ap.outcome')
      .groupBy('v.hash', 'v.title')
      .select('v.hash', 'v.title')
      .count({ n: '*' })) as Array<{ hash: string; title: string; n: number | string }>;
    return {
      hash,
      active: current?.hash === hash,
      current: current ? { hash: current.hash, title: current.title, activatedAt: String(current.activated_at) } : null,
      running: running.map((r) => ({ hash: r.hash, title: r.title, count: Number(r.n) })),
    };
  }

  async list(actor: Actor, q: { packageId?: string } = {}): Promise<PackageVersionView[]> {
    assertRole(actor, 'admin', 'policy_editor', 'province_reviewer', 'city_reviewer');
    const query = this.knex('package_versions').orderBy('deployed_at', 'desc');
    if (q.packageId) query.where({ package_id: q.packageId });
    const rows = await query;
    const views = await Promise.all(rows.map((r: Record<string, unknown>) => this.view(r)));
    return views.filter((v) => seesRegion(actor, v.regionCode));
  }

  async get(actor: Actor, hash: string): Promise<PackageVersionView & { manifest: PackageManifest; files: string[] }> {
    assertRole(actor, 'admin', 'policy_editor', 'province_reviewer', 'city_reviewer');
    const row = await this.knex('package_versions').where({ hash }).first();
    // Details follow the list's region rule: a version the list would not show does not exist for the caller.
    if (!row || !seesRegion(actor, row.region_code)) throw new NotFoundError('政策包版本', hash);
    return { ...(await this.view(row)), manifest: fromJson(row.manifest), files: Object.keys(fromJson<Record<string, string>>(row.files)).sort() };
  }

  /** One file of a deployed version (its text), scoped like `get`: a version outside the caller's region does not exist. */
  async readFile(actor: Actor, hash: string, filePath: string): Promise<{ hash: string; path: string; content: string }> {
    assertRole(actor, 'admin', 'policy_editor', 'province_reviewer', 'city_reviewer');
    const row = await this.knex('package_versions').where({ hash }).first('region_code', 'files');
    if (!row || !seesRegion(actor, row.region_code)) throw new NotFoundError('政策包版本', hash);
    const files = fromJson<Record<string, string>>(row.files);
    if (!Object.hasOwn(files, filePath)) throw new NotFoundError('政策包文件', filePath);
    return { hash, path: filePath, content: files[filePath]! };
  }

  /** What changed between two deployed versions (rule / form / flow / schedule, with clauses), for policy staff. */
  async diff(actor: Actor, fromHash: string, toHash: string): Promise<PackageDiff> {
    assertRole(actor, 'admin', 'policy_editor');
    const [a, b] = await Promise.all([this.version(fromHash), this.version(toHash)]);
    for (const [p, hash] of [[a, fromHash], [b, toHash]] as const) {
      if (!seesRegion(actor, p.manifest.region.code)) throw new NotFoundError('政策包版本', hash);
      if (!regionCovers(actor.regionCode, p.manifest.region.code)) throw new ForbiddenError(`无权查看其他地区的政策包差异(${p.manifest.id} 属于${p.manifest.region.name})`);
    }
    return diffPackages(a as unknown as DiffablePackage, b as unknown as DiffablePackage);
  }

  /** Calls open to applicants: the active version per (region, procedure, year). */
  async openCalls(): Promise<OpenCall[]> {
    const rows = await this.knex('package_activations as a').join('package_versions as v', 'v.hash', 'a.package_hash').select('v.*');
    return rows.map((r: Record<string, string>) => {
      const m = fromJson<PackageManifest>(r.manifest);
      const files = fromJson<Record<string, string>>(r.files);
      const scheduleFile = typeof m.schedule === 'string' ? m.schedule : 'schedule.json';
      return {
        packageHash: r.hash,
        packageId: m.id,
        title: m.title,
        regionCode: m.region.code,
        regionName: m.region.name,
        year: m.year,
        procedure: m.procedure,
        notice: (m.notice as OpenCall['notice'] | undefined) ?? null,
        forms: m.forms.map((f) => ({ id: f.id, title: f.title })),
        schedule: files[scheduleFile] ? JSON.parse(files[scheduleFile]) : null,
      };
    });
  }

  /**
   * One form of a version with its upload rules, for filling it in: any signed-in user may read the
   * forms of an open (active) call; a version no longer open only by staff who see its region.
   */
  async form(actor: Actor, hash: string, formId: string): Promise<{ packageHash: string; id: string; title: string | null; schema: Record<string, unknown>; ui: Record<string, unknown> | null; attachments: AttachmentSpec[] }> {
    const open = await this.isActive(hash);
    const row = await this.knex('package_versions').where({ hash }).first('region_code');
    const staff = actor.role !== 'applicant' && row && seesRegion(actor, row.region_code);
    if (!row || (!open && !staff)) throw new NotFoundError('政策包版本', hash);
    const f = (await this.version(hash)).forms[formId];
    if (!f) throw new NotFoundError('表单', formId);
    return { packageHash: hash, id: formId, title: f.title ?? null, schema: f.schema, ui: (f.ui as Record<string, unknown> | undefined) ?? null, attachments: attachmentSpecs(f.schema) };
  }

  async isActive(hash: string): Promise<boolean> {
    return !!(await this.knex('package_activations').where({ package_hash: hash }).first());
  }

  /** A deployed version's content (immutable, cached by hash). */
  async version(hash: string): Promise<LoadedPackageLike & { processKeys: Record<string, string> }> {
    // A version row never changes once deployed, so after the first read it is served from memory:
    // every job and submission asks for it, and the row carries all of the package's files.
    const hit = this.versions.get(hash);
    if (hit) return hit;
    const row = await this.knex('package_versions').where({ hash }).first('manifest', 'files', 'process_keys');
    if (!row) throw new NotFoundError('政策包版本', hash);
    let pkg = this.cache.get(hash);
    if (!pkg) {
      const manifest = fromJson<PackageManifest>(row.manifest);
      const files = fromJson<Record<string, string>>(row.files);
      pkg = {
        manifest,
        files,
        bpmn: Object.fromEntries(manifest.processes.map((p) => [p.file, files[p.file]])),
        ruleSets: Object.fromEntries(manifest.ruleSets.map((r) => [r.id, JSON.parse(files[r.file])])),
        forms: Object.fromEntries(manifest.forms.map((f) => [f.id, { schema: JSON.parse(files[f.schema]), ui: f.ui && files[f.ui] ? JSON.parse(files[f.ui]) : undefined, title: f.title }])),
        schedule: ((f) => (f && files[f] ? JSON.parse(files[f]) : undefined))((manifest as { schedule?: string }).schedule ?? 'schedule.json'),
        contentHash: hash,
      };
      this.cache.set(hash, pkg);
    }
    // Fields with a personal format (cn-id-card, cn-mobile) are sealed wherever they are stored.
    for (const f of Object.values(pkg.forms)) this.db.personal.addSchema(f.schema);
    const version = { ...pkg, processKeys: fromJson<Record<string, string>>(row.process_keys) };
    this.versions.set(hash, version);
    return version;
  }

  async parameter<T = unknown>(hash: string, name: string): Promise<T> {
    const pkg = await this.version(hash);
    const p = pkg.manifest.parameters?.[name];
    if (!p) throw new ConflictError('政策包缺少参数', `参数 ${name} 未在 ${pkg.manifest.id} 中定义`);
    return p.value as T;
  }

  async loadedVersions(): Promise<Array<{ packageId: string; hash: string; active: boolean }>> {
    const rows = await this.knex('package_versions').select('package_id', 'hash');
    const active = new Set((await this.knex('package_activations').select('package_hash')).map((r: { package_hash: string }) => r.package_hash));
    return rows.map((r: { package_id: string; hash: string }) => ({ packageId: r.package_id, hash: r.hash, active: active.has(r.hash) }));
  }

  private async view(row: Record<string, any>): Promise<PackageVersionView> {
    const active = await this.knex('package_activations').where({ package_hash: row.hash }).first();
    return {
      hash: row.hash,
      packageId: row.package_id,
      regionCode: row.region_code,
      procedure: row.procedure,
      year: Number(row.year),
      title: row.title,
      deployedAt: row.deployed_at,
      active: !!active,
      processes: fromJson(row.process_keys),
    };
  }
}

function toDetail(p: LoaderProblem): ProblemDetail {
  return { file: p.file, pointer: p.pointer, message: p.message, code: p.code };
}
