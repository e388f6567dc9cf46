import { WorkingDayCalendar, computeDeadline, deadlineInstant, evaluateRuleSet, type RuleSet } from '../../rules/index.ts';
import type { Db } from '../store/createDb.ts';
import type { DeadlineCalculator, RuleEvaluator } from '../workers/ports.ts';

/** The rules runtime and the working-day calendar (with admin overrides from the store) for the task workers. */
export function rulesWiring(db: Db): { evaluateRules: RuleEvaluator; deadline: DeadlineCalculator; deadlineInstant: (date: string) => string; reloadCalendar(): Promise<void> } {
  let calendar = new WorkingDayCalendar();
  const reloadCalendar = async () => {
    const rows = await db.knex('calendar_overrides').select('date', 'working', 'note');
    calendar = new WorkingDayCalendar(rows.map((r: { date: string; working: number | boolean; note: string | null }) => ({ date: r.date, working: !!r.working, note: r.note ?? undefined })));
  };
  void reloadCalendar();
  return {
    evaluateRules: (ruleSet, facts, opts) => evaluateRuleSet(ruleSet as RuleSet, facts, opts),
    deadline: (req) => computeDeadline(calendar, req),
    deadlineInstant,
    reloadCalendar,
  };
}
