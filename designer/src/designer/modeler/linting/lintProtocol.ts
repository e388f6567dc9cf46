import type { PlatformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';

/** The Zeebe version the platform's packages are drawn for, when a diagram does not say (a new draft's). */
export const TARGET_PLATFORM = { executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.6.0' };

/** The page → the lint worker: the diagram as it stands, and the draft's context for the platform rules. */
export interface LintRequest {
  run: number;
  xml: string;
  context: PlatformLintContext;
}

/** The lint worker → the page: @camunda/linting's reports as plain data, or why it could not lint. */
export type LintAnswer = { run: number; reports: Array<Record<string, unknown>> } | { run: number; error: string };

/**
 * A report as plain data: the moddle elements in its `data` (the linting module reads their type to
 * word a field's error) become `{ $type, id }`, so the report can cross to the page.
 */
export function plainReport(report: Record<string, unknown>): Record<string, unknown> {
  return plain(report, 0) as Record<string, unknown>;
}

function plain(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  const v = value as Record<string, unknown>;
  if (typeof v.$type === 'string') return { $type: v.$type, ...(typeof v.id === 'string' ? { id: v.id } : {}), ...(typeof v.name === 'string' ? { name: v.name } : {}) };
  if (depth > 4) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, depth + 1)]).filter(([, x]) => x !== undefined));
}
