import { computeDeadline, deadlineInstant, evaluateRuleSet, type RuleSet } from '../../rules/index.ts';
import type { CalendarService } from '../services/calendar/CalendarService.ts';
import type { DeadlineCalculator, RuleEvaluator } from '../workers/ports.ts';

/** The rules runtime and the working-day calendar in force (with admin overrides) for the task workers. */
export function rulesWiring(calendar: CalendarService): { evaluateRules: RuleEvaluator; deadline: DeadlineCalculator; deadlineInstant: (date: string) => string } {
  return {
    evaluateRules: (ruleSet, facts, opts) => evaluateRuleSet(ruleSet as RuleSet, facts, opts),
    deadline: (req, regionCode) => computeDeadline(calendar.current(regionCode), req),
    deadlineInstant,
  };
}
