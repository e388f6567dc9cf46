/**
 * Deterministic crash points for the kill test: `crashPoint(name)` is a no-op unless the
 * configuration (CRASH_POINT, read in engine/config.ts) names that point; then the process kills
 * itself with SIGKILL right there, as a power cut between two commits would.
 */
let armed: ReadonlySet<string> = new Set();
/** A worker process takes its HTTP process down with it: the kill test's power cut hits the whole platform. */
let alsoKill: number | null = null;

export function crashPointsAlsoKill(pid: number): void {
  alsoKill = pid;
}

export function armCrashPoints(names: readonly string[]): void {
  armed = new Set(names.filter(Boolean));
}

export function crashPoint(name: string): void {
  if (!armed.size || !armed.has(name)) return;
  process.stderr.write(`[platform] crash point ${name}: SIGKILL\n`);
  if (alsoKill) process.kill(alsoKill, 'SIGKILL');
  process.kill(process.pid, 'SIGKILL');
}

/** The points the code defines, in the order one application passes them (the kill test walks them all). */
export const CRASH_POINTS = [
  'submit.committed',
  'start.instanceCreated',
  'userTask.activated',
  'userTask.projected',
  'complete.reserved',
  'complete.engineCommitted',
  'resubmit.reserved',
  'resubmit.engineCommitted',
] as const;
