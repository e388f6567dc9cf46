/** GB 11643-1999 citizen identity number: area(6) birth date(8) sequence(3) check digit (ISO 7064 MOD 11-2). */
export type IdCardProblem = 'LENGTH' | 'CHARS' | 'BIRTHDATE' | 'CHECK_DIGIT';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const ID_CARD_MESSAGES: Record<IdCardProblem, string> = {
  LENGTH: '身份证号码应为18位',
  CHARS: '身份证号码前17位应为数字,最后一位为数字或大写字母X',
  BIRTHDATE: '身份证号码中的出生日期无效',
  CHECK_DIGIT: '身份证号码校验位错误,请核对后重新填写',
};

export function checkDigit(first17: string): string {
  const sum = first17.split('').reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

export function checkIdCard(id: string, today: Date = new Date()): { ok: boolean; reason?: IdCardProblem } {
  if (typeof id !== 'string' || id.length !== 18) return { ok: false, reason: 'LENGTH' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'CHARS' };
  const birth = idCardBirthDate(id);
  if (!birth || birth > today.toISOString().slice(0, 10) || birth < '1900-01-01') return { ok: false, reason: 'BIRTHDATE' };
  if (checkDigit(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'CHECK_DIGIT' };
  return { ok: true };
}

export function idCardBirthDate(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function idCardGender(id: string): '男' | '女' {
  return Number(id.charAt(16)) % 2 === 1 ? '男' : '女';
}
