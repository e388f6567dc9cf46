import ExcelJS from 'exceljs';
import { ValidationError } from '../../errors.ts';
import type { FilingStatus, Organisation, OrganisationInput } from './RegistryService.ts';

/** One column of the registry's organisation list, as the template names it. */
export interface OrganisationColumn {
  key: keyof ImportedOrganisation;
  header: string;
  required: boolean;
  width: number;
  /** How to fill it in (the template's second sheet). */
  note: string;
  example: string;
}

/** An organisation as one row of the sheet gives it: every master-data field but the suspension (a sanction matter). */
export type ImportedOrganisation = Required<Omit<OrganisationInput, 'recommendationSuspendedUntil'>>;

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = { FILED: '已备案', APPLIED: '备案申请已受理', SUBMITTED: '已提交备案材料', NONE: '未备案' };
export const LEVEL_LABELS: Record<NonNullable<Organisation['level']>, string> = { province: '省级', city: '市级', county: '县级' };

export const ORGANISATION_COLUMNS: OrganisationColumn[] = [
  { key: 'id', header: '机构编号', required: true, width: 20, note: '字母、数字、下划线或连字符,最长 64 位;名录中已有的编号修改该机构,没有的新增', example: 'org-dy-new' },
  { key: 'name', header: '机构名称', required: true, width: 36, note: '最长 128 字', example: '德阳市某职业技能等级评价机构' },
  { key: 'regionCode', header: '所在地区代码', required: true, width: 14, note: '6 位行政区划代码(区县或市),须在本地区范围内', example: '510603' },
  { key: 'cityCode', header: '市(州)代码', required: true, width: 12, note: '6 位,与所在地区代码前 4 位相同', example: '510600' },
  { key: 'provinceCode', header: '省级代码', required: true, width: 10, note: '6 位,与市(州)代码前 2 位相同', example: '510000' },
  { key: 'level', header: '备案层级', required: false, width: 10, note: '省级、市级或县级;可空', example: '市级' },
  { key: 'filingStatus', header: '备案状态', required: true, width: 16, note: '已备案、备案申请已受理、已提交备案材料或未备案', example: '已备案' },
  { key: 'filingAcceptedDate', header: '备案受理日期', required: false, width: 14, note: '日期,如 2026-03-01;可空', example: '2026-03-01' },
  { key: 'filedDate', header: '备案日期', required: false, width: 14, note: '日期,如 2026-05-20;可空', example: '2026-05-20' },
  { key: 'occupations', header: '备案职业(工种)代码', required: false, width: 28, note: '职业(工种)代码,多个用「;」或「、」分隔', example: '4-01-02-01;6-18-01-01' },
  { key: 'filedLevels', header: '备案级别', required: false, width: 30, note: '各职业的备案级别(1 一级/高级技师 … 5 五级/初级工):职业代码:级别,级别;多个职业用「;」分隔;可空(未登记)', example: '4-01-02-01:3,4,5;6-18-01-01:4,5' },
  { key: 'isUndelegatedProvincialInChengdu', header: '未下放的在蓉省属机构', required: false, width: 20, note: '是或否;空为否', example: '否' },
];

export interface SheetProblem {
  /** 1-based row of the sheet (1 = the header row). */
  row: number;
  /** Column letter, e.g. C. */
  column: string;
  header: string;
  message: string;
}

export interface SheetRow {
  row: number;
  organisation: ImportedOrganisation;
}

export const MAX_IMPORT_ROWS = 2000;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const REGION = /^\d{6}$/;
const OCCUPATION = /^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/;

