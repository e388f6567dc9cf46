import { describe, expect, it } from 'vitest';
import { clauseOf } from './clauseOf.ts';

describe('an element’s clause badge', () => {
  it('reads the clause task header, and nothing else', () => {
    // given task headers with and without a clause / when / then
    const headers = (values: Array<{ key: string; value: string }>) => ({ extensionElements: { values: [{ $type: 'zeebe:TaskDefinition' }, { $type: 'zeebe:TaskHeaders', values }] } });
    expect(clauseOf(headers([{ key: 'ruleSet', value: 'eligibility' }, { key: 'clause', value: 'SC21-02' }]))).toBe('SC21-02');
    expect(clauseOf(headers([{ key: 'ruleSet', value: 'eligibility' }]))).toBeNull();
    expect(clauseOf(headers([{ key: 'clause', value: '  ' }]))).toBeNull();
    expect(clauseOf({})).toBeNull();
    expect(clauseOf(undefined)).toBeNull();
  });
});
