/**
 * The scenarios CI runs on Operaton, per package: one that moves the clock through the package's timers
 * and one that ends elsewhere (a refusal, a rejection or a correction), so every package's processes,
 * timers and decisions are crossed on the cluster within the CI budget. The whole set runs with
 * SCENARIOS_ON_OPERATON=all (README, Operaton).
 */
export const OPERATON_SUBSET: Record<string, string[]> = {
  'gansu/2024-certification-plan': ['report-overdue-six-months.json', 'report-returned-corrected.json'],
  'liaocheng/2020-org-pilot': ['city-org-publicity-objection-upheld.json', 'registered-outside-liaocheng.json'],
  'sichuan/2021-examiner-training': ['card-not-collected-twice-ban.json', 'senior-pre-review-ineligible.json'],
  'sichuan/2024-renewal': ['process-examiner-city-route.json', 'process-province-rejects-card-outside-registry.json'],
  'sichuan/2026-examiner-training': ['makeup-passed.json', 'leave-late-unexcused.json'],
  'sichuan/2026-supervisor-training': ['process-hrss-city-late-escalates.json', 'process-three-failures-ineligible.json'],
};
