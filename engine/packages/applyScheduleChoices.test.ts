import { describe, expect, it } from 'vitest';
import { applyScheduleChoices } from './applyScheduleChoices.ts';

const windows = [
  { id: 'm03', kind: 'class', title: '考评员培训班(3月)', applicantTypes: ['EXAMINER'] },
  { id: 'm04', kind: 'class', title: '高级考评员培训班(4月)', applicantTypes: ['SENIOR'] },
  { id: 'm06', kind: 'makeup', title: '补考(6月)' },
  { id: 'm07', kind: 'class', title: '综合培训班(7月)' },
];
const form = () => ({
  type: 'object',
  properties: {
    applicantType: { type: 'string', enum: ['EXAMINER', 'SENIOR'] },
    trainingPlanId: { type: 'string', title: '培训计划', 'x-scheduleChoice': { kind: 'class', by: 'applicantType' } },
  },
  allOf: [{ if: { properties: { applicantType: { const: 'SENIOR' } } }, then: { required: ['card'] } }],
});

describe('form fields whose options are the schedule windows', () => {
  it('lists the windows of the kind, and narrows them per applicant type', () => {
    // when
    const { schema, problems } = applyScheduleChoices('forms/a.json', form(), 'schedule.json', windows);
    // then
    expect(problems).toEqual([]);
    const field = (schema.properties as Record<string, Record<string, unknown>>).trainingPlanId!;
    expect(field.enum).toEqual(['m03', 'm04', 'm07']);
    expect(field.enumNames).toEqual(['考评员培训班(3月)', '高级考评员培训班(4月)', '综合培训班(7月)']);
    const allOf = schema.allOf as unknown[];
    expect(allOf).toHaveLength(3);
    expect(allOf[1]).toEqual({
      if: { properties: { applicantType: { const: 'EXAMINER' } }, required: ['applicantType'] },
      then: { properties: { trainingPlanId: { enum: ['m03', 'm07'], enumNames: ['考评员培训班(3月)', '综合培训班(7月)'] } } },
    });
    expect((allOf[2] as { then: unknown }).then).toEqual({ properties: { trainingPlanId: { enum: ['m04', 'm07'], enumNames: ['高级考评员培训班(4月)', '综合培训班(7月)'] } } });
  });

  it('leaves the package file untouched and a form without the annotation as it is', () => {
    // given
    const f = form();
    const plain = { type: 'object', properties: { a: { type: 'string' } } };
    // when
    applyScheduleChoices('forms/a.json', f, 'schedule.json', windows);
    // then
    expect(f.properties.trainingPlanId).not.toHaveProperty('enum');
    expect(applyScheduleChoices('forms/b.json', plain, 'schedule.json', windows).schema).toBe(plain);
  });

  it('reports a kind the schedule lacks, a missing schedule, an unknown applicant type and a type without a class, each with its file', () => {
    // given
    const noKind = form();
    noKind.properties.trainingPlanId['x-scheduleChoice'].kind = 'exam';
    // when
    const missingKind = applyScheduleChoices('forms/a.json', noKind, 'schedule.json', windows).problems;
    const noSchedule = applyScheduleChoices('forms/a.json', form(), undefined, []).problems;
    const unknownType = applyScheduleChoices('forms/a.json', form(), 'schedule.json', [{ id: 'x', kind: 'class', title: 'X', applicantTypes: ['SUPERVISOR'] }]).problems;
    // then
    expect(missingKind).toEqual([expect.objectContaining({ file: 'forms/a.json', pointer: '/properties/trainingPlanId/x-scheduleChoice', severity: 'error', code: 'SCHEDULE_CHOICE' })]);
    expect(noSchedule[0]!.message).toContain('政策包没有日程');
    expect(unknownType.map((p) => [p.file, p.pointer, p.severity])).toEqual([
      ['schedule.json', '/windows/0/applicantTypes', 'error'],
      ['schedule.json', '/windows', 'warning'],
      ['schedule.json', '/windows', 'warning'],
    ]);
    expect(unknownType[0]!.message).toBe('时间窗口 x 适用的「SUPERVISOR」不是表单 forms/a.json 中「applicantType」的选项(EXAMINER、SENIOR)');
  });
});
