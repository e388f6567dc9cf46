import type { PathMarks } from './PathDiagram.tsx';
import type { CoverageReport, TryoutResult } from './tryoutTypes.ts';

/** A process scenario as the package format writes it (the parts the try-out page reads or writes). */
export interface ScenarioDoc {
  name: string;
  clauses?: string[];
  given: { asOf: string; applicant: string; recommender?: string; application: Record<string, unknown>; registry?: unknown };
  when: Array<Record<string, unknown>>;
  then?: Record<string, unknown>;
  [k: string]: unknown;
}

/** The scenario files a try-out can run: scenarios/*.json, the rule checks (checks-*, *-checks) aside by the packages' naming. */
export function scenarioFiles(paths: string[]): string[] {
  return paths
    .filter((p) => /^scenarios\/[^/]+\.json$/.test(p) && !/^scenarios\/checks-/.test(p) && !/-checks\.json$/.test(p))
    .map((p) => p.slice('scenarios/'.length))
    .sort();
}

/** A run's path as marks: visited elements and flows, the end reached, the steps still waiting. */
export function pathMarks(r: Pick<TryoutResult, 'completedElements' | 'waitingAt' | 'diagram'>): PathMarks {
  const marks: PathMarks = {};
  for (const id of r.completedElements) marks[id] = 'visited';
  for (const id of r.diagram.takenFlowIds) marks[id] = 'visited';
  for (const id of r.diagram.endElementIds) marks[id] = 'end';
  for (const w of r.waitingAt) marks[w.elementId] = 'waiting';
  return marks;
}

/** A coverage map as marks: what no scenario reaches in red, what some scenario reaches in green. */
export function coverageMarks(report: CoverageReport, file: string): PathMarks {
  const marks: PathMarks = {};
  for (const s of report.scenarios.filter((x) => x.diagramFile === file)) {
    for (const id of s.completedElements) marks[id] = 'visited';
    for (const id of s.takenFlowIds) marks[id] = 'visited';
  }
  const d = report.diagrams.find((x) => x.file === file);
  for (const id of [...(d?.uncoveredElementIds ?? []), ...(d?.uncoveredFlowIds ?? [])]) marks[id] = 'uncovered';
  return marks;
}

/** A new scenario for a sample applicant, written like `base` (its form, dates and steps) without its expectation. */
export function sampleScenario(base: ScenarioDoc, applicant: { username: string; displayName: string }): ScenarioDoc {
  const { then: _then, ...rest } = base;
  return { ...rest, name: `试运行:${applicant.displayName}(参照「${base.name}」)`, given: { ...base.given, applicant: applicant.username } };
}

/**
 * The run saved as a scenario: the steps it ran and, as its expectation, what happened — the final
 * status, the elements passed in order and where it waits — so the next run says if that changes.
 */
export function scenarioFromRun(scenario: ScenarioDoc, run: Pick<TryoutResult, 'status' | 'completedElements' | 'waitingAt'>, name: string): ScenarioDoc {
  const then: Record<string, unknown> = { status: run.status, completedElements: run.completedElements };
  if (run.waitingAt.length) then.waitingAt = run.waitingAt.map((w) => w.elementId);
  return { ...scenario, name, then };
}

/** A file name under scenarios/ that the drafts API accepts. */
export function validScenarioName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]*\.json$/.test(name) && name.length <= 128 && !name.startsWith('checks-');
}
