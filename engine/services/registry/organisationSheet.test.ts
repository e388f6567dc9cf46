import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ORGANISATION_COLUMNS, readOrganisationSheet, writeOrganisationTemplate } from './organisationSheet.ts';

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'org-sheet-'));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function file(build: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('名录'));
  const p = path.join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(p);
  return p;
}

/** The registry's list as people fill it in Excel: cells typed as numbers, dates, rich text, formulas, full-width punctuation. */
describe('readOrganisationSheet', () => {
  it('reads the template back: its example row is a valid organisation', async () => {
    // given
    const p = path.join(dir, 'template.xlsx');
    await fs.writeFile(p, await writeOrganisationTemplate());
    // when
    const { rows, problems } = await readOrganisationSheet(p);
    // then
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        organisation: { id: 'org-dy-new', name: '德阳市某职业技能等级评价机构', regionCode: '510603', cityCode: '510600', provinceCode: '510000', level: 'city', filingStatus: 'FILED', filingAcceptedDate: '2026-03-01', filedDate: '2026-05-20', occupations: ['4-01-02-01', '6-18-01-01'], filedLevels: { '4-01-02-01': [3, 4, 5], '6-18-01-01': [4, 5] }, isUndelegatedProvincialInChengdu: false },
      },
    ]);
  });

  it('takes columns in any order, codes typed as numbers, date cells, 2026/5/20, rich text, formula results and full-width punctuation', async () => {
    // given
    const p = await file((ws) => {
      ws.addRow(['备案状态', ' 机构名称 ', '机构编号', '所在地区代码', '市(州)代码', '省级代码', '备案日期', '备案受理日期', '备案职业(工种)代码', '备案级别', '未下放的在蓉省属机构']);
      ws.addRow(['已备案', { richText: [{ text: '成都某' }, { text: '学校' }] }, 'org-cd-x', 510107, 510100, { formula: '510000', result: 510000 }, new Date(Date.UTC(2024, 1, 29)), '2023/9/1', '4-01-02-01、6-18-01-01', '4-01-02-01:5,4;6-18-01-01:3', '是']);
      ws.addRow([]);
    });
    // when
    const { rows, problems } = await readOrganisationSheet(p);
    // then
    expect(problems).toEqual([]);
    expect(rows[0]!.organisation).toEqual({ id: 'org-cd-x', name: '成都某学校', regionCode: '510107', cityCode: '510100', provinceCode: '510000', level: null, filingStatus: 'FILED', filingAcceptedDate: '2023-09-01', filedDate: '2024-02-29', occupations: ['4-01-02-01', '6-18-01-01'], filedLevels: { '4-01-02-01': [4, 5], '6-18-01-01': [3] }, isUndelegatedProvincialInChengdu: true });
  });

  it('names the cell of each problem: a filed organisation without its date, a bad flag, levels out of range, a bad id', async () => {
    // given
    const p = await file((ws) => {
      ws.addRow(ORGANISATION_COLUMNS.map((c) => c.header));
      ws.addRow(['org x', '某机构', '510603', '510600', '510000', '区级', '已备案', '', '', '4-01-02-01', '4-01-02-01:6', '不是']);
    });
    // when
    const { rows, problems } = await readOrganisationSheet(p);
    // then
    expect(rows).toEqual([]);
    expect(problems.map((x) => `${x.row}${x.column} ${x.header}:${x.message}`)).toEqual([
      '2A 机构编号:机构编号「org x」只能含字母、数字、下划线或连字符,最长 64 位',
      '2F 备案层级:备案层级「区级」应为省级、市级或县级',
      '2I 备案日期:已备案的机构须填写备案日期',
      '2K 备案级别:4-01-02-01 的备案级别应为 1–5 且不重复',
      '2L 未下放的在蓉省属机构:「不是」应为是或否',
    ]);
  });

  it('says so when the sheet has headers but no organisation', async () => {
    const p = await file((ws) => ws.addRow(ORGANISATION_COLUMNS.map((c) => c.header)));
    expect((await readOrganisationSheet(p)).problems.map((x) => x.message)).toEqual(['表中没有机构(从第二行起每行一个机构)']);
  });
});
