export function sourceHash(root?: string): string;
export function builtHash(root?: string): string | null;
export function ensureApp(opts?: { quiet?: boolean; root?: string }): boolean;
