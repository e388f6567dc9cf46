import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../errors.ts';
import { WorkingDayCalendar } from '../../../rules/index.ts';
import type { PackageSchedule } from '../../packages/packageTypes.ts';
import { ScheduleService } from './ScheduleService.ts';

// A renewal-style schedule: a 15-working-day window from 2024-09-25 (C2) over the National Day holiday.
const schedule = (enforce: boolean | undefined): PackageSchedule => ({
  timezone: 'Asia/Shanghai',
  ...(enforce === undefined ? {} : { enforceRegistrationWindows: enforce }),
  windows: [
    { id: 'autumn', kind: 'registration', title: '秋季报名', opens: '2024-09-25', length: { amount: 15, unit: 'WD', counting: 'C2' }, raw: '报名时间为15个工作日', clause: 'SC24-05', provenance: 'verbatim' },
    { id: 'nov', kind: 'registration', title: '11月报名', opens: '2024-11-08', closes: '2024-11-15', raw: '11月8日至15日', clause: 'SC24-05', provenance: 'verbatim' },
    { id: 'class', kind: 'class', title: '培训班', month: '2024-12', raw: '12月', clause: 'SC24-06', provenance: 'verbatim' },
  ],
});
const service = (enforce: boolean | undefined) => new ScheduleService({ version: async () => ({ schedule: schedule(enforce), manifest: { region: { code: '510000' } } }) as never }, { current: () => new WorkingDayCalendar() });

describe('ScheduleService', () => {
  it('closes a working-day window through the real calendar, skipping the holiday', async () => {
    // when
    const { windows } = await service(false).windows('h', '2024-10-16');
    // then: 09-25…09-30 (5 incl. the 09-29 make-up Sunday), 10-08…10-18 → the 15th working day is 10-18; a Mon–Fri count would end 10-15
    expect(windows.find((w) => w.id === 'autumn')).toMatchObject({ opens: '2024-09-25', closes: '2024-10-18', state: 'OPEN', provisional: false });
    expect(windows.find((w) => w.id === 'class')).toMatchObject({ opens: '2024-12-01', closes: '2024-12-31', state: 'NOT_YET_OPEN' });
  });

  it('is open on the last day of a window and closed the day after', async () => {
    const s = service(false);
    expect((await s.windows('h', '2024-11-15')).windows.find((w) => w.id === 'nov')!.state).toBe('OPEN');
    expect((await s.windows('h', '2024-11-16')).windows.find((w) => w.id === 'nov')!.state).toBe('CLOSED');
  });

  it('refuses a submission between windows, by default, naming the last and the next window; not when the schedule opts out', async () => {
    await expect(service(undefined).assertRegistrationOpen('h', '2024-10-30')).rejects.toMatchObject({ title: '当前不在报名时间内', detail: '2024-10-30 不在任何报名期内:上一报名期「秋季报名」已于 2024-10-18 截止;下一报名期「11月报名」自 2024-11-08 起' });
    await expect(service(undefined).assertRegistrationOpen('h', '2024-11-20')).rejects.toMatchObject({ detail: '2024-11-20 不在任何报名期内:上一报名期「11月报名」已于 2024-11-15 截止;本年度已无报名期' });
    // an accepted submission is told the window it came in by (its batch)
    await expect(service(true).assertRegistrationOpen('h', '2024-10-16')).resolves.toMatchObject({ id: 'autumn' });
    await expect(service(true).assertRegistrationOpen('h', '2024-10-30')).rejects.toThrow(UnprocessableError);
    await expect(service(true).assertRegistrationOpen('h', '2024-10-30')).rejects.toMatchObject({ detail: expect.stringContaining('下一报名期「11月报名」自 2024-11-08 起') });
    await expect(service(false).assertRegistrationOpen('h', '2024-10-30')).resolves.toBeUndefined();
  });

  it('counts only the windows for the applicant’s choice and type, naming their dates and the soonest open one', async () => {
    // given: rounds by month, each with an examiners' and a supervisors' window (the renewal's SC24-09 / SC24-24)
    const rounds: PackageSchedule = {
      timezone: 'Asia/Shanghai',
      windows: [
        { id: 'ex-04', kind: 'registration', title: '4月考评员报名', opens: '2024-04-10', closes: '2024-04-29', for: '2024-04', applicantTypes: ['EXAMINER'], raw: '', clause: 'SC24-09', provenance: 'verbatim' },
        { id: 'su-04', kind: 'registration', title: '4月督导员报名', opens: '2024-04-10', closes: '2024-05-10', for: '2024-04', applicantTypes: ['SUPERVISOR'], raw: '', clause: 'SC24-24', provenance: 'verbatim' },
        { id: 'ex-07', kind: 'registration', title: '7月考评员报名', opens: '2024-04-20', closes: '2024-07-29', for: '2024-07', applicantTypes: ['EXAMINER'], raw: '', clause: 'SC24-09', provenance: 'verbatim' },
      ],
    };
    const form = { properties: { applicantType: { enum: ['EXAMINER', 'SUPERVISOR'] }, round: { title: '换证轮次', enum: ['2024-04', '2024-07'], enumNames: ['4月轮次', '7月轮次'], 'x-registrationFor': { by: 'applicantType' } } } };
    const s = new ScheduleService({ version: async () => ({ schedule: rounds, forms: { application: { schema: form } }, manifest: { region: { code: '510000' } } }) as never }, { current: () => new WorkingDayCalendar() });
    // when / then: an examiner on 05-06 for April is late although the supervisors' April window is open
    await expect(s.assertRegistrationOpen('h', '2024-05-06', { applicantType: 'EXAMINER', round: '2024-04' })).rejects.toMatchObject({
      detail: '所选换证轮次「4月轮次」的报名期为「4月考评员报名」(2024-04-10 至 2024-04-29),2024-05-06 不在其内;当前可报名的最近一期:「7月考评员报名」(至 2024-07-29)',
    });
    await expect(s.assertRegistrationOpen('h', '2024-05-06', { applicantType: 'SUPERVISOR', round: '2024-04' })).resolves.toMatchObject({ id: 'su-04' });
    await expect(s.assertRegistrationOpen('h', '2024-05-06', { applicantType: 'EXAMINER', round: '2024-07' })).resolves.toMatchObject({ id: 'ex-07' });
  });
});
