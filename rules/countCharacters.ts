export type CharacterCountMode = 'NON_WHITESPACE' | 'CJK_IDEOGRAPHS';

/**
 * 「不少于N字」 (C6): by default every non-whitespace code point, CJK punctuation included;
 * the alternative of AMB-65 counts CJK ideographs only. Code points, not UTF-16 units, so a
 * rare ideograph outside the BMP counts once.
 */
export function countCharacters(text: string, mode: CharacterCountMode = 'NON_WHITESPACE'): number {
  const pattern = mode === 'CJK_IDEOGRAPHS' ? /\p{Unified_Ideograph}/u : /\S/u;
  let n = 0;
  for (const ch of text) if (pattern.test(ch)) n++;
  return n;
}
