import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnprocessableError, ValidationError } from '../../errors.ts';
import { layoutBpmn } from '../../packages/layout/layoutBpmn.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditEntry } from '../audit/AuditLog.ts';
import type { LoaderProblem, PackageService, PackageVersionView } from '../packages/PackageService.ts';
import { DRAFT_TEMPLATES, draftTemplate, type DraftIdentity } from './draftTemplates.ts';

/** Largest file a draft holds (bytes of UTF-8): the biggest package file today is under 100 KB. */
export const MAX_DRAFT_FILE_BYTES = 1024 * 1024;
/** Most files one draft holds, and most bytes in all (the largest package today is about 0.5 MB). */
export const MAX_DRAFT_FILES = 300;
export const MAX_DRAFT_TOTAL_BYTES = 16 * 1024 * 1024;

export type DraftStatus = 'DRAFT' | 'PUBLISHED';

export interface DraftProblem {
  file: string;
  pointer: string;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

export interface DraftView {
  id: string;
  packageId: string;
  procedure: string;
  regionCode: string;
  year: number;
  title: string;
  status: DraftStatus;
  /** Compared and incremented by every save (optimistic locking). */
  revision: number;
  /** The deployed version it was cloned from, if any. */
  baseHash: string | null;
  template: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedBy: { id: string; name: string };
  updatedAt: string;
  publishedHash: string | null;
  publishedAt: string | null;
  /** Problems the loader found in the latest validated revision. */
  errorCount: number;
  warningCount: number;
}

export interface DraftFileMeta {
  path: string;
  size: number;
  sha256: string;
  /** Who saved this file last, and when. */
  updatedAt: string;
  updatedBy: { id: string; name: string };
}

export interface DraftDetail extends DraftView {
  files: DraftFileMeta[];
  problems: DraftProblem[];
}

export interface SaveResult {
  draft: DraftView;
  file: DraftFileMeta;
  /** Whether the whole draft passes the loader's checks after this save (no error; warnings allowed). */
  valid: boolean;
  problems: DraftProblem[];
}

export type CreateDraftInput =
  | { template: string; packageId: string; procedure: string; region: { code: string; name: string }; year: number; title: string }
  | { fromHash: string; packageId?: string; region?: { code: string; name: string }; year?: number; title?: string };

interface DraftRow {
  id: string;
  package_id: string;
  procedure: string;
  region_code: string;
  year: number | string;
  title: string;
  status: DraftStatus;
  revision: number | string;
  base_hash: string | null;
  template: string | null;
  created_by: string;
  created_by_name: string;
  created_at: string;
  updated_by: string;
  updated_by_name: string;
  updated_at: string;
  published_hash: string | null;
  published_at: string | null;
  published_by: string | null;
  problems: string | null;
  problems_revision: number | string | null;
}

const ALLOWED_EXTENSIONS = /\.(json|bpmn|md|txt)$/;

/**
 * A file's path inside a draft: relative, '/'-separated, of plain names (letters, digits, `_ . -`),
 * never `..`, `.` or a hidden name (the loader skips dot files), never absolute; a package file type.
 * Every refusal says why, in Chinese.
 */
export function checkDraftPath(p: string): string {
  const refuse = (why: string): never => {
    throw new ValidationError('文件路径不合法', `「${p.length > 80 ? `${p.slice(0, 80)}…` : p}」${why}`, [{ field: 'path', message: why }]);
  };
  if (!p) refuse('为空');
  if (p.length > 255) refuse('超过 255 个字符');
  if (p.startsWith('/') || p.includes('\\') || /^[A-Za-z]:/.test(p)) refuse('是绝对路径或含反斜杠:文件路径须相对于政策包根目录,以 / 分隔');
  const segments = p.split('/');
  if (segments.some((s) => s === '..')) refuse('含 ..:不能指向政策包目录之外');
  if (segments.some((s) => s === '' || s === '.')) refuse('含空的或为 . 的路径段');
  if (segments.some((s) => s.startsWith('.'))) refuse('含以 . 开头的隐藏文件或目录,政策包不会读取');
  if (segments.some((s) => !/^[A-Za-z0-9_.-]+$/.test(s))) refuse('只能由字母、数字、下划线、点和连字符组成');
  if (segments.includes('node_modules') || /\.test\.[cm]?[jt]s$/.test(p)) refuse('不是政策包文件');
  if (!ALLOWED_EXTENSIONS.test(p)) refuse('的类型不受支持:政策包文件须为 .json、.bpmn、.md 或 .txt');
  return p;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A time as 北京时间 for messages: 2026-03-02 14:05:09. */
function shanghaiTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a manifest says about the draft's identity, when it says it well enough to list the draft by it. */
function identityOf(manifestText: string): Partial<DraftIdentity> | null {
  let m: unknown;
  try {
    m = JSON.parse(manifestText);
  } catch {
    return null;
  }
  if (!isObject(m)) return null;
  const out: Partial<DraftIdentity> = {};
  if (typeof m.id === 'string' && m.id.length <= 128) out.packageId = m.id;
  if (typeof m.procedure === 'string' && m.procedure.length <= 64) out.procedure = m.procedure;
  if (typeof m.title === 'string' && m.title.length <= 255) out.title = m.title;
  if (Number.isInteger(m.year)) out.year = m.year as number;
  if (isObject(m.region) && typeof m.region.code === 'string' && /^\d{6}$/.test(m.region.code)) out.region = { code: m.region.code, name: String(m.region.name ?? '') };
  return out;
}

/**
 * Package drafts (issue 11): a policy package written on the server before it becomes an immutable
 * version. Created from a template or by cloning a deployed version into another region or year;
 * each file read and saved with the revision it was read at, so two editors never overwrite each
 * other silently; validated after every save with the package loader's own checks (through
 * PackageService, as a deploy would run them); published through PackageService.deployFromFiles
 * only while no error remains.
 *
 * Access: policy editors create, edit, publish and delete the drafts of their region; the region's
 * admins read and publish them; every other role is refused (403); a draft outside the caller's
 * region does not exist for them (404). A region named by a request's content (a new draft's, a
 * manifest saved with another region) that the caller does not govern is refused (403).
 */
export interface DraftLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
}

export class DraftService {
  private readonly knex: Knex;
  private readonly limits: DraftLimits;

