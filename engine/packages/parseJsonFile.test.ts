import { describe, expect, it } from 'vitest';
import { parseJsonFile, positionOf } from './parseJsonFile.ts';

describe('parseJsonFile', () => {
  it('parses JSON, tolerating the byte-order mark Windows editors add', () => {
    // when / then
    expect(parseJsonFile('a.json', '\ufeff{ "a": 1 }')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names the file, line and column of a syntax error', () => {
    // given: a missing comma at the start of line 3
    const raw = '{\n  "id": "eligibility"\n  "rules": []\n}\n';
    // when
    const r = parseJsonFile('rules/eligibility.json', raw);
    // then
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ file: 'rules/eligibility.json', pointer: '', code: 'JSON_SYNTAX', severity: 'error', line: 3, column: 3 });
    expect(r.problem.message).toMatch(/^rules\/eligibility\.json 不是合法的 JSON:第 3 行第 3 列附近有语法错误/);
  });

  it('says when a file ends too early', () => {
    // when
    const r = parseJsonFile('manifest.json', '{ "id": "x",\n');
    // then
    expect(r.ok || r.problem.message).toContain('内容不完整');
  });

  it('counts lines and columns from 1', () => {
    // then
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
