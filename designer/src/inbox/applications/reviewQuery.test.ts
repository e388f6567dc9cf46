import { describe, expect, it } from 'vitest';
import { hasReviewFilters, parseReviewFilters, reviewSearch } from './reviewQuery.ts';

const HASH = 'a'.repeat(64);

describe('review list filters in the URL', () => {
  it('round-trips every filter', () => {
    // given
    const f = { q: '张伟', package: HASH, status: 'IN_REVIEW', submittedFrom: '2026-03-01', submittedTo: '2026-03-31', page: 2 };
    // when
    const back = parseReviewFilters(reviewSearch(f));
    // then
    expect(back).toEqual(f);
    expect(hasReviewFilters(back)).toBe(true);
  });

  it('drops values the server would refuse, and defaults the page', () => {
    // when
    const f = parseReviewFilters(new URLSearchParams('package=abc&status=in review&from=2026/03/01&page=-1&q=%20'));
    // then
    expect(f).toEqual({ page: 1, q: undefined, package: undefined, status: undefined, submittedFrom: undefined, submittedTo: undefined });
    expect(hasReviewFilters(f)).toBe(false);
  });
});
