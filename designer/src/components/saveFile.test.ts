import { describe, expect, it } from 'vitest';
import { fileNameOf } from './saveFile.ts';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    // then
    expect(fileNameOf(`attachment; filename="summary.xlsx"; filename*=UTF-8''${encodeURIComponent('考评员汇总表-2026-12-02.xlsx')}`, 'x.xlsx')).toBe('考评员汇总表-2026-12-02.xlsx');
    expect(fileNameOf('attachment; filename="summary.xlsx"', 'x.xlsx')).toBe('summary.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'x.xlsx')).toBe('x.xlsx');
  });
});
