import type { Db } from '../../store/createDb.ts';
import { UnprocessableError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { RegistryService, type Organisation } from './RegistryService.ts';
import { FILING_STATUS_LABELS, LEVEL_LABELS, ORGANISATION_COLUMNS, readOrganisationSheet, writeOrganisationTemplate, type ImportedOrganisation, type SheetProblem } from './organisationSheet.ts';

export interface OrganisationChange {
  field: string;
  /** The column's Chinese header. */
  label: string;
  before: string;
  after: string;
}

export interface OrganisationImportRow {
  row: number;
  id: string;
  name: string;
  action: 'create' | 'update' | 'unchanged';
  changes: OrganisationChange[];
}

export interface OrganisationImportReport {
  /** Whether this request wrote the rows (never when there is a problem). */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows: OrganisationImportRow[];
  problems: SheetProblem[];
}

/**
 * The .xlsx import of the registry's organisation list (issue 12): a dry run that says per row what
 * would be created or changed and every problem with its row and column, and the apply, which writes
 * all rows in one transaction or — with any problem — nothing. Rows outside the admin's region are
 * problems like any other; each written organisation is audited with before and after, as the form does.
 */
export class OrganisationImportService {
  constructor(
    private readonly db: Db,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses a caller who may not import before the upload is written anywhere. */
  assertMayImport(actor: Actor): void {
    assertRole(actor, 'admin');
  }

  template(actor: Actor): Promise<Buffer> {
    assertRole(actor, 'admin');
    return writeOrganisationTemplate();
  }

  async preview(actor: Actor, filePath: string): Promise<OrganisationImportReport> {
    assertRole(actor, 'admin');
    return (await this.check(actor, filePath)).report;
  }

  async apply(actor: Actor, filePath: string): Promise<OrganisationImportReport> {
    assertRole(actor, 'admin');
    const { report, planned } = await this.check(actor, filePath);
    if (report.problems.length) {
      throw new UnprocessableError(
        '导入文件有问题,未作任何修改',
        `发现 ${report.problems.length} 个问题`,
        report.problems.map((p) => ({ pointer: `/rows/${p.row}/${p.column}`, field: p.header, message: `第 ${p.row} 行 ${p.column} 列${p.header ? `(${p.header})` : ''}:${p.message}` })),
        { report },
      );
    }
    await this.db.knex.transaction(async (trx) => {
      const registry = new RegistryService({ ...this.db, knex: trx }, this.now);
      for (const { input, before, action } of planned) {
        if (action === 'unchanged') continue;
        // Read again inside the transaction: what the dry run saw may have changed since.
        const current = await registry.getOrganisation(input.id).catch(() => null);
        if (current && !regionCovers(actor.regionCode, current.regionCode)) throw new UnprocessableError('导入文件有问题,未作任何修改', `机构编号 ${input.id} 不能在本地区使用`);
        const after = await registry.upsertOrganisation({ ...input, recommendationSuspendedUntil: current?.recommendationSuspendedUntil ?? before?.recommendationSuspendedUntil ?? null });
        await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: current ? 'organisation.updated' : 'organisation.created', entityType: 'organisation', entityId: input.id, regionCode: after.regionCode, detail: { before: current, after, via: 'import' } }, trx);
      }
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'organisation.imported', entityType: 'registry', entityId: 'organisations', regionCode: actor.regionCode, detail: { created: report.created, updated: report.updated, unchanged: report.unchanged } }, trx);
    });
    return { ...report, applied: true };
  }

  /** Reads the sheet and compares each row with the registry; region and code problems join the sheet's own. */
  private async check(actor: Actor, filePath: string) {
    const sheet = await readOrganisationSheet(filePath);
    const problems = [...sheet.problems];
    const registry = new RegistryService(this.db, this.now);
    // Region problems point at the cells the sheet read them from.
    const at = (key: string) => ({ column: sheet.columns.get(key) ?? 'A', header: ORGANISATION_COLUMNS.find((c) => c.key === key)!.header });
    const existing = new Map((await this.db.knex('organisations').whereIn('id', sheet.rows.map((r) => r.organisation.id)).select('id')).map((r: { id: string }) => [r.id, true]));
    const planned: Array<{ row: number; input: ImportedOrganisation; before: Organisation | null; action: OrganisationImportRow['action']; changes: OrganisationChange[] }> = [];
    for (const { row, organisation: o } of sheet.rows) {
      const before = existing.has(o.id) ? await registry.getOrganisation(o.id) : null;
      if (before && !regionCovers(actor.regionCode, before.regionCode)) {
        // Another region's organisation does not exist for this admin: the id is simply not usable here.
        problems.push({ row, ...at('id'), message: `机构编号 ${o.id} 不能在本地区使用,请换一个编号` });
        continue;
      }
      if (!regionCovers(actor.regionCode, o.regionCode)) {
        problems.push({ row, ...at('regionCode'), message: `所在地区 ${o.regionCode} 不在本地区(${actor.regionCode ?? '—'})范围内,不能导入` });
        continue;
      }
      const changes = diff(before, o);
      planned.push({ row, input: o, before, action: !before ? 'create' : changes.length ? 'update' : 'unchanged', changes });
    }
    problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    const rows = planned.map(({ row, input, action, changes }) => ({ row, id: input.id, name: input.name, action, changes }));
    const count = (a: OrganisationImportRow['action']) => rows.filter((r) => r.action === a).length;
    const report: OrganisationImportReport = { applied: false, created: count('create'), updated: count('update'), unchanged: count('unchanged'), rows, problems };
    return { report, planned };
  }
}

/** What a row changes, field by field, as a person reads it (labels, 是/否, joined lists). */
function diff(before: Organisation | null, after: ImportedOrganisation): OrganisationChange[] {
  const out: OrganisationChange[] = [];
  for (const c of ORGANISATION_COLUMNS) {
    if (c.key === 'id') continue;
    const b = before ? show(c.key, before[c.key as keyof Organisation]) : '';
    const a = show(c.key, after[c.key]);
    if (b !== a) out.push({ field: c.key, label: c.header, before: b, after: a });
  }
  return out;
}

function show(key: string, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (key === 'filingStatus') return FILING_STATUS_LABELS[v as keyof typeof FILING_STATUS_LABELS] ?? String(v);
  if (key === 'level') return LEVEL_LABELS[v as keyof typeof LEVEL_LABELS] ?? String(v);
  if (key === 'isUndelegatedProvincialInChengdu') return v ? '是' : '否';
  if (key === 'occupations') return (v as string[]).join(';');
  if (key === 'filedLevels') return Object.entries(v as Record<string, number[]>).map(([code, levels]) => `${code}:${[...levels].sort((x, y) => x - y).join(',')}`).join(';');
  return String(v);
}
