import { UnprocessableError } from '../../errors.ts';
import { resolveWindow, windowStateOn, type ResolvedWindow, type WindowState } from '../../schedules/resolveWindow.ts';
import type { PackageSchedule } from '../../packages/packageTypes.ts';
import type { CalendarService } from '../calendar/CalendarService.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { shanghaiDate } from '../time/clock.ts';

export interface WindowView extends ResolvedWindow {
  state: WindowState;
}

/**
 * A package's schedule with dates through the working-day calendar in force and each window's state
 * on a day. A package whose schedule sets `enforceRegistrationWindows` accepts submissions only
 * while one of its registration windows is open.
 */
export class ScheduleService {
  constructor(
    private readonly packages: Pick<PackageService, 'version'>,
    private readonly calendar: Pick<CalendarService, 'current'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The windows with their dates and state on a day (today in Asia/Shanghai by default). */
  async windows(packageHash: string, on: string = shanghaiDate(this.now())): Promise<{ enforceRegistrationWindows: boolean; windows: WindowView[] }> {
    const pkg = await this.packages.version(packageHash);
    const schedule = pkg.schedule as (PackageSchedule & { enforceRegistrationWindows?: boolean }) | undefined;
    const calendar = this.calendar.current(pkg.manifest.region.code);
    const windows = (schedule?.windows ?? []).map((w) => {
      const r = resolveWindow(w, calendar);
      return { ...r, state: windowStateOn(r, on) };
    });
    return { enforceRegistrationWindows: schedule?.enforceRegistrationWindows === true, windows };
  }

  /** Throws a 422 naming the next and last windows when the package enforces registration windows and none is open. */
  async assertRegistrationOpen(packageHash: string, on: string): Promise<void> {
    // Most packages do not enforce windows: decide that from the cached package before dating any window.
    const schedule = (await this.packages.version(packageHash)).schedule as { enforceRegistrationWindows?: boolean } | undefined;
    if (schedule?.enforceRegistrationWindows !== true) return;
    const { windows } = await this.windows(packageHash, on);
    const registration = windows.filter((w) => w.kind === 'registration');
    if (registration.some((w) => w.state === 'OPEN')) return;
    const next = registration.filter((w) => w.state === 'NOT_YET_OPEN').sort((a, b) => String(a.opens).localeCompare(String(b.opens)))[0];
    const last = registration.filter((w) => w.state === 'CLOSED').sort((a, b) => String(b.closes).localeCompare(String(a.closes)))[0];
    const hint = [last ? `上一报名期「${last.title}」已于 ${last.closes} 截止` : '', next ? `下一报名期「${next.title}」自 ${next.opens} 起` : '本年度已无报名期'].filter(Boolean).join(';');
    throw new UnprocessableError('当前不在报名时间内', `${on} 不在任何报名期内:${hint}`);
  }
}
