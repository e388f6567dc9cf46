import { describe, expect, it } from 'vitest';
import { typedField } from './FreeFieldSelector.tsx';
import { splitField } from './ruleQuery.ts';

describe('a fact path typed into the condition builder', () => {
  it('reads the first segment as the fact and the rest as its path', () => {
    // when / then
    expect(splitField(typedField('person.bans')!)).toEqual({ fact: 'person', path: '$.bans' });
    expect(splitField(typedField('application.targetOccupation.code')!)).toEqual({ fact: 'application', path: '$.targetOccupation.code' });
  });
  it('takes a fact alone, or the builder key as written', () => {
    expect(typedField('asOf')).toBe('asOf');
    expect(typedField('unitYear|$.cutCount')).toBe('unitYear|$.cutCount');
  });
  it('refuses empty text and text with spaces', () => {
    expect(typedField('  ')).toBeNull();
    expect(typedField('person bans')).toBeNull();
  });
});
