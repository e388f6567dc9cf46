import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';

const HEADERS = ['机构编号', '机构名称', '所在地区代码', '市(州)代码', '省级代码', '备案层级', '备案状态', '备案受理日期', '备案日期', '备案职业(工种)代码', '备案级别', '未下放的在蓉省属机构'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx as the registry would send it: the template's headers, then one row per organisation. */
async function sheet(rows: unknown[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构名录');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const NEW_ORG = ['org-dy-import', '德阳某新评价机构', '510603', '510600', '510000', '县级', '已提交备案材料', '', '', '4-01-02-01', '', '否'];
// 绵阳市技师学院 as it stands, but filed for 6-18-01-01 too, with levels, on a date cell
const MY_FILED = ['org-my-filed', '绵阳市技师学院(已备案评价机构)', '510703', '510700', '510000', '市级', '已备案', '2023-03-01', new Date(Date.UTC(2023, 4, 10)), '4-01-02-01;6-18-01-01', '4-01-02-01:3,4,5;6-18-01-01:5', '否'];
const CD_CITY = ['org-cd-city', '成都某职业技能培训学校(属地评价机构)', '510106', '510100', '510000', '市级', '已备案', '2023-01-10', '2023-02-20', '', '', '否'];

/**
 * Issue 12, organisations: the .xlsx import of the registry's organisation list — a dry run listing
 * per row what would be created or changed and every problem by row and column, then the apply, all
 * or nothing; rows outside the admin's region refused; a template with Chinese headers.
 */
describe.each(storeTargets())('POST /api/admin/organisation-imports on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatformOn(store);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const upload = async (username: string, mode: 'preview' | 'apply', file: Buffer, name = '名录.xlsx') => (await t.login(username)).post('/api/admin/organisation-imports').field('mode', mode).attach('file', file, { filename: name, contentType: XLSX });
  const orgRows = async () => (await t.platform.db.knex('organisations').orderBy('id')) as Array<Record<string, unknown>>;
  const auditCount = async () => Number((await t.platform.db.knex('audit_log').where({ entity_type: 'organisation' }).count({ n: '*' }))[0]!.n);

  it('offers a template with the Chinese headers and how to fill them in', async () => {
    // when
    const res = await (await t.login('admin')).get('/api/admin/organisation-imports/template.xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    // then
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('机构名录导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(wb.worksheets[1]!.name).toBe('填写说明');
    // and a reviewer may not have it
    expect((await (await t.login('city-deyang')).get('/api/admin/organisation-imports/template.xlsx')).status).toBe(403);
  });

  it('a bad file: every problem with its row and column in Chinese, and neither the dry run nor the apply changes anything', async () => {
    // given a file whose good rows sit beside bad ones: a code that does not nest, a status not in the list,
    // levels of an occupation not filed, a date that is none, a Gansu organisation, a repeated id
    const file = await sheet([
      NEW_ORG,
      ['org-dy-bad', '德阳某机构', '510603', '510700', '510000', '', '已备案了', '', '', '', '', ''],
      ['org-my-applied', '绵阳某汽车服务有限公司(备案已受理)', '510704', '510700', '510000', '县级', '备案申请已受理', '2025-13-01', '', '4-01-02-01', '6-18-01-01:3', ''],
      ['org-gs-x', '兰州某机构', '620102', '620100', '620000', '', '未备案', '', '', '', '', ''],
      NEW_ORG,
    ]);
    const before = await orgRows();
    const audits = await auditCount();
    // when
    const preview = await upload('admin', 'preview', file);
    const apply = await upload('admin', 'apply', file);
    // then the dry run lists each problem at its cell
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.applied).toBe(false);
    const at = (p: { row: number; column: string; message: string }) => `${p.row}${p.column} ${p.message}`;
    expect(preview.body.problems.map(at)).toEqual([
      '3D 市(州)代码 510700 与所在地区代码 510603 不对应',
      '3G 备案状态「已备案了」应为已备案、备案申请已受理、已提交备案材料或未备案',
      '4H 「2025-13-01」不是日期,请写成 2026-05-20',
      '4K 职业(工种)代码 6-18-01-01 不在备案职业中',
      '5C 所在地区 620102 不在本地区(510000)范围内,不能导入',
      '6A 机构编号「org-dy-import」与第 2 行重复',
    ]);
    expect(preview.body.rows).toEqual([expect.objectContaining({ row: 2, id: 'org-dy-import', action: 'create' })]);
    // and the apply is refused with the same problems, each naming row and column
    expect(apply.status).toBe(422);
    expect(apply.headers['content-type']).toContain('application/problem+json');
    expect(apply.body.title).toBe('导入文件有问题,未作任何修改');
    expect(apply.body.problems[0].message).toBe('第 3 行 D 列(市(州)代码):市(州)代码 510700 与所在地区代码 510603 不对应');
    // and nothing changed, not even the good row
    expect(await orgRows()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('a good file: the dry run says what will be created and changed, writes nothing; the apply writes it all, audited, and the rules read it', async () => {
    // given one new organisation, one changed (an occupation and levels added), one as it stands
    const file = await sheet([NEW_ORG, MY_FILED, CD_CITY]);
    const before = await orgRows();
    // when
    const preview = await upload('admin', 'preview', file);
    // then
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ applied: false, created: 1, updated: 1, unchanged: 1, problems: [] });
    const changed = preview.body.rows.find((r: { id: string }) => r.id === 'org-my-filed');
    expect(changed.changes).toEqual([
      { field: 'occupations', label: '备案职业(工种)代码', before: '4-01-02-01', after: '4-01-02-01;6-18-01-01' },
      { field: 'filedLevels', label: '备案级别', before: '', after: '4-01-02-01:3,4,5;6-18-01-01:5' },
    ]);
    expect(await orgRows()).toEqual(before);

    // when
    const applied = await upload('admin', 'apply', file);
    // then
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, created: 1, updated: 1, unchanged: 1 });
    const created = await t.platform.services.registry.getOrganisation('org-dy-import');
    expect(created).toMatchObject({ name: '德阳某新评价机构', level: 'county', filingStatus: 'SUBMITTED', cityCode: '510600', occupations: ['4-01-02-01'], filedLevels: null });
    expect((await t.platform.services.registry.getOrganisationFacts('org-my-filed', '2026-06-01')).filedLevels).toEqual({ '4-01-02-01': [3, 4, 5], '6-18-01-01': [5] });
    expect(await t.platform.services.registry.getRecommenderFacts('org-dy-import', '2026-06-01')).toMatchObject({ filingStatus: 'SUBMITTED' });
    const trail = (await t.platform.db.knex('audit_log').whereIn('action', ['organisation.created', 'organisation.updated', 'organisation.imported']).orderBy('id').select('action', 'entity_id', 'detail')) as Array<{ action: string; entity_id: string; detail: string }>;
    expect(trail.map((a) => `${a.action} ${a.entity_id}`)).toEqual(['organisation.created org-dy-import', 'organisation.updated org-my-filed', 'organisation.imported organisations']);
    expect(JSON.parse(trail[1]!.detail)).toMatchObject({ before: { occupations: ['4-01-02-01'] }, after: { occupations: ['4-01-02-01', '6-18-01-01'] }, via: 'import' });

    // and imported again, nothing is left to change
    const again = await upload('admin', 'preview', file);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('another province’s admin cannot import into Sichuan or rewrite a Sichuan organisation; a reviewer cannot import; a file that is no workbook is refused', async () => {
    // given
    const before = await orgRows();
    const gsRow = ['org-my-filed', '改名', '620102', '620100', '620000', '', '未备案', '', '', '', '', ''];
    // when
    const intoSichuan = await upload('admin-gansu', 'apply', await sheet([NEW_ORG.map((v, i) => (i === 0 ? 'org-gs-into-sc' : v))]));
    const rewrite = await upload('admin-gansu', 'preview', await sheet([gsRow]));
    const reviewer = await upload('province-sichuan', 'preview', await sheet([NEW_ORG]));
    const notXlsx = await upload('admin', 'preview', Buffer.from('机构编号,机构名称\n'), '名录.csv');
    const unknownColumn = await upload('admin', 'preview', await sheet([NEW_ORG.slice(0, 2)], ['机构编号', '机构名字']));
    // then
    expect(intoSichuan.status).toBe(422);
    expect(intoSichuan.body.problems.map((p: { message: string }) => p.message)).toEqual(['第 2 行 C 列(所在地区代码):所在地区 510603 不在本地区(620000)范围内,不能导入']);
    expect(rewrite.body.problems).toEqual([{ row: 2, column: 'A', header: '机构编号', message: '机构编号 org-my-filed 不能在本地区使用,请换一个编号' }]);
    expect(reviewer.status).toBe(403);
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.title).toBe('文件不是有效的 .xlsx 工作簿');
    expect(unknownColumn.body.problems.map((p: { row: number; column: string; message: string }) => `${p.row}${p.column} ${p.message}`)).toEqual(['1B 不认识的列「机构名字」,请使用模板中的列名', expect.stringContaining('缺少必填列「机构名称」'), expect.stringContaining('缺少必填列「所在地区代码」'), expect.stringContaining('缺少必填列「市(州)代码」'), expect.stringContaining('缺少必填列「省级代码」'), expect.stringContaining('缺少必填列「备案状态」')]);
    expect(await orgRows()).toEqual(before);
    // and each admin's list holds only their region's organisations
    const sichuan = (await (await t.login('admin')).get('/api/admin/organisations')).body as Array<{ id: string }>;
    const gansu = (await (await t.login('admin-gansu')).get('/api/admin/organisations')).body as Array<{ id: string }>;
    expect(sichuan.map((o) => o.id)).toContain('org-my-filed');
    expect(sichuan.map((o) => o.id)).not.toContain('org-gs-city');
    expect(gansu.map((o) => o.id).sort()).toEqual(['org-gs-city', 'org-gs-provincial']);
  });
});