  constructor(
    db: Db,
    private readonly packages: PackageService,
    private readonly audit: { append(entry: AuditEntry, trx?: Knex.Transaction): Promise<unknown> },
    private readonly now: () => number = Date.now,
    limits: Partial<DraftLimits> = {},
  ) {
    this.knex = db.knex;
    this.limits = { maxFileBytes: MAX_DRAFT_FILE_BYTES, maxTotalBytes: MAX_DRAFT_TOTAL_BYTES, maxFiles: MAX_DRAFT_FILES, ...limits };
  }

  templates(actor: Actor): Array<{ id: string; title: string; description: string }> {
    assertRole(actor, 'policy_editor', 'admin');
    return DRAFT_TEMPLATES.map(({ id, title, description }) => ({ id, title, description }));
  }

  async list(actor: Actor): Promise<DraftView[]> {
    assertRole(actor, 'policy_editor', 'admin');
    const rows = (await this.knex('package_drafts').orderBy('updated_at', 'desc').orderBy('id')) as DraftRow[];
    return rows.filter((r) => regionCovers(actor.regionCode, r.region_code)).map(view);
  }

  async create(actor: Actor, input: CreateDraftInput): Promise<DraftDetail> {
    assertRole(actor, 'policy_editor');
    let files: Record<string, string>;
    let identity: DraftIdentity;
    let baseHash: string | null = null;
    let template: string | null = null;
    if ('template' in input) {
      const tpl = draftTemplate(input.template);
      if (!tpl) throw new ValidationError('模板不存在', `没有名为「${input.template}」的政策包模板`, [{ field: 'template', message: `可用模板:${DRAFT_TEMPLATES.map((t) => t.id).join('、')}` }]);
      identity = { packageId: input.packageId, procedure: input.procedure, region: input.region, year: input.year, title: input.title };
      this.assertGoverns(actor, identity.region.code);
      files = tpl.files(identity);
      template = tpl.id;
    } else {
      // The source follows the version list's region rule: one the caller cannot see does not exist.
      const source = await this.packages.get(actor, input.fromHash);
      const version = await this.packages.version(source.hash);
      const m = version.manifest;
      const region = input.region ?? m.region;
      const year = input.year ?? m.year;
      this.assertGoverns(actor, region.code);
      let packageId = input.packageId;
      if (!packageId) {
        if (region.code !== m.region.code) throw new ValidationError('请指定新的政策包 ID', `复制到其他地区(${region.code})时须给出新的 packageId`, [{ field: 'packageId', message: '复制到其他地区时须指定' }]);
        packageId = year === m.year ? m.id : m.id.replaceAll(String(m.year), String(year));
      }
      const title = input.title ?? (year === m.year ? m.title : m.title.replaceAll(String(m.year), String(year)));
      identity = { packageId, procedure: m.procedure, region, year, title };
      files = { ...version.files };
      const manifest = JSON.parse(files['manifest.json']!) as Record<string, unknown>;
      Object.assign(manifest, { id: packageId, region, year, title });
      files['manifest.json'] = `${JSON.stringify(manifest, null, 2)}\n`;
      baseHash = source.hash;
    }
    for (const [name, content] of Object.entries(files)) if (name.endsWith('.bpmn')) files[name] = await layoutBpmn(content).catch(() => content);

    const id = randomUUID();
    const at = this.iso();
    const row = {
      id,
      package_id: identity.packageId,
      procedure: identity.procedure,
      region_code: identity.region.code,
      year: identity.year,
      title: identity.title,
      status: 'DRAFT',
      revision: 1,
      base_hash: baseHash,
      template,
      created_by: actor.id,
      created_by_name: actor.displayName,
      created_at: at,
      updated_by: actor.id,
      updated_by_name: actor.displayName,
      updated_at: at,
      published_hash: null,
      published_at: null,
      published_by: null,
      problems: null,
      problems_revision: null,
    };
    await this.knex.transaction(async (trx) => {
      await trx('package_drafts').insert(row);
      for (const [name, content] of Object.entries(files)) {
        await trx('package_draft_files').insert({ draft_id: id, path: name, content, size: Buffer.byteLength(content, 'utf8'), sha256: sha256(content), updated_by: actor.id, updated_by_name: actor.displayName, updated_at: at });
      }
      await this.audit.append(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'package-draft.created',
          entityType: 'package-draft',
          entityId: id,
          regionCode: identity.region.code,
          detail: { after: { packageId: identity.packageId, regionCode: identity.region.code, year: identity.year, title: identity.title, revision: 1 }, baseHash, template, files: Object.keys(files).length },
        },
        trx,
      );
    });
    await this.revalidate(id, 1, files);
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<DraftDetail> {
    assertRole(actor, 'policy_editor', 'admin');
    let row = await this.row(actor, id);
    // A save whose validation did not finish (the process stopped in between) is validated now.
    if (row.problems_revision === null || Number(row.problems_revision) !== Number(row.revision)) {
      await this.revalidate(id, Number(row.revision));
      row = (await this.rowById(id)) ?? row;
    }
    const files = (await this.knex('package_draft_files').where({ draft_id: id }).orderBy('path').select('path', 'size', 'sha256', 'updated_at', 'updated_by', 'updated_by_name')) as Array<Record<string, unknown>>;
    return { ...view(row), files: files.map(fileMeta), problems: fromJson<DraftProblem[] | null>(row.problems) ?? [] };
  }

