import { toDayNumber } from './civilDate.ts';

const DAY_MS = 86_400_000;
/** Asia/Shanghai has been UTC+8 all year since 1992 (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The ISO instant at which a deadline date closes: 23:59:59 Asia/Shanghai (AMB-80). '2026-03-06' → '2026-03-06T15:59:59.000Z'. */
export function deadlineInstant(date: string): string {
  return new Date(toDayNumber(date) * DAY_MS + DAY_MS - 1000 - SHANGHAI_OFFSET_MS).toISOString();
}