/** The template: the header row in Chinese with one example row, and a sheet saying how to fill each column. */
export async function writeOrganisationTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '技能人才评价平台';
  const ws = wb.addWorksheet('机构名录');
  ws.columns = ORGANISATION_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.addRow(ORGANISATION_COLUMNS.map((c) => c.example));
  const header = ws.getRow(1);
  header.font = { name: '宋体', bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  // Codes must stay text: Excel would turn 4-01-02-01 into a date and drop leading zeros.
  for (let i = 1; i <= ORGANISATION_COLUMNS.length; i++) ws.getColumn(i).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'header', width: 22 },
    { header: '必填', key: 'required', width: 8 },
    { header: '填写说明', key: 'note', width: 90 },
  ];
  for (const c of ORGANISATION_COLUMNS) help.addRow({ header: c.header, required: c.required ? '是' : '否', note: c.note });
  help.addRow({});
  help.addRow({ header: '说明', note: '第一行为列名,从第二行起每行一个机构;整个文件全部导入或全部不导入,有任何问题时不作任何修改。推荐暂停等惩戒不在此导入。' });
  help.getRow(1).font = { name: '宋体', bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the registry's organisation list from an .xlsx file: the first sheet, row 1 the headers
 * (matched by name, any order), one organisation per row after it. Every problem is returned with
 * its row, column and a Chinese message; rows with problems are left out of `rows`.
 */
export async function readOrganisationSheet(filePath: string): Promise<{ rows: SheetRow[]; problems: SheetProblem[]; columns: Map<string, string> }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(filePath);
  } catch {
    throw new ValidationError('文件不是有效的 .xlsx 工作簿', '请使用下载的模板填写后上传 .xlsx 文件', [{ pointer: '/file', field: 'file', message: '无法读取该文件,请上传 Excel 工作簿(.xlsx)' }]);
  }
  const ws = wb.worksheets[0];
  const problems: SheetProblem[] = [];
  if (!ws) return { rows: [], problems: [{ row: 1, column: 'A', header: '', message: '工作簿中没有工作表' }], columns: new Map() };

  // Headers by name: a column the template does not know is refused (a misspelt optional column would otherwise be emptied silently).
  const byKey = new Map<OrganisationColumn['key'], number>();
  const headerRow = ws.getRow(1);
  for (let col = 1; col <= Math.max(headerRow.cellCount, 1); col++) {
    const text = cellText(headerRow.getCell(col).value).replace(/\s+/g, '');
    if (!text) continue;
    const def = ORGANISATION_COLUMNS.find((c) => c.header.replace(/\s+/g, '') === text);
    if (!def) problems.push({ row: 1, column: columnLetter(col), header: text, message: `不认识的列「${text}」,请使用模板中的列名` });
    else if (byKey.has(def.key)) problems.push({ row: 1, column: columnLetter(col), header: text, message: `列「${text}」重复` });
    else byKey.set(def.key, col);
  }
  for (const c of ORGANISATION_COLUMNS) {
    if (c.required && !byKey.has(c.key)) problems.push({ row: 1, column: columnLetter(headerRow.cellCount + 1), header: c.header, message: `缺少必填列「${c.header}」` });
  }
  const columns = new Map([...byKey].map(([k, col]) => [k as string, columnLetter(col)]));
  if (problems.length) return { rows: [], problems, columns };

  const rows: SheetRow[] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = new Map(ORGANISATION_COLUMNS.map((c) => [c.key, byKey.has(c.key) ? row.getCell(byKey.get(c.key)!).value : null] as const));
    if ([...raw.values()].every((v) => cellText(v) === '')) continue;
    if (++dataRows > MAX_IMPORT_ROWS) {
      problems.push({ row: r, column: 'A', header: '', message: `一次最多导入 ${MAX_IMPORT_ROWS} 个机构` });
      break;
    }
    const before = problems.length;
    const at = (key: OrganisationColumn['key'], message: string) => {
      const def = ORGANISATION_COLUMNS.find((c) => c.key === key)!;
      problems.push({ row: r, column: columnLetter(byKey.get(key) ?? 1), header: def.header, message });
    };
    const text = (key: OrganisationColumn['key']) => cellText(raw.get(key));

    const id = text('id');
    if (!id) at('id', '机构编号不能为空');
    else if (!ID.test(id) || id.length > 64) at('id', `机构编号「${id}」只能含字母、数字、下划线或连字符,最长 64 位`);
    else if (seen.has(id)) at('id', `机构编号「${id}」与第 ${seen.get(id)} 行重复`);
    else seen.set(id, r);
    const name = text('name');
    if (!name) at('name', '机构名称不能为空');
    else if (name.length > 128) at('name', '机构名称最长 128 字');
    const codes = {} as Record<'regionCode' | 'cityCode' | 'provinceCode', string>;
    for (const key of ['regionCode', 'cityCode', 'provinceCode'] as const) {
      codes[key] = text(key);
      if (!REGION.test(codes[key])) at(key, codes[key] ? `「${codes[key]}」不是 6 位行政区划代码` : '行政区划代码不能为空');
    }
    if (REGION.test(codes.regionCode) && REGION.test(codes.cityCode) && codes.regionCode.slice(0, 4) !== codes.cityCode.slice(0, 4)) at('cityCode', `市(州)代码 ${codes.cityCode} 与所在地区代码 ${codes.regionCode} 不对应`);
    if (REGION.test(codes.cityCode) && REGION.test(codes.provinceCode) && codes.cityCode.slice(0, 2) !== codes.provinceCode.slice(0, 2)) at('provinceCode', `省级代码 ${codes.provinceCode} 与市(州)代码 ${codes.cityCode} 不对应`);

    const levelText = text('level');
    const level = levelText ? ((Object.entries(LEVEL_LABELS).find(([, l]) => l === levelText)?.[0] as Organisation['level'] | undefined) ?? undefined) : null;
    if (level === undefined) at('level', `备案层级「${levelText}」应为省级、市级或县级`);
    const statusText = text('filingStatus');
    const filingStatus = Object.entries(FILING_STATUS_LABELS).find(([, l]) => l === statusText)?.[0] as FilingStatus | undefined;
    if (!filingStatus) at('filingStatus', statusText ? `备案状态「${statusText}」应为已备案、备案申请已受理、已提交备案材料或未备案` : '备案状态不能为空');
    const dates = {} as Record<'filingAcceptedDate' | 'filedDate', string | null>;
    for (const key of ['filingAcceptedDate', 'filedDate'] as const) {
      const d = cellDate(raw.get(key));
      if (d === undefined) at(key, `「${text(key)}」不是日期,请写成 2026-05-20`);
      dates[key] = d ?? null;
    }
    if (filingStatus === 'FILED' && !dates.filedDate) at('filedDate', '已备案的机构须填写备案日期');

    const occupations = splitList(text('occupations'));
    const badOccupation = occupations.find((o) => !OCCUPATION.test(o));
    if (badOccupation) at('occupations', `职业(工种)代码「${badOccupation}」格式不正确`);
    if (new Set(occupations).size !== occupations.length) at('occupations', '职业(工种)代码重复');
    const filedLevels = parseFiledLevels(text('filedLevels'), occupations, (m) => at('filedLevels', m));
    const flagText = text('isUndelegatedProvincialInChengdu');
    const flag = flagText === '' || flagText === '否' ? false : flagText === '是' ? true : undefined;
    if (flag === undefined) at('isUndelegatedProvincialInChengdu', `「${flagText}」应为是或否`);

    if (problems.length === before) {
      rows.push({ row: r, organisation: { id, name, ...codes, level: level ?? null, filingStatus: filingStatus!, ...dates, occupations, filedLevels, isUndelegatedProvincialInChengdu: flag! } as ImportedOrganisation });
    }
  }
  if (!dataRows && !problems.length) problems.push({ row: 2, column: 'A', header: ORGANISATION_COLUMNS[0]!.header, message: '表中没有机构(从第二行起每行一个机构)' });
  return { rows, problems, columns };
}