  /** Every file of a draft as stored (for a try-out on it): its policy editors and the region's admins. */
  async filesOf(actor: Actor, id: string): Promise<{ draft: DraftView; files: Record<string, string> }> {
    assertRole(actor, 'policy_editor', 'admin');
    const row = await this.row(actor, id);
    return { draft: view(row), files: await this.files(id) };
  }

  async readFile(actor: Actor, id: string, filePath: string): Promise<DraftFileMeta & { content: string; revision: number }> {
    assertRole(actor, 'policy_editor', 'admin');
    const row = await this.row(actor, id);
    checkDraftPath(filePath);
    const f = (await this.knex('package_draft_files').where({ draft_id: id, path: filePath }).first()) as Record<string, unknown> | undefined;
    if (!f) throw new NotFoundError('草稿文件', filePath);
    return { ...fileMeta(f), content: String(f.content), revision: Number(row.revision) };
  }

  /**
   * Saves one file if the draft is still at `revision` (the one the editor read); otherwise nothing
   * is written and the answer says who saved last and when. The draft row, the file and the audit
   * entry commit together; then the whole draft is validated and every problem returned.
   */
  async saveFile(actor: Actor, id: string, filePath: string, input: { content: string; revision: number }): Promise<SaveResult> {
    assertRole(actor, 'policy_editor');
    const row = await this.row(actor, id);
    checkDraftPath(filePath);
    const size = Buffer.byteLength(input.content, 'utf8');
    if (size > this.limits.maxFileBytes) throw new PayloadTooLargeError('文件过大', `文件 ${filePath} 为 ${formatBytes(size)},超过单个文件上限 ${formatBytes(this.limits.maxFileBytes)},未保存`);
    this.assertEditable(row);
    const existing = (await this.knex('package_draft_files').where({ draft_id: id }).select('path', 'size')) as Array<{ path: string; size: number }>;
    const total = existing.reduce((n, e) => n + (e.path === filePath ? 0 : Number(e.size)), size);
    if (total > this.limits.maxTotalBytes) throw new PayloadTooLargeError('草稿过大', `保存 ${filePath} 后草稿共 ${formatBytes(total)},超过上限 ${formatBytes(this.limits.maxTotalBytes)},未保存`);
    const same = existing.find((e) => e.path === filePath);
    if (!same) {
      const clash = existing.find((e) => e.path.toLowerCase() === filePath.toLowerCase());
      if (clash) throw new ValidationError('文件路径不合法', `「${filePath}」与已有文件「${clash.path}」仅大小写不同`, [{ field: 'path', message: '仅大小写不同的文件名在部分系统上会互相覆盖' }]);
      if (existing.length >= this.limits.maxFiles) throw new UnprocessableError('草稿文件过多', `一个草稿最多 ${this.limits.maxFiles} 个文件,未保存 ${filePath}`);
    }
    const identity = filePath === 'manifest.json' ? identityOf(input.content) : null;
    if (identity?.region && identity.region.code !== row.region_code) this.assertGoverns(actor, identity.region.code);

    const at = this.iso();
    const expected = input.revision;
    const next = expected + 1;
    const saved = await this.knex.transaction(async (trx) => {
      const columns: Record<string, unknown> = { revision: next, updated_by: actor.id, updated_by_name: actor.displayName, updated_at: at };
      if (identity) {
        if (identity.packageId) columns.package_id = identity.packageId;
        if (identity.procedure) columns.procedure = identity.procedure;
        if (identity.title) columns.title = identity.title;
        if (identity.year !== undefined) columns.year = identity.year;
        if (identity.region) columns.region_code = identity.region.code;
      }
      // Compare and set: of two saves from the same revision exactly one moves it on.
      const moved = await trx('package_drafts').where({ id, revision: expected, status: 'DRAFT' }).update(columns);
      if (moved !== 1) return false;
      const before = same ? ((await trx('package_draft_files').where({ draft_id: id, path: filePath }).first('sha256', 'size')) as { sha256: string; size: number }) : null;
      const file = { content: input.content, size, sha256: sha256(input.content), updated_by: actor.id, updated_by_name: actor.displayName, updated_at: at };
      if (same) await trx('package_draft_files').where({ draft_id: id, path: filePath }).update(file);
      else await trx('package_draft_files').insert({ draft_id: id, path: filePath, ...file });
      await this.audit.append(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'package-draft.file-saved',
          entityType: 'package-draft',
          entityId: id,
          regionCode: identity?.region?.code ?? row.region_code,
          detail: { path: filePath, revision: { before: expected, after: next }, before, after: { sha256: file.sha256, size } },
        },
        trx,
      );
      return true;
    });
    if (!saved) throw await this.staleRevision(id, expected);

