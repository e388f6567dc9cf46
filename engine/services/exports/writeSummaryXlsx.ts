import ExcelJS from 'exceljs';
import { layoutHeaderRows } from '../../packages/exportHeaderGrid.ts';
import type { ExportSpec } from '../../packages/packageTypes.ts';

/** One value per column of the specification, already formatted (dates as yyyy-mm-dd text, labels in Chinese). */
export type SummaryCell = string | number | null;

const FONT = '宋体';
const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
// OOXML paper size codes.
const PAPER: Record<string, number> = { A4: 9, A3: 8 };

/**
 * Writes a summary table (汇总表) as .xlsx: the title merged over the table, the preamble lines,
 * the header rows with their merges, one bordered row per entry, the footer lines; 宋体 throughout,
 * column widths from the specification, paper and orientation set, header rows repeated on every
 * printed page. The only module that knows the spreadsheet library (exceljs is unmaintained: keep
 * it replaceable).
 */
export async function writeSummaryXlsx(spec: ExportSpec, rows: SummaryCell[][]): Promise<Buffer> {
  const grid = layoutHeaderRows(spec.headerRows);
  const width = spec.columns.length;
  const headerHeight = spec.headerRows.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = '技能人才评价平台';
  const ws = wb.addWorksheet(sheetName(spec.attachment || spec.id), {
    pageSetup: {
      paperSize: PAPER[spec.page?.paperSize ?? 'A4'] as ExcelJS.PaperSize,
      orientation: spec.page?.orientation ?? 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? 12;
  });

  let r = 1;
  const fullLine = (text: string, style: { size: number; bold?: boolean; align: 'center' | 'left'; height?: number }) => {
    ws.mergeCells(r, 1, r, width);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: FONT, size: style.size, bold: style.bold ?? false };
    cell.alignment = { horizontal: style.align, vertical: 'middle', wrapText: false };
    if (style.height) ws.getRow(r).height = style.height;
    r++;
  };
  fullLine(spec.title, { size: 16, bold: true, align: 'center', height: 32 });
  for (const line of spec.preambleLines ?? []) fullLine(line, { size: 11, align: 'left', height: 20 });

  const headerTop = r;
  for (let hr = 0; hr < headerHeight; hr++) {
    const row = ws.getRow(headerTop + hr);
    row.height = 32;
    for (let c = 1; c <= width; c++) styleCell(row.getCell(c), { bold: true, center: true });
  }
  for (const h of grid.cells) {
    const top = headerTop + h.row;
    const left = h.col + 1;
    if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(top, left, top + h.rowSpan - 1, left + h.colSpan - 1);
    ws.getCell(top, left).value = h.text;
  }
  r = headerTop + headerHeight;

  for (const values of rows) {
    const row = ws.getRow(r++);
    spec.columns.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      const v = values[i] ?? null;
      cell.value = v;
      // Text columns stay text in Excel (ID numbers lose digits as numbers; dates must be yyyy-mm-dd text).
      if (typeof v === 'string') cell.numFmt = '@';
      styleCell(cell, { center: col.source && 'platform' in col.source && col.source.platform === 'sequence' });
    });
  }
  for (const line of spec.footerLines ?? []) fullLine(line, { size: 11, align: 'left', height: 20 });

  if (spec.page?.repeatHeaderRows ?? true) ws.pageSetup.printTitlesRow = `${headerTop}:${headerTop + headerHeight - 1}`;
  ws.views = [{ state: 'frozen', ySplit: headerTop + headerHeight - 1, xSplit: 0 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function styleCell(cell: ExcelJS.Cell, o: { bold?: boolean; center?: boolean }) {
  cell.font = { name: FONT, size: 11, bold: o.bold ?? false };
  cell.border = BORDER;
  cell.alignment = { horizontal: o.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(s: string): string {
  return s.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}