/** `4-01-02-01:3,4,5;6-18-01-01:4,5` (full-width punctuation too) → levels per occupation; null when empty. */
function parseFiledLevels(text: string, occupations: string[], problem: (message: string) => void): Record<string, number[]> | null {
  if (!text) return null;
  const out: Record<string, number[]> = {};
  for (const part of text.split(/[;;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^::]+)[::](.+)$/.exec(part);
    if (!m) {
      problem(`「${part}」应写成 职业代码:级别,级别`);
      continue;
    }
    const code = m[1]!.trim();
    const levels = m[2]!.split(/[,,、\s]+/).filter(Boolean).map((l) => Number(l));
    if (!occupations.includes(code)) problem(`职业(工种)代码 ${code} 不在备案职业中`);
    else if (!levels.length || levels.some((l) => !Number.isInteger(l) || l < 1 || l > 5) || new Set(levels).size !== levels.length) problem(`${code} 的备案级别应为 1–5 且不重复`);
    else if (out[code]) problem(`${code} 的备案级别重复填写`);
    else out[code] = [...levels].sort((a, b) => a - b);
  }
  return out;
}

function splitList(text: string): string[] {
  return text.split(/[;;、,,\n]/).map((s) => s.trim()).filter(Boolean);
}

/** The text a person sees in a cell, trimmed: rich text, hyperlinks and formula results included. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

/** A date cell, or text as 2026-05-20 / 2026/5/20 / 2026.5.20; null when empty, undefined when not a date. */
function cellDate(v: ExcelJS.CellValue): string | null | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : isoDate(v);
  const text = cellText(v);
  if (!text) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || isoDate(d) !== iso ? undefined : iso;
}

// exceljs gives a date cell as midnight UTC of that day.
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
