/**
 * The columns a reviewer's search reads, derived from the application data when it is submitted or
 * corrected. The ID number itself is never searched: only its last four characters are kept in
 * `applicant_id_last4` — not enough to identify anyone — so the search works when the full number
 * is stored encrypted.
 */
export function applicationSearchColumns(data: Record<string, unknown>): { applicant_name: string | null; applicant_id_last4: string | null } {
  const name = typeof data.name === 'string' ? data.name.trim().slice(0, 64) : '';
  const id = typeof data.idNumber === 'string' ? data.idNumber.trim().toUpperCase() : '';
  return { applicant_name: name || null, applicant_id_last4: id.length >= 8 ? id.slice(-4) : null };
}

/** First 4 and last 4 characters visible, the rest `*` (the platform's masking convention). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
