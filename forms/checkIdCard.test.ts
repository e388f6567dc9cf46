import { describe, expect, it } from 'vitest';
import { checkIdCard, ID_CARD_MESSAGES, idCardBirthDate, idCardCheckDigit, idCardGender } from './checkIdCard.ts';

/** ISO 7064 MOD 11-2 written from its definition (weights 2^(17-i) mod 11), independent of the code under test. */
function mod11_2(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

describe('checkIdCard (GB 11643-1999)', () => {
  it('accepts the standard example 11010519491231002X with its X check digit', () => {
    // given
    const id = '11010519491231002X';
    // when
    const r = checkIdCard(id);
    // then
    expect(r).toEqual({ ok: true });
    expect(mod11_2(id.slice(0, 17))).toBe('X');
  });

  it('accepts numbers whose check digits are computed from the definition', () => {
    // given: Chengdu and Mianyang area codes, male and female sequences
    const bodies = ['51010619850312001', '51070319900228002', '51130220000101123', '51010419761010457'];
    for (const body of bodies) {
      const id = body + mod11_2(body);
      // when / then
      expect(idCardCheckDigit(body)).toBe(mod11_2(body));
      expect(checkIdCard(id, '2026-03-01')).toEqual({ ok: true });
    }
  });

  it('names each cause: length, characters, birth date, check digit', () => {
    // when / then
    expect(checkIdCard('1101051949123100')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkIdCard('11010519491231002X1')).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkIdCard(110105194912310020)).toEqual({ ok: false, reason: 'LENGTH' });
    expect(checkIdCard('11010519491231002x')).toEqual({ ok: false, reason: 'CHARS' }); // lowercase x
    expect(checkIdCard('1101051949123100XX')).toEqual({ ok: false, reason: 'CHARS' });
    expect(checkIdCard('11010519491231002Y')).toEqual({ ok: false, reason: 'CHARS' });
    expect(checkIdCard('110105194912310021')).toEqual({ ok: false, reason: 'CHECK_DIGIT' });
  });

  it('rejects 30 February, 31 April, a non-leap 29 February and future or pre-1900 births', () => {
    // given: each with a correct check digit, so only the date can be wrong
    const withCheck = (body: string) => body + mod11_2(body);
    // when / then
    expect(checkIdCard(withCheck('11010519490230002')).reason).toBe('BIRTHDATE');
    expect(checkIdCard(withCheck('11010519900431002')).reason).toBe('BIRTHDATE');
    expect(checkIdCard(withCheck('11010519010229002')).reason).toBe('BIRTHDATE');
    expect(checkIdCard(withCheck('11010520000229002'), '2026-01-01').ok).toBe(true); // 2000 is a leap year
    expect(checkIdCard(withCheck('11010520260302001'), '2026-03-01').reason).toBe('BIRTHDATE'); // tomorrow
    expect(checkIdCard(withCheck('11010520260301001'), '2026-03-01').ok).toBe(true); // born today
    expect(checkIdCard('440524188001010014').reason).toBe('BIRTHDATE'); // the standard's 1880 example: valid check digit, not a living applicant
    expect(mod11_2('44052418800101001')).toBe('4');
  });

  it('judges "today" in China time, not the server zone', () => {
    // given: 2026-03-01 16:30 UTC is already 2026-03-02 00:30 in Beijing
    const id = '11010520260302001' + mod11_2('11010520260302001');
    // when / then
    expect(checkIdCard(id, new Date('2026-03-01T16:30:00Z')).ok).toBe(true);
    expect(checkIdCard(id, new Date('2026-03-01T15:30:00Z')).reason).toBe('BIRTHDATE');
  });

  it('has one Chinese sentence per cause', () => {
    // then
    expect(new Set(Object.values(ID_CARD_MESSAGES)).size).toBe(4);
    expect(ID_CARD_MESSAGES.CHECK_DIGIT).toContain('身份证号码校验位错误');
  });
});

describe('idCardBirthDate and idCardGender', () => {
  it('read the birth date and the gender from the sequence digit', () => {
    // then
    expect(idCardBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idCardGender('11010519491231002X')).toBe('女'); // 002: even
    expect(idCardGender('510106198503120011')).toBe('男'); // 001: odd
  });

  it('return null for what cannot be read', () => {
    // then
    expect(idCardBirthDate('110105194902300021')).toBeNull();
    expect(idCardBirthDate('abc')).toBeNull();
    expect(idCardGender('1101051949123100')).toBeNull();
  });
});
