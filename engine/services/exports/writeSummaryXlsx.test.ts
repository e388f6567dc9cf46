import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportSpec } from '../../packages/packageTypes.ts';
import { matchesRowFilter, summaryRows, type SummaryEntry } from './summaryRows.ts';
import { writeSummaryXlsx } from './writeSummaryXlsx.ts';

// A table with a two-row header (「中国式复杂表头」): 序号 and 姓名 span both rows, 证书 spans two columns.
const spec: ExportSpec = {
  id: 'demo',
  title: '演示汇总表',
  attachment: '附件9',
  clause: 'XX99-01',
  preambleLines: ['填报单位:(盖章)'],
  headerRows: [
    [{ text: '序号', rowSpan: 2 }, { text: '姓名', rowSpan: 2 }, { text: '证书', colSpan: 2 }, { text: '类别', rowSpan: 2 }, { text: '出生日期', rowSpan: 2 }],
    [{ text: '名称' }, { text: '发证日期' }],
  ],
  columns: [
    { header: '序号', source: { platform: 'sequence' }, clause: 'XX99-01', width: 6 },
    { header: '姓名', source: { platform: 'applicantName' }, clause: 'XX99-02', width: 10 },
    { header: '名称', source: { pointer: '/qualifications' }, format: { kind: 'join', item: '/name', separator: '、' }, clause: 'XX99-03' },
    { header: '发证日期', source: { pointer: '/qualifications/0/issuedOn' }, format: { kind: 'date' }, clause: 'XX99-03' },
    { header: '类别', source: { pointer: '/applicantType' }, format: { kind: 'label', labels: { EXAMINER: '考评员', SUPERVISOR: '质量督导员' } }, clause: 'XX99-04' },
    { header: '出生日期', source: { platform: 'submittedOn' }, format: { kind: 'date' }, clause: 'XX99-05', width: 12 },
  ],
  footerLines: ['经办人:        联系电话:        填报时间:    年    月    日'],
  page: { paperSize: 'A4', orientation: 'landscape', repeatHeaderRows: true },
};

const entry = (over: Partial<SummaryEntry>): SummaryEntry => ({ applicationId: 'a', data: {}, applicantName: null, submittedAt: null, statusLabel: '审核中', stage: null, recommenderOrgName: null, ...over });

describe('summaryRows', () => {
  it('formats each cell by its column rule: sequence, joined lists, yyyy-mm-dd text dates, Chinese labels', () => {
    // given
    const entries = [
      entry({ applicantName: '张伟', submittedAt: '2024-04-10T16:30:00.000Z', data: { applicantType: 'SUPERVISOR', qualifications: [{ name: '汽车维修工', issuedOn: '2019-06-30' }, { name: '工程师' }] } }),
      entry({ applicantName: '刘娜', submittedAt: '2024-04-11T01:00:00.000Z', data: { applicantType: 'OTHER' } }),
    ];

    // when
    const rows = summaryRows(spec, entries);

    // then: 16:30Z is the next day in Shanghai; an unknown code is written as it is
    expect(rows).toEqual([
      [1, '张伟', '汽车维修工、工程师', '2019-06-30', '质量督导员', '2024-04-11'],
      [2, '刘娜', null, null, 'OTHER', '2024-04-11'],
    ]);
  });

  it('keeps only the applications the row filter names', () => {
    // given
    const filtered: ExportSpec = { ...spec, rowFilter: { pointer: '/applicantType', in: ['SUPERVISOR'] } };

    // when / then
    expect(matchesRowFilter(filtered, { applicantType: 'SUPERVISOR' })).toBe(true);
    expect(matchesRowFilter(filtered, { applicantType: 'EXAMINER' })).toBe(false);
    expect(matchesRowFilter(spec, {})).toBe(true);
  });
});

describe('writeSummaryXlsx', () => {
  it('writes the merged title, the two header rows with their merges, bordered 宋体 cells, text dates, widths, A4 landscape and repeated header rows', async () => {
    // given
    const rows = summaryRows(spec, [entry({ applicantName: '张伟', submittedAt: '2024-04-10T08:00:00.000Z', data: { applicantType: 'EXAMINER', qualifications: [{ name: '汽车维修工', issuedOn: '2019-06-30' }] } })]);

    // when
    const buf = await writeSummaryXlsx(spec, rows);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;

    // then: layout
    expect(ws.name).toBe('附件9');
    expect(ws.getCell('A1').value).toBe('演示汇总表');
    expect(ws.getCell('A2').value).toBe('填报单位:(盖章)');
    const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
    expect(merges).toEqual(['A1:F1', 'A2:F2', 'A3:A4', 'A6:F6', 'B3:B4', 'C3:D3', 'E3:E4', 'F3:F4'].sort());
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['序号', '姓名', '证书', '证书', '类别', '出生日期']);
    expect([3, 4].map((c) => ws.getRow(4).getCell(c).value)).toEqual(['名称', '发证日期']);
    // then: the data row, dates as text
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(5).getCell(c).value)).toEqual([1, '张伟', '汽车维修工', '2019-06-30', '考评员', '2024-04-10']);
    expect(ws.getRow(5).getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(5).getCell(4).numFmt).toBe('@');
    // one data row only; the footer follows it
    expect(ws.getCell('A6').value).toBe('经办人:        联系电话:        填报时间:    年    月    日');
    // then: style and print setup
    expect(ws.getCell('B5').font?.name).toBe('宋体');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('C3').border?.top?.style).toBe('thin');
    expect(ws.getCell('B5').border?.bottom?.style).toBe('thin');
    expect(ws.getColumn(1).width).toBe(6);
    expect(ws.getColumn(6).width).toBe(12);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
  });
});
