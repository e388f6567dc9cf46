import type { Job } from '../port/ProcessEngine.ts';

/** Reads a dotted path (e.g. `card.validFrom`) from job variables. */
export function readPath(vars: Record<string, unknown>, path: string): unknown {
  let cur: unknown = vars;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function requireHeader(job: Job, name: string): string {
  const v = job.customHeaders[name];
  if (v === undefined || v === '') throw new Error(`任务 ${job.elementId} 缺少任务头 ${name}`);
  return v;
}

export function requireVariable<T>(job: Job, path: string): T {
  const v = readPath(job.variables, path);
  if (v === undefined || v === null) throw new Error(`任务 ${job.elementId} 缺少流程变量 ${path}`);
  return v as T;
}

/** Package parameters are copied into the instance at submission (`parameters`), so running instances keep their version's values. */
export function parameter<T>(job: Job, name: string): T {
  return requireVariable<T>(job, `parameters.${name}`);
}
