import { shanghaiDate } from '../time/clock.ts';

export interface WorkingDayCalendars {
  current(regionCode?: string | null): { isWorkingDay(date: string): boolean };
}

/**
 * Working days an instance has waited since it reached a step: the working days after the arrival
 * date up to and including today, on the region's calendar (0 on the day it arrived). Cached per
 * (arrival date, region), since a heatmap asks for the same few hundred dates a million times.
 */
export class WorkingDaysWaited {
  /** Per region: working days from each date (after it, up to and including today), filled backwards from today once. */
  private readonly byRegion = new Map<string, { earliest: string; counts: Map<string, number> }>();
  private readonly today: string;

  constructor(
    private readonly calendars: WorkingDayCalendars,
    nowMs: number,
  ) {
    this.today = shanghaiDate(nowMs);
  }

  since(arrivedAtIso: string, regionCode: string | null): number {
    return this.fromDate(shanghaiDate(Date.parse(arrivedAtIso)), regionCode);
  }

  fromDate(arrival: string, regionCode: string | null): number {
    if (arrival >= this.today) return 0;
    const key = regionCode ?? '';
    let r = this.byRegion.get(key);
    if (!r) this.byRegion.set(key, (r = { earliest: this.today, counts: new Map([[this.today, 0]]) }));
    const hit = r.counts.get(arrival);
    if (hit !== undefined) return hit;
    // Each day's working-day test runs once per region, however many arrivals ask (a heatmap asks thousands of times).
    const cal = this.calendars.current(regionCode);
    let d = r.earliest;
    let n = r.counts.get(d)!;
    // Bounded to five years back: an older arrival is a data error, not a wait to count day by day.
    for (let i = 0; i < 1830 && d > arrival; i++) {
      if (cal.isWorkingDay(d)) n++;
      d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      r.counts.set(d, n);
    }
    r.earliest = d;
    return r.counts.get(arrival) ?? n;
  }
}

/** The median of a histogram of values (value → count); null when it is empty. */
export function medianOf(histogram: Map<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  const sorted = [...histogram.entries()].sort((a, b) => a[0] - b[0]);
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, c] of sorted) {
      seen += c;
      if (seen > rank) return v;
    }
    return sorted[sorted.length - 1][0];
  };
  // Even counts: the mean of the two middle values, as the median is usually defined.
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
