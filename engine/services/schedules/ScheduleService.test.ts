import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../errors.ts';
import { WorkingDayCalendar } from '../../../rules/index.ts';
import type { PackageSchedule } from '../../packages/packageTypes.ts';
import { ScheduleService } from './ScheduleService.ts';

// A renewal-style schedule: a 15-working-day window from 2024-09-25 (C2) over the National Day holiday.
const schedule = (enforce: boolean): PackageSchedule => ({
  timezone: 'Asia/Shanghai',
  enforceRegistrationWindows: enforce,
  windows: [
    { id: 'autumn', kind: 'registration', title: '秋季报名', opens: '2024-09-25', length: { amount: 15, unit: 'WD', counting: 'C2' }, raw: '报名时间为15个工作日', clause: 'SC24-05', provenance: 'verbatim' },
    { id: 'nov', kind: 'registration', title: '11月报名', opens: '2024-11-08', closes: '2024-11-15', raw: '11月8日至15日', clause: 'SC24-05', provenance: 'verbatim' },
    { id: 'class', kind: 'class', title: '培训班', month: '2024-12', raw: '12月', clause: 'SC24-06', provenance: 'verbatim' },
  ],
});
const service = (enforce: boolean) => new ScheduleService({ version: async () => ({ schedule: schedule(enforce), manifest: { region: { code: '510000' } } }) as never }, { current: () => new WorkingDayCalendar() });

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

  it('refuses a submission between windows only when the schedule enforces them, naming the next window', async () => {
    await expect(service(true).assertRegistrationOpen('h', '2024-10-16')).resolves.toBeUndefined();
    await expect(service(true).assertRegistrationOpen('h', '2024-10-30')).rejects.toThrow(UnprocessableError);
    await expect(service(true).assertRegistrationOpen('h', '2024-10-30')).rejects.toMatchObject({ detail: expect.stringContaining('下一报名期「11月报名」自 2024-11-08 起') });
    await expect(service(false).assertRegistrationOpen('h', '2024-10-30')).resolves.toBeUndefined();
  });
});
