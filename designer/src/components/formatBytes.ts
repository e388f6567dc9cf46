/** 10485760 → 「10 MB」 */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** ['application/pdf', 'image/png'] → 「PDF、PNG」 */
export function typeNames(accept: string[] | undefined): string {
  return (accept ?? []).map((t) => TYPE_NAMES[t] ?? t).join('、');
}