    const problems = await this.revalidate(id, next);
    const fresh = await this.rowById(id);
    return { draft: view(fresh!), file: { path: filePath, size, sha256: sha256(input.content), updatedAt: at, updatedBy: { id: actor.id, name: actor.displayName } }, valid: !problems.some((p) => p.severity === 'error'), problems };
  }

  async deleteFile(actor: Actor, id: string, filePath: string, revision: number): Promise<DraftView> {
    assertRole(actor, 'policy_editor');
    const row = await this.row(actor, id);
    checkDraftPath(filePath);
    this.assertEditable(row);
    const f = (await this.knex('package_draft_files').where({ draft_id: id, path: filePath }).first('sha256', 'size')) as { sha256: string; size: number } | undefined;
    if (!f) throw new NotFoundError('草稿文件', filePath);
    if (filePath === 'manifest.json') throw new UnprocessableError('不能删除 manifest.json', '政策包必须有清单文件 manifest.json');
    const at = this.iso();
    const removed = await this.knex.transaction(async (trx) => {
      const moved = await trx('package_drafts').where({ id, revision, status: 'DRAFT' }).update({ revision: revision + 1, updated_by: actor.id, updated_by_name: actor.displayName, updated_at: at });
      if (moved !== 1) return false;
      await trx('package_draft_files').where({ draft_id: id, path: filePath }).delete();
      await this.audit.append(
        { actorId: actor.id, actorRole: actor.role, action: 'package-draft.file-deleted', entityType: 'package-draft', entityId: id, regionCode: row.region_code, detail: { path: filePath, revision: { before: revision, after: revision + 1 }, before: f } },
        trx,
      );
      return true;
    });
    if (!removed) throw await this.staleRevision(id, revision);
    await this.revalidate(id, revision + 1);
    return view((await this.rowById(id))!);
  }

