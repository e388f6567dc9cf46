/**
 * The registry's sanction kinds: what a process records (`sanction.record`, header `kind`) and what
 * the rules read (`person.bans`, the recommender's suspension) must be the same word, or a sanction
 * is recorded and never applied. One vocabulary, checked at package load and by the worker.
 */
export const SANCTION_KINDS = {
  TRAINING_REGISTRATION: { subject: 'person', label: '限制参加培训报名' },
  EXAMINER_APPLICATION: { subject: 'person', label: '取消考评员申报资格' },
  ASSESSMENT_WORK: { subject: 'person', label: '禁止参加考评及命题等工作' },
  EXAMINER_QUALIFICATION: { subject: 'person', label: '取消考评员资格' },
  SUPERVISOR_QUALIFICATION: { subject: 'person', label: '取消质量督导员资格' },
  RECOMMENDATION_SUSPENDED: { subject: 'org', label: '暂停推荐资格' },
  RECOMMENDATION_REVOKED: { subject: 'org', label: '不再接受推荐' },
  EVALUATION_DELISTED: { subject: 'org', label: '移出评价目录、取消评价资格' },
} as const satisfies Record<string, { subject: 'person' | 'org'; label: string }>;

export type SanctionKind = keyof typeof SANCTION_KINDS;

export const isSanctionKind = (k: unknown): k is SanctionKind => typeof k === 'string' && Object.hasOwn(SANCTION_KINDS, k);

/** The kinds, for a problem message: 「RECOMMENDATION_SUSPENDED(暂停推荐资格)、…」. */
export const sanctionKindList = (subject?: 'person' | 'org') =>
  Object.entries(SANCTION_KINDS)
    .filter(([, v]) => !subject || v.subject === subject)
    .map(([k, v]) => `${k}(${v.label})`)
    .join('、');
