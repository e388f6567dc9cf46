import type { ExportHeaderCell } from './packageTypes.ts';

/** A header cell placed on the grid: 0-based row and column, and how far it spans. */
export interface PlacedHeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Indexes of the cell in the specification, for error pointers. */
  at: [number, number];
}

export interface HeaderGrid {
  cells: PlacedHeaderCell[];
  width: number;
  /** Each problem names the specification cell, as [row, cell] indexes. */
  problems: Array<{ at: [number] | [number, number]; message: string }>;
}

/**
 * Lays out multi-row header rows (「中国式复杂表头」) as HTML tables do: each cell takes the next free
 * position of its row, skipping places covered by a rowSpan from above. Used by the loader (to check
 * a specification) and by the writer (to merge the cells), so both agree on the shape.
 */
export function layoutHeaderRows(rows: ExportHeaderCell[][]): HeaderGrid {
  const taken = new Set<string>();
  const cells: PlacedHeaderCell[] = [];
  const problems: HeaderGrid['problems'] = [];
  const widths: number[] = [];
  rows.forEach((row, r) => {
    let col = 0;
    row.forEach((cell, c) => {
      while (taken.has(`${r}:${col}`)) col++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      if (r + rowSpan > rows.length) problems.push({ at: [r, c], message: `表头「${cell.text}」跨 ${rowSpan} 行,超出了表头的 ${rows.length} 行` });
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr}:${col + dc}`);
      cells.push({ text: cell.text, row: r, col, rowSpan: Math.min(rowSpan, rows.length - r), colSpan, at: [r, c] });
      col += colSpan;
    });
  });
  for (let r = 0; r < rows.length; r++) widths.push([...taken].filter((k) => k.startsWith(`${r}:`)).length);
  const width = Math.max(0, ...widths);
  widths.forEach((w, r) => {
    if (w !== width) problems.push({ at: [r], message: `表头第 ${r + 1} 行覆盖 ${w} 列,与其他行的 ${width} 列不一致` });
  });
  return { cells, width, problems };
}

/** The header text of each column: the cell covering it on the last header row (the one the column is named by). */
export function leafHeaders(grid: HeaderGrid): string[] {
  const last = Math.max(0, ...grid.cells.map((c) => c.row + c.rowSpan - 1));
  return Array.from({ length: grid.width }, (_, col) => grid.cells.find((c) => c.row <= last && last < c.row + c.rowSpan && c.col <= col && col < c.col + c.colSpan)?.text ?? '');
}
