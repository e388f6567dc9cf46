import { describe, expect, it } from 'vitest';
import { parseTaskListFilters, taskListApiQuery, taskListSearch } from './taskListQuery.ts';

describe('task list filters in the URL', () => {
  it('round-trips every filter through the URL', () => {
    // given filters a reviewer chose
    const f = { q: '123X', due: 'within3', rule: 'REFER', region: '510600', step: 'CityReview', package: 'p1', mine: true, sort: '-created', page: 3 } as const;
    // when they are written to the URL and read back
    const back = parseTaskListFilters(new URLSearchParams(taskListSearch(f).toString()));
    // then nothing is lost
    expect(back).toEqual(f);
  });

  it('drops unknown values and bad pages instead of sending them to the server', () => {
    // given a hand-edited URL
    const f = parseTaskListFilters(new URLSearchParams('due=tomorrow&rule=YES&page=-2&q=%20%20&sort=name'));
    // then only sane values are kept
    expect(f).toEqual({ page: 1, q: undefined, due: undefined, rule: undefined, region: undefined, step: undefined, package: undefined, mine: undefined, sort: undefined });
    expect(taskListSearch(f).toString()).toBe('');
  });

  it('sorts the 待办 tab by due date and the 已办 tab by completion, and never sends a due filter for 已办', () => {
    // given a due filter left in the URL
    const f = parseTaskListFilters(new URLSearchParams('due=overdue'));
    // then
    expect(taskListApiQuery('todo', f, 20)).toMatchObject({ tab: 'todo', due: 'overdue', sort: 'due' });
    expect(taskListApiQuery('done', f, 20)).toMatchObject({ tab: 'done', due: undefined, sort: '-completed' });
  });
});
