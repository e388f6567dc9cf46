/**
 * GB 11643-1999 citizen identity number (18 characters):
 * area code (6 digits) · birth date YYYYMMDD (8) · sequence (3, odd = male) · check digit (ISO 7064 MOD 11-2, 0-9 or X).
 * Pure functions, no Node built-ins: the browser bundle uses the same checks as the server.
 */
export type IdCardProblem = 'LENGTH' | 'CHARS' | 'BIRTHDATE' | 'CHECK_DIGIT';

export interface IdCardCheck {
  ok: boolean;
  reason?: IdCardProblem;
}

export const ID_CARD_MESSAGES: Record<IdCardProblem, string> = {
  LENGTH: '身份证号码应为18位,请检查是否多填或漏填',
  CHARS: '身份证号码格式不正确:前17位应为数字,最后一位为数字或大写字母X',
  BIRTHDATE: '身份证号码中的出生日期(第7至14位)不是有效日期,或晚于今天',
  CHECK_DIGIT: '身份证号码校验位错误,请核对后重新填写',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// Nobody alive was born before this; it also rejects garbage such as 00000000.
const EARLIEST_BIRTH = '1900-01-01';

/** The check digit (0-9 or X) for the first 17 digits. */
export function idCardCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i];
  return CHECK_CHARS.charAt(sum % 11);
}

/** Today's date in China (UTC+8, no DST), so "not in the future" does not depend on the server's zone. */
function todayInChina(now: number = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

function toIsoDay(today: string | Date | undefined): string {
  if (today === undefined) return todayInChina();
  if (typeof today === 'string') return today.slice(0, 10);
  return todayInChina(today.getTime());
}

/** Checks an ID number and names the first problem found: length, characters, birth date, then check digit. */
export function checkIdCard(id: unknown, today?: string | Date): IdCardCheck {
  if (typeof id !== 'string' || id.length !== 18) return { ok: false, reason: 'LENGTH' };
  // Lowercase x is rejected on purpose: the registry stores the uppercase form and lookups compare exactly.
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'CHARS' };
  const birth = idCardBirthDate(id);
  if (!birth || birth < EARLIEST_BIRTH || birth > toIsoDay(today)) return { ok: false, reason: 'BIRTHDATE' };
  if (idCardCheckDigit(id.slice(0, 17)) !== id.charAt(17)) return { ok: false, reason: 'CHECK_DIGIT' };
  return { ok: true };
}

/** The birth date as YYYY-MM-DD, or null when characters 7-14 are not a real calendar date. */
export function idCardBirthDate(id: string): string | null {
  if (typeof id !== 'string' || !/^\d{14}/.test(id)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Gender from the sequence number's last digit (character 17): odd 男, even 女; null if it is not a digit. */
export function idCardGender(id: string): '男' | '女' | null {
  const c = typeof id === 'string' ? id.charAt(16) : '';
  if (!/^\d$/.test(c)) return null;
  return Number(c) % 2 === 1 ? '男' : '女';
}
