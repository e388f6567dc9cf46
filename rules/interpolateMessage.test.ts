import { describe, expect, it } from 'vitest';
import { interpolateMessage } from './interpolateMessage.ts';
import { resolvePath } from './resolvePath.ts';

const values: Record<string, unknown> = { actual: '2024-12-01', recommender: { name: '某公司', until: null }, list: ['VQ', 'TITLE'], flag: true };
const lookup = (k: string) => resolvePath(values, k);

describe('interpolateMessage', () => {
  it('fills plain and dotted placeholders', () => {
    // then
    expect(interpolateMessage('受理日期{actual},单位{recommender.name}', lookup)).toBe('受理日期2024-12-01,单位某公司');
  });

  it('writes absent values as (无) or the given fallback, lists with 、 and booleans as 是/否', () => {
    // then
    expect(interpolateMessage('暂停至{recommender.until}', lookup)).toBe('暂停至(无)');
    expect(interpolateMessage('限制至{recommender.until|长期}', lookup)).toBe('限制至长期');
    expect(interpolateMessage('{list};{flag}', lookup)).toBe('VQ、TITLE;是');
  });

  it('leaves text without placeholders alone', () => {
    // then
    expect(interpolateMessage('推荐单位须已备案(SC26-01)', lookup)).toBe('推荐单位须已备案(SC26-01)');
  });
});
