import { safeFileName } from '../services/attachments/safeFileName.ts';

/** A Content-Disposition header that downloads (never displays) the file, with an ASCII fallback name. */
export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