  /** Deletes a draft and its files (a version published from it stays). */
  async delete(actor: Actor, id: string): Promise<void> {
    assertRole(actor, 'policy_editor');
    const row = await this.row(actor, id);
    await this.knex.transaction(async (trx) => {
      await trx('package_draft_files').where({ draft_id: id }).delete();
      await trx('package_drafts').where({ id }).delete();
      await this.audit.append(
        { actorId: actor.id, actorRole: actor.role, action: 'package-draft.deleted', entityType: 'package-draft', entityId: id, regionCode: row.region_code, detail: { before: { ...view(row), problems: undefined } } },
        trx,
      );
    });
  }

  /**
   * Publishes the draft at `revision` as an immutable version (PackageService.deployFromFiles, which
   * runs the loader's checks again): refused with every error while any remains. The draft is then
   * marked published and read-only; the next year's changes start from a clone of the version.
   */
  async publish(actor: Actor, id: string, revision: number): Promise<{ draft: DraftView; version: PackageVersionView; created: boolean }> {
    assertRole(actor, 'policy_editor', 'admin');
    const row = await this.row(actor, id);
    this.assertEditable(row);
    if (Number(row.revision) !== revision) throw await this.staleRevision(id, revision);
    const files = await this.files(id);
    let deployed: { version: PackageVersionView; created: boolean };
    try {
      deployed = await this.packages.deployFromFiles(actor, files);
    } catch (err) {
      if (err instanceof UnprocessableError) {
        const problems = err.problems.map((p) => ({ file: p.file ?? '', pointer: p.pointer ?? '', message: p.message, severity: 'error' as const, code: p.code ?? 'ERROR' }));
        await this.storeProblems(id, revision, problems.length ? problems : null);
        throw new UnprocessableError('草稿仍有错误,不能发布', `发现 ${err.problems.length} 个问题,请修改后再发布`, err.problems);
      }
      throw err;
    }
    const at = this.iso();
    const marked = await this.knex.transaction(async (trx) => {
      const moved = await trx('package_drafts').where({ id, revision, status: 'DRAFT' }).update({ status: 'PUBLISHED', published_hash: deployed.version.hash, published_at: at, published_by: actor.id });
      if (moved !== 1) return false;
      await this.audit.append(
        {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'package-draft.published',
          entityType: 'package-draft',
          entityId: id,
          regionCode: row.region_code,
          detail: { revision, status: { before: 'DRAFT', after: 'PUBLISHED' }, hash: deployed.version.hash, created: deployed.created },
        },
        trx,
      );
      return true;
    });
    if (!marked) {
      const now = await this.rowById(id);
      // A publish of the same revision that finished first: the same version, already marked.
      if (now?.status === 'PUBLISHED' && now.published_hash === deployed.version.hash) return { draft: view(now), version: deployed.version, created: false };
      throw new ConflictError('发布期间草稿已被修改', `已按版本 ${revision} 部署为 ${deployed.version.hash},但其间${now ? `${now.updated_by_name} 于 ${shanghaiTime(now.updated_at)} 保存了新的修改` : '草稿已被删除'};新的修改未发布`, [], { hash: deployed.version.hash });
    }
    return { draft: view((await this.rowById(id))!), version: deployed.version, created: deployed.created };
  }

