import { describe, expect, it } from 'vitest';
import { checkRegistrationFor } from './checkRegistrationFor.ts';

const form = { properties: { round: { type: 'string', enum: ['2024-04', '2024-07'], 'x-registrationFor': true } } };
const windows = [
  { id: 'r04', kind: 'registration', for: '2024-04' },
  { id: 'class', kind: 'class' },
  { id: 'r08', kind: 'registration', for: '2024-08' },
];

describe('registration windows tied to a choice of the application form', () => {
  it('accepts windows for the values of the marked field and names the one for no value, by file and pointer', () => {
    // when
    const problems = checkRegistrationFor('forms/application.schema.json', form, 'schedule.json', windows);
    // then
    expect(problems).toEqual([{ file: 'schedule.json', pointer: '/windows/2/for', message: '报名期 r08 对应的「2024-08」不是申报表字段「round」的选项', severity: 'error', code: 'REGISTRATION_FOR' }]);
  });

  it('refuses windows tied to a choice when no form field is marked', () => {
    // when
    const problems = checkRegistrationFor('forms/application.schema.json', { properties: { round: { type: 'string' } } }, 'schedule.json', windows);
    // then
    expect(problems).toEqual([expect.objectContaining({ file: 'schedule.json', pointer: '/windows/0/for', code: 'REGISTRATION_FOR' })]);
  });

  it('has nothing to say of a schedule whose windows are not tied to choices', () => {
    expect(checkRegistrationFor('forms/application.schema.json', form, 'schedule.json', [{ id: 'a', kind: 'registration' }])).toEqual([]);
  });
});
