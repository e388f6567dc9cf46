import type { CoverageReport } from '../tryout/tryoutTypes.ts';

/** Whether the scenario results allow activation: they have been run, and every scenario ran and held. */
export function scenariosGreen(report: Pick<CoverageReport, 'scenarios'> | undefined): boolean {
  return !!report && report.scenarios.every((s) => s.status !== 'ERROR' && !s.error && s.matched !== false);
}