  // ------------------------------------------------------------------ helpers

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private assertGoverns(actor: Actor, regionCode: string): void {
    if (!regionCovers(actor.regionCode, regionCode)) throw new ForbiddenError(`无权为行政区划 ${regionCode} 编写政策包草稿`);
  }

  private assertEditable(row: DraftRow): void {
    if (row.status === 'PUBLISHED') throw new ConflictError('草稿已发布,不能再修改', `该草稿已于 ${shanghaiTime(row.published_at ?? row.updated_at)} 发布为版本 ${row.published_hash};如需修改,请将该版本复制为新草稿`);
  }

  private async rowById(id: string): Promise<DraftRow | undefined> {
    return (await this.knex('package_drafts').where({ id }).first()) as DraftRow | undefined;
  }

  /** The draft if it lies in the caller's region; otherwise it does not exist for them. */
  private async row(actor: Actor, id: string): Promise<DraftRow> {
    const row = await this.rowById(id);
    if (!row || !regionCovers(actor.regionCode, row.region_code)) throw new NotFoundError('政策包草稿', id);
    return row;
  }

  private async files(id: string): Promise<Record<string, string>> {
    const rows = (await this.knex('package_draft_files').where({ draft_id: id }).select('path', 'content')) as Array<{ path: string; content: string }>;
    return Object.fromEntries(rows.map((r) => [r.path, r.content]));
  }

  private async staleRevision(id: string, expected: number): Promise<Error> {
    const now = await this.rowById(id);
    if (!now) return new NotFoundError('政策包草稿', id);
    if (now.status === 'PUBLISHED') return new ConflictError('草稿已发布,不能再修改', `该草稿已于 ${shanghaiTime(now.published_at ?? now.updated_at)} 发布为版本 ${now.published_hash}`);
    return new ConflictError(
      '草稿已被他人修改,未保存',
      `您编辑的是第 ${expected} 版,而 ${now.updated_by_name} 已于 ${shanghaiTime(now.updated_at)}(北京时间)保存了第 ${now.revision} 版。为避免覆盖对方的修改,本次未保存:请重新读取草稿后再修改。`,
      [],
      { currentRevision: Number(now.revision), updatedBy: now.updated_by_name, updatedAt: now.updated_at },
    );
  }

  /** Runs the loader's checks on the draft as stored and keeps the problems with the revision they belong to. */
  private async revalidate(id: string, revision: number, files?: Record<string, string>): Promise<DraftProblem[]> {
    const result = await this.packages.validateFiles(files ?? (await this.files(id)));
    const problems = result.problems.map(toDraftProblem);
    await this.storeProblems(id, revision, problems);
    return problems;
  }

  private async storeProblems(id: string, revision: number, problems: DraftProblem[] | null): Promise<void> {
    // Only while the draft is still at that revision: a later save has validated its own.
    await this.knex('package_drafts').where({ id, revision }).update({ problems: toJson(problems ?? []), problems_revision: revision });
  }
}

function toDraftProblem(p: LoaderProblem): DraftProblem {
  return { file: p.file, pointer: p.pointer ?? '', message: p.message, severity: p.severity === 'warning' ? 'warning' : 'error', code: p.code };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function fileMeta(f: Record<string, unknown>): DraftFileMeta {
  return { path: String(f.path), size: Number(f.size), sha256: String(f.sha256), updatedAt: String(f.updated_at), updatedBy: { id: String(f.updated_by), name: String(f.updated_by_name) } };
}

function view(r: DraftRow): DraftView {
  const problems = fromJson<DraftProblem[] | null>(r.problems) ?? [];
  return {
    id: r.id,
    packageId: r.package_id,
    procedure: r.procedure,
    regionCode: r.region_code,
    year: Number(r.year),
    title: r.title,
    status: r.status,
    revision: Number(r.revision),
    baseHash: r.base_hash,
    template: r.template,
    createdBy: { id: r.created_by, name: r.created_by_name },
    createdAt: r.created_at,
    updatedBy: { id: r.updated_by, name: r.updated_by_name },
    updatedAt: r.updated_at,
    publishedHash: r.published_hash,
    publishedAt: r.published_at,
    errorCount: problems.filter((p) => p.severity === 'error').length,
    warningCount: problems.filter((p) => p.severity === 'warning').length,
  };
}
