import { describe, expect, it } from 'vitest';
import { checkDigit, checkIdCard, idCardBirthDate, idCardGender } from './cnIdCard.ts';

describe('GB 11643 resident ID numbers', () => {
  it('accepts a valid number, including the X check digit', () => {
    // then
    expect(checkIdCard('11010519491231002X')).toEqual({ ok: true });
    expect(checkIdCard(`51070319850312001${checkDigit('51070319850312001')}`)).toEqual({ ok: true });
  });

  it('names the cause of each kind of bad number', () => {
    // then
    expect(checkIdCard('1101051949123100').reason).toBe('LENGTH');
    expect(checkIdCard('11010519491231002x').reason).toBe('CHARS');
    expect(checkIdCard('110105194902300021').reason).toBe('BIRTHDATE'); // 30 February
    expect(checkIdCard('110105210001010011', new Date('2026-01-01')).reason).toBe('BIRTHDATE'); // in the future
    expect(checkIdCard('110105194912310021').reason).toBe('CHECK_DIGIT');
  });

  it('reads birth date and gender', () => {
    // then
    expect(idCardBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idCardGender('11010519491231002X')).toBe('女');
  });
});
