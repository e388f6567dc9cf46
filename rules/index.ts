export { WorkingDayCalendar, computeDeadline, deadlineInstant, type CalendarOverride, type DateResult, type DeadlineRequest, type Convention } from './calendar/WorkingDayCalendar.ts';
export { evaluateRuleSet, type RuleSet, type RuleSpec, type Evaluation, type RuleCheck, type ConditionCheck, type Decision } from './evaluateRuleSet.ts';
export const RULE_SET_SCHEMA_PATH = new URL('./schema/ruleSet.schema.json', import.meta.url);
