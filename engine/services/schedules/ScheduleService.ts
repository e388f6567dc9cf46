import { UnprocessableError } from '../../errors.ts';
import { resolveWindow, windowStateOn, type ResolvedWindow, type WindowState } from '../../schedules/resolveWindow.ts';
import type { PackageSchedule } from '../../packages/packageTypes.ts';
import type { CalendarService } from '../calendar/CalendarService.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { shanghaiDate } from '../time/clock.ts';

export interface WindowView extends ResolvedWindow {
  state: WindowState;
}

/** Registration windows are enforced by default wherever a schedule has them. */
export function enforcesRegistrationWindows(schedule: PackageSchedule | undefined): boolean {
  if (!schedule) return false;
  return schedule.enforceRegistrationWindows ?? schedule.windows.some((w) => w.kind === 'registration');
}

/**
 * A package's schedule with dates through the working-day calendar in force and each window's state
 * on a day. A package whose schedule has registration windows accepts submissions only while one of
 * them is open (the notice fixed them: SC21 monthly classes, SC24 rounds, GS24 monthly deadlines),
 * unless the schedule sets `enforceRegistrationWindows: false` (the windows are only shown).
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
    const schedule = pkg.schedule as PackageSchedule | undefined;
    const calendar = this.calendar.current(pkg.manifest.region.code);
    const windows = (schedule?.windows ?? []).map((w) => {
      const r = resolveWindow(w, calendar);
      return { ...r, state: windowStateOn(r, on) };
    });
    return { enforceRegistrationWindows: enforcesRegistrationWindows(schedule), windows };
  }

  /**
   * Throws a 422 with the windows' dates when the package enforces its registration windows and the
   * submission is outside them. Where the form names what the applicant registers for (a field with
   * `x-registrationFor`: the class, the renewal round, the plan month), the windows `for` that choice
   * are the ones that count; otherwise any registration window. Returns the window the submission is
   * in (its batch), undefined where the package does not enforce windows.
   */
  async assertRegistrationOpen(packageHash: string, on: string, data: Record<string, unknown> = {}): Promise<WindowView | undefined> {
    // Most packages do not enforce windows: decide that from the cached package before dating any window.
    const pkg = await this.packages.version(packageHash);
    if (!enforcesRegistrationWindows(pkg.schedule as PackageSchedule | undefined)) return undefined;
    const { windows } = await this.windows(packageHash, on);
    const registration = windows.filter((w) => w.kind === 'registration');
    const open = registration.filter((w) => w.state === 'OPEN');
    const choice = registrationChoice(pkg.forms?.application?.schema, data);
    // A window for some applicant types only (the examiners' and the supervisors' round) counts for those.
    const fits = (w: WindowView) => !choice?.by || !w.applicantTypes || w.applicantTypes.includes(String(data[choice.by]));
    const forChoice = choice ? registration.filter((w) => w.for === choice.value && fits(w)) : [];
    // The window a submission falls in is its batch (首批 or a later round, LC20-34): the soonest to close.
    const byClosing = (a: WindowView, b: WindowView) => String(a.closes ?? '9999').localeCompare(String(b.closes ?? '9999'));
    if (choice && forChoice.length > 0) {
      const inChoice = forChoice.filter((w) => w.state === 'OPEN').sort(byClosing)[0];
      if (inChoice) return inChoice;
      const soonest = open.filter(fits).sort(byClosing)[0];
      const others = soonest ? `;当前可报名的最近一期:「${soonest.title}」(至 ${soonest.closes ?? '另行通知'})` : '';
      const span = forChoice.map((w) => `「${w.title}」(${w.opens && w.closes ? `${w.opens} 至 ${w.closes}` : w.closes ? `截至 ${w.closes}` : `${w.opens} 起`})`).join('、');
      throw new UnprocessableError('当前不在报名时间内', `所选${choice.title}「${choice.label}」的报名期为${span},${on} 不在其内${others}`);
    }
    if (open.length > 0) return [...open].sort(byClosing)[0];
    const next = registration.filter((w) => w.state === 'NOT_YET_OPEN').sort((a, b) => String(a.opens).localeCompare(String(b.opens)))[0];
    const last = registration.filter((w) => w.state === 'CLOSED').sort((a, b) => String(b.closes).localeCompare(String(a.closes)))[0];
    const hint = [last ? `上一报名期「${last.title}」已于 ${last.closes} 截止` : '', next ? `下一报名期「${next.title}」自 ${next.opens} 起` : '本年度已无报名期'].filter(Boolean).join(';');
    throw new UnprocessableError('当前不在报名时间内', `${on} 不在任何报名期内:${hint}`);
  }
}

/** The form field marked `x-registrationFor` and the applicant's value in it, with the value's Chinese name. */
function registrationChoice(schema: unknown, data: Record<string, unknown>): { value: string; label: string; title: string; by?: string } | undefined {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {};
  const entry = Object.entries(properties).find(([, p]) => p?.['x-registrationFor'] !== undefined);
  if (!entry) return undefined;
  const [name, prop] = entry;
  const value = data[name];
  if (typeof value !== 'string' || value === '') return undefined;
  const names = Array.isArray(prop.enumNames) ? (prop.enumNames as string[]) : [];
  const index = Array.isArray(prop.enum) ? (prop.enum as unknown[]).indexOf(value) : -1;
  const by = (prop['x-registrationFor'] as { by?: string }).by;
  return { value, label: names[index] ?? value, title: typeof prop.title === 'string' ? prop.title : name, ...(by ? { by } : {}) };
}
