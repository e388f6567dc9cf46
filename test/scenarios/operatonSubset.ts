/**
 * The scenarios a short run on Operaton takes: one per package, the one that moves the clock furthest through the
 * package's timers and decisions (deadlines, makeup rounds, late reports), so every package's processes
 * are crossed on the cluster (SCENARIOS_ON_OPERATON=subset, or unset when run by hand); CI runs the whole set (all, .ci/run)
 * (README, Operaton).
 */
export const OPERATON_SUBSET: Record<string, string[]> = {
  'gansu/2024-certification-plan': ['report-overdue-six-months.json'],
  'liaocheng/2020-org-pilot': ['city-org-publicity-objection-upheld.json'],
  'sichuan/2021-examiner-training': ['card-not-collected-twice-ban.json'],
  'sichuan/2024-renewal': ['process-examiner-city-route.json'],
  'sichuan/2026-examiner-training': ['makeup-passed.json'],
  'sichuan/2026-supervisor-training': ['process-hrss-city-late-escalates.json'],
};
