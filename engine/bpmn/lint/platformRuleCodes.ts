/** The problem code of each platform BPMN rule (platformRules.ts), apart so a page can read them without the rules. */
export const PLATFORM_RULE_CODES = {
  'supported-element': 'UNSUPPORTED_ELEMENT',
  'feel-syntax': 'FEEL_SYNTAX',
  'job-type': 'JOB_TYPE_UNKNOWN',
  'rule-set': 'RULE_SET_UNKNOWN',
  'form-key': 'FORM_KEY_UNKNOWN',
  'review-form-data': 'REVIEW_READS_FORM_DATA',
  'candidate-group': 'CANDIDATE_GROUP_UNKNOWN',
  'candidate-group-partial': 'CANDIDATE_GROUP_PARTLY_UNKNOWN',
  'element-clause': 'ELEMENT_NO_CLAUSE',
} as const;
