import { describe, expect, it } from 'vitest';
import { safeFileName } from './safeFileName.ts';

describe('safeFileName', () => {
  it('strips control characters, direction overrides and paths', () => {
    // given / when / then
    expect(safeFileName('证书\r\nSet-Cookie: x=1.pdf')).toBe('证书Set-Cookie: x=1.pdf');
    expect(safeFileName('a\u0000b\u001b[31m.pdf')).toBe('ab[31m.pdf');
    expect(safeFileName('scan\u202Efdp.exe')).toBe('scanfdp.exe');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\照片.jpg')).toBe('照片.jpg');
    expect(safeFileName('.hidden')).toBe('hidden');
  });

  it('falls back to a name when nothing is left and keeps at most 255 characters', () => {
    // given / when / then
    expect(safeFileName('\u0001\u0002')).toBe('附件');
    expect(safeFileName('')).toBe('附件');
    expect([...safeFileName('名'.repeat(300))]).toHaveLength(255);
  });
});
