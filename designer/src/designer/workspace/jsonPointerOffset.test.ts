import { describe, expect, it } from 'vitest';
import { jsonPointerOffset } from './jsonPointerOffset.ts';

const text = JSON.stringify({ id: 'x', rules: [{ name: 'a', clause: 'SC-1' }, { name: 'b', 'a/b': { deep: [1, 2] } }] }, null, 2);
const at = (p: string) => {
  const o = jsonPointerOffset(text, p);
  return o === null ? null : text.slice(o, o + 6);
};

describe('jsonPointerOffset', () => {
  it('finds the value a pointer names, through objects and arrays, with escaped segments', () => {
    expect(at('')).toBe('{\n  "i');
    expect(at('/id')).toBe('"x",\n ');
    expect(at('/rules/0/clause')).toBe('"SC-1"');
    expect(at('/rules/1/a~1b/deep/1')).toBe('2\n    ');
  });
  it('falls back to the deepest parent that exists (a missing required property), and null for text that is not JSON', () => {
    expect(at('/rules/1/clause')).toBe('{\n    ');
    expect(at('/rules/7')).toBe('[\n    ');
    expect(jsonPointerOffset('{"a": ', '/a')).toBeNull();
  });
});
