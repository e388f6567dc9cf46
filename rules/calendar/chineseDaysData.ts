import { createRequire } from 'node:module';

/**
 * The State Council holiday arrangements as encoded by the `chinese-days` package: `holidays`
 * are days off (including bridged weekdays and the weekend days inside a holiday block),
 * `workdays` are the weekend make-up working days (调休上班). Read as data, not through the
 * package's date parser, so no time zone is involved.
 */
export interface ChineseDaysData {
  /** 'YYYY-MM-DD' → 'English name,中文名,days' */
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
  /** Years that have a published arrangement in the package (a year with no entries is not covered). */
  coveredYears: ReadonlySet<number>;
  /** e.g. 'chinese-days@1.5.7' */
  source: string;
}

const require = createRequire(import.meta.url);
const raw = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const pkg = require('chinese-days/package.json') as { version: string };

export const chineseDaysData: ChineseDaysData = {
  holidays: raw.holidays,
  workdays: raw.workdays,
  coveredYears: new Set(Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4)))),
  source: `chinese-days@${pkg.version}`,
};
