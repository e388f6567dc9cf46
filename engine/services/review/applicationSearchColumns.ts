import type { PersonalData } from '../privacy/index.ts';

/** Which part of the ID number a reviewer searches by (「身份证后4位」). */
export const ID_SUFFIX_LENGTH = 4;

/** The keyed hash the search compares: the last characters of an ID number never lie in the store in clear. */
export function idSuffixKey(personal: PersonalData, suffix: string): string {
  // Domain-separated from the whole-number lookup key, which is the same HMAC over the full number.
  return personal.keyring.hash(`id-suffix:${suffix.trim().toUpperCase()}`);
}

/**
 * The columns a reviewer's search reads, derived from the application data when it is submitted or
 * corrected: the applicant's name, and a keyed hash (HMAC-SHA256 under the platform's data key) of
 * the last 4 characters of the ID number. Neither the number nor its suffix is stored in clear, and
 * without the key the 11,000 possible suffixes cannot be tried against the column.
 */
export function applicationSearchColumns(personal: PersonalData, data: Record<string, unknown>): { applicant_name: string | null; applicant_id_suffix: string | null } {
  const name = typeof data.name === 'string' ? data.name.trim().slice(0, 64) : '';
  const id = typeof data.idNumber === 'string' ? data.idNumber.trim() : '';
  return { applicant_name: name || null, applicant_id_suffix: id.length > ID_SUFFIX_LENGTH * 2 ? idSuffixKey(personal, id.slice(-ID_SUFFIX_LENGTH)) : null };
}
