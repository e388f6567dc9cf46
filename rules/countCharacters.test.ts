import { describe, expect, it } from 'vitest';
import { countCharacters } from './countCharacters.ts';

describe('countCharacters (C6, AMB-65)', () => {
  it('counts non-whitespace code points, CJK punctuation included, by default', () => {
    // then
    expect(countCharacters('本人从事考评工作。')).toBe(9);
    expect(countCharacters(' 考评\n工作\u3000 ')).toBe(4);
    expect(countCharacters('𠀀')).toBe(1); // outside the BMP: one code point, two UTF-16 units
  });

  it('counts CJK ideographs only in the alternative mode', () => {
    // then
    expect(countCharacters('本人从事考评工作。ABC 123', 'CJK_IDEOGRAPHS')).toBe(8);
  });
});
