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
  private readonly cache = new Map<string, number>();
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
    const key = `${arrival}|${regionCode ?? ''}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let n = 0;
    if (arrival < this.today) {
      const cal = this.calendars.current(regionCode);
      let d = arrival;
      // Bounded to five years: an older arrival is a data error, not a wait to count day by day.
      for (let i = 0; i < 1830 && d < this.today; i++) {
        d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        if (cal.isWorkingDay(d)) n++;
      }
    }
    this.cache.set(key, n);
    return n;
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
