import { layoutHeaderRows, leafHeaders } from './exportHeaderGrid.ts';
import { pointerOf } from './jsonPointer.ts';
import type { ExportSpec, Problem } from './packageTypes.ts';

/**
 * Checks what the JSON schema cannot: the header rows form a rectangle as wide as the columns, and
 * each column's header is the header cell over it (so a reordered column is caught, not exported
 * under the wrong heading).
 */
export function checkExportSpec(file: string, spec: ExportSpec): Problem[] {
  const problems: Problem[] = [];
  const grid = layoutHeaderRows(spec.headerRows);
  for (const p of grid.problems) {
    problems.push({ file, pointer: pointerOf('headerRows', ...p.at), message: p.message, severity: 'error', code: 'EXPORT_HEADER_SHAPE' });
  }
  if (grid.width !== spec.columns.length) {
    problems.push({ file, pointer: '/columns', message: `表头共 ${grid.width} 列,而 columns 定义了 ${spec.columns.length} 列`, severity: 'error', code: 'EXPORT_HEADER_WIDTH' });
    return problems;
  }
  const leaves = leafHeaders(grid);
  spec.columns.forEach((c, i) => {
    if (normalise(leaves[i]) !== normalise(c.header)) {
      problems.push({ file, pointer: pointerOf('columns', i, 'header'), message: `第 ${i + 1} 列的列名「${c.header}」与其上方的表头「${leaves[i] ?? ''}」不一致`, severity: 'error', code: 'EXPORT_HEADER_MISMATCH' });
    }
  });
  return problems;
}

// Line breaks inside a header cell are layout, not part of its name.
const normalise = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');
