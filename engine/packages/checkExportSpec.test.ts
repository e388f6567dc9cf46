import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutHeaderRows, leafHeaders } from './exportHeaderGrid.ts';
import { loadPackage } from './loadPackage.ts';

const SOURCE = path.resolve('deployments/sichuan/2024-renewal');
const SPEC = 'exports/supervisorRenewal.json';
let dir: string | undefined;

/** A copy of a real package with one export specification edited. */
function packageWith(edit: (spec: Record<string, any>, manifest: Record<string, any>) => void): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-spec-'));
  fs.cpSync(SOURCE, dir, { recursive: true });
  const spec = JSON.parse(fs.readFileSync(path.join(dir, SPEC), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  edit(spec, manifest);
  fs.writeFileSync(path.join(dir, SPEC), JSON.stringify(spec, null, 2));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('export specification checks at load', () => {
  it('loads the real package with its export specifications', async () => {
    // when
    const r = await loadPackage(SOURCE);

    // then
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(Object.keys(r.package!.exports).sort()).toEqual(['examinerRenewal', 'supervisorRenewal']);
  });

  it('reports a column without its clause and an unknown format with the file and the pointer', async () => {
    // given
    const d = packageWith((spec) => {
      delete spec.columns[4].clause;
      spec.columns[8].format = { kind: 'money' };
    });

    // when
    const r = await loadPackage(d);

    // then
    expect(r.ok).toBe(false);
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ file: SPEC, pointer: '/columns/4/clause', code: 'SCHEMA_REQUIRED' }));
    expect(errors.some((p) => p.file === SPEC && (p.pointer ?? '').startsWith('/columns/8/format'))).toBe(true);
    expect(errors.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
  });

  it('reports a column whose header is not the one over it, and header rows narrower than the columns', async () => {
    // given: two columns swapped, so 姓名 would be exported under 身份证号码
    const swapped = packageWith((spec) => {
      [spec.columns[1], spec.columns[2]] = [spec.columns[2], spec.columns[1]];
    });

    // when
    const r = await loadPackage(swapped);

    // then
    expect(r.problems).toContainEqual(expect.objectContaining({ file: SPEC, pointer: '/columns/1/header', code: 'EXPORT_HEADER_MISMATCH', severity: 'error' }));
    expect(r.problems).toContainEqual(expect.objectContaining({ file: SPEC, pointer: '/columns/2/header', code: 'EXPORT_HEADER_MISMATCH' }));

    // given: one header cell fewer than columns
    fs.rmSync(swapped, { recursive: true, force: true });
    const narrow = packageWith((spec) => {
      spec.headerRows[0].pop();
    });

    // when
    const r2 = await loadPackage(narrow);

    // then
    expect(r2.problems).toContainEqual(expect.objectContaining({ file: SPEC, pointer: '/columns', code: 'EXPORT_HEADER_WIDTH', severity: 'error' }));
  });

  it('reports a missing export file at its manifest entry, and a mismatched id in the file', async () => {
    // given
    const d = packageWith((spec, manifest) => {
      spec.id = 'somethingElse';
      manifest.exports.push({ id: 'gone', file: 'exports/gone.json' });
    });

    // when
    const r = await loadPackage(d);

    // then
    expect(r.problems).toContainEqual(expect.objectContaining({ file: 'manifest.json', pointer: '/exports/2/file', code: 'MISSING_FILE' }));
    expect(r.problems).toContainEqual(expect.objectContaining({ file: SPEC, pointer: '/id', code: 'EXPORT_ID_MISMATCH' }));
  });
});

describe('layoutHeaderRows', () => {
  it('places multi-row header cells like an HTML table and names each column by its lowest cell', () => {
    // when
    const grid = layoutHeaderRows([
      [{ text: '序号', rowSpan: 2 }, { text: '证书', colSpan: 2 }, { text: '备注', rowSpan: 2 }],
      [{ text: '名称' }, { text: '日期' }],
    ]);

    // then
    expect(grid.problems).toEqual([]);
    expect(grid.width).toBe(4);
    expect(grid.cells.map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      ['序号', 0, 0, 2, 1],
      ['证书', 0, 1, 1, 2],
      ['备注', 0, 3, 2, 1],
      ['名称', 1, 1, 1, 1],
      ['日期', 1, 2, 1, 1],
    ]);
    expect(leafHeaders(grid)).toEqual(['序号', '名称', '日期', '备注']);
  });

  it('reports a row span past the last header row and rows of different widths', () => {
    // when
    const grid = layoutHeaderRows([[{ text: 'A', rowSpan: 3 }, { text: 'B' }], [{ text: 'C' }, { text: 'D' }]]);

    // then
    // row 1 is three wide (A covers its first place), row 0 only two
    expect(grid.problems.map((p) => p.at)).toEqual([[0, 0], [0]]);
  });
});
