// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that make "gpj.exe" read as "exe.jpg".
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name safe to store and to send back in Content-Disposition: no control characters, no
 * direction overrides, no path, at most 255 characters; '附件' when nothing is left.
 */
export function safeFileName(name: string, fallback = '附件'): string {
  const base = String(name ?? '')
    .replace(UNSAFE, '')
    .split(/[\\/]/)
    .pop()!
    .trim()
    .replace(/^\.+/, '');
  return [...(base || fallback)].slice(0, 255).join('');
}
