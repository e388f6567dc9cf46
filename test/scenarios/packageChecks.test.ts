import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDeadline, evaluateRuleSet, WorkingDayCalendar, type DeadlineRequest, type RuleSet } from '../../rules/index.ts';
import { checkAttachments, validateForm, type FormSchema } from '../../forms/index.ts';
import { loadPackage } from '../../engine/packages/index.ts';
import type { LoadedPackage, PackageScenario, ScenarioCheck } from '../../engine/packages/packageTypes.ts';
import { resolveWindow, windowStateOn } from '../../engine/schedules/resolveWindow.ts';
import { packageDirectories } from '../support/packageDirectories.ts';

/**
 * Runs the "checks" scenarios of every package (scenarios/*.json with a `checks` list): rule sets
 * against given facts, deadlines through the real working-day calendar (and, for [WD-HOL] cases, a
 * proof that a Monday–Friday calendar answers differently), forms, and schedule windows.
 */

const MONDAY_TO_FRIDAY = new WorkingDayCalendar([], { publishedYears: Array.from({ length: 40 }, (_, i) => 2000 + i) }, {
  holidays: {},
  workdays: {},
  coveredYears: new Set(),
  source: 'monday-to-friday',
});

const packageDirs = packageDirectories().map((d) => path.join('deployments', d));

function checkScenarioFiles(dir: string): string[] {
  const scenarioDir = path.join(dir, 'scenarios');
  if (!fs.existsSync(scenarioDir)) return [];
  return fs
    .readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.json'))
    .filter((f) => {
      try {
        return Array.isArray((JSON.parse(fs.readFileSync(path.join(scenarioDir, f), 'utf8')) as PackageScenario).checks);
      } catch {
        return true; // reported by the loader below
      }
    })
    .sort();
}

for (const dir of packageDirs) {
  const files = checkScenarioFiles(dir);
  if (files.length === 0) continue;
  describe(`checks of ${dir.replace(/^deployments\//, '')}`, () => {
    let pkg: LoadedPackage | undefined;
    const loaded = async () => {
      if (pkg) return pkg;
      const r = await loadPackage(dir);
      const errors = r.problems.filter((p) => p.severity === 'error');
      expect(errors, `the package loads without errors`).toEqual([]);
      pkg = r.package!;
      return pkg;
    };

    it.each(files)('%s', async (file) => {
      // given
      const p = await loaded();
      const scenario = p.scenarios[`scenarios/${file}`]!;
      const calendar = new WorkingDayCalendar(scenario.given.calendarOverrides ?? [], { publishedYears: (scenario.given.publishedYears as number[] | undefined) ?? [] });
      const parameters = Object.fromEntries(Object.entries(p.manifest.parameters).map(([k, v]) => [k, v.value]));
      const failures: string[] = [];

      // when / then: every check runs, and every failure is reported with its title
      for (const check of scenario.checks!) {
        try {
          await runCheck(p, check, { asOf: check.asOf ?? scenario.given.asOf.slice(0, 10), calendar, parameters });
        } catch (err) {
          failures.push(`「${check.title}」: ${(err as Error).message}`);
        }
      }
      expect(failures, `${file}`).toEqual([]);
    });
  });
}

interface CheckContext {
  asOf: string;
  calendar: WorkingDayCalendar;
  parameters: Record<string, unknown>;
}

async function runCheck(p: LoadedPackage, c: ScenarioCheck, ctx: CheckContext): Promise<void> {
  const e = c.expect as Record<string, any>;
  if (c.ruleSet) {
    const ruleSet = p.ruleSets[c.ruleSet] as unknown as RuleSet;
    const facts = { parameters: ctx.parameters, ...(c.facts ?? {}), asOf: ctx.asOf };
    const r = await evaluateRuleSet(ruleSet, facts as never, { asOf: ctx.asOf });
    const explain = () => r.checks.map((k) => `${k.rule}=${k.outcome}${k.applicable ? '' : '(n/a)'}`).join(' ');
    if (e.decision !== undefined) expect(r.decision, `decision [${explain()}]`).toBe(e.decision);
    const clausesOf = (o: string) => [...new Set(r.checks.filter((k) => k.outcome === o).map((k) => k.clause))].sort();
    if (e.failedClauses) expect(clausesOf('INELIGIBLE'), `failedClauses [${explain()}]`).toEqual([...new Set(e.failedClauses as string[])].sort());
    if (e.referredClauses) expect(clausesOf('REFER'), `referredClauses [${explain()}]`).toEqual([...new Set(e.referredClauses as string[])].sort());
    for (const [rule, outcome] of Object.entries((e.outcomes ?? {}) as Record<string, string>)) {
      const k = r.checks.find((x) => x.rule === rule);
      expect(k, `rule ${rule} exists`).toBeDefined();
      expect(k!.outcome, `outcome of ${rule}: ${k!.message}`).toBe(outcome);
    }
    for (const rule of (e.notApplicable ?? []) as string[]) expect(r.checks.find((x) => x.rule === rule)?.applicable, `${rule} not applicable`).toBe(false);
    return;
  }
  if (c.deadline) {
    const amount = typeof c.deadline.amount === 'object' ? Number(ctx.parameters[c.deadline.amount.parameter]) : c.deadline.amount;
    const req = { ...c.deadline, amount } as DeadlineRequest;
    const r = computeDeadline(ctx.calendar, req);
    expect(r.date, 'deadline').toBe(e.date);
    if (e.provisional !== undefined) expect(r.provisional, 'provisional').toBe(e.provisional);
    if (e.mondayToFriday !== undefined) {
      expect(e.mondayToFriday, 'a [WD-HOL] case must differ from the real calendar').not.toBe(e.date);
      expect(computeDeadline(MONDAY_TO_FRIDAY, req).date, 'Monday–Friday calendar').toBe(e.mondayToFriday);
    }
    return;
  }
  if (c.form) {
    const r = validateForm(p.forms[c.form]!.schema as FormSchema, c.data);
    const pointers = r.errors.map((x) => x.pointer);
    expect(r.valid, `valid (errors: ${r.errors.map((x) => `${x.pointer} ${x.message}`).join('; ')})`).toBe(e.valid);
    for (const ptr of (e.errorPointers ?? []) as string[]) expect(pointers, `error at ${ptr}`).toContain(ptr);
    return;
  }
  if (c.uploads) {
    const problems = checkAttachments(p.forms[c.uploads]!.schema, c.data, c.uploaded ?? []);
    const seen = problems.map((x) => `${x.code}:${x.kind}`).sort();
    expect(problems.length === 0, `complete (problems: ${problems.map((x) => x.message).join('; ')})`).toBe(e.complete);
    if (e.problems) expect(seen, 'material problems').toEqual((e.problems as Array<{ code: string; kind: string }>).map((x) => `${x.code}:${x.kind}`).sort());
    return;
  }
  if (c.window) {
    const w = resolveWindow(p.schedule.windows.find((x) => x.id === c.window)!, ctx.calendar);
    if (e.opens !== undefined) expect(w.opens, 'opens').toBe(e.opens);
    if (e.closes !== undefined) expect(w.closes, 'closes').toBe(e.closes);
    expect(windowStateOn(w, c.date!) === 'OPEN', `open on ${c.date} (${w.opens}…${w.closes})`).toBe(e.open);
    return;
  }
  throw new Error('检查项既不是规则、期限、表单、材料,也不是时间窗口');
}
