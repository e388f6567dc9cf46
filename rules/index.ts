// Public API of the rules runtime and the working-day calendar. No framework imports below this folder.
export { WorkingDayCalendar, type CalendarOverride, type CalendarOptions, type Convention, type DateResult, type DayInfo, type MonthOptions } from './calendar/WorkingDayCalendar.ts';
export { computeDeadline, type DeadlineRequest, type DeadlineUnit } from './calendar/computeDeadline.ts';
export { deadlineInstant } from './calendar/deadlineInstant.ts';
export { isCivilDate } from './calendar/civilDate.ts';
export { evaluateRuleSet } from './evaluateRuleSet.ts';
export { checkRuleSet, type RuleSetProblem } from './checkRuleSet.ts';
export { countCharacters, type CharacterCountMode } from './countCharacters.ts';
export {
  BUILT_IN_OPERATORS,
  CUSTOM_OPERATORS,
  RuleSetError,
  type ConditionCheck,
  type ConditionSpec,
  type ConditionTree,
  type Decision,
  type Evaluation,
  type FactRef,
  type Facts,
  type JsonValue,
  type OperatorName,
  type Outcome,
  type RuleCheck,
  type RuleSet,
  type RuleSpec,
} from './ruleSetTypes.ts';
export { RULE_SET_SCHEMA_PATH, RULE_SET_SCHEMA_URL } from './ruleSetSchemaPath.ts';
