import { describe, expect, it } from 'vitest';
import { computeContentHash } from './computeContentHash.ts';

describe('computeContentHash', () => {
  it('is a sha256 hex that ignores the order files are given in', () => {
    // when
    const h = computeContentHash({ b: 'y', a: 'x' });
    // then
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(computeContentHash({ a: 'x', b: 'y' }));
    expect(computeContentHash({ a: 'x' })).toBe(computeContentHash({ a: Buffer.from('x') }));
  });

  it('cannot be fooled by moving bytes between a path and its content, or between files', () => {
    // then
    expect(computeContentHash({ a: 'bc' })).not.toBe(computeContentHash({ ab: 'c' }));
    expect(computeContentHash({ a: 'x', b: 'y' })).not.toBe(computeContentHash({ a: 'xy', b: '' }));
    expect(computeContentHash({ a: 'x' })).not.toBe(computeContentHash({ a: 'x', b: '' })); // an added empty file counts
  });

  it('hashes bytes, not decoded text', () => {
    // given: two different invalid UTF-8 bytes would both decode to U+FFFD
    // then
    expect(computeContentHash({ a: Buffer.from([0xff]) })).not.toBe(computeContentHash({ a: Buffer.from([0xfe]) }));
  });
});
