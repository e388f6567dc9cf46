import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { validateForm, type FormSchema } from '../../../forms/index.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers, seesRegion } from '../actorScope.ts';
import { gatherFacts, parameterValues, type FactRegistry } from '../eligibility/gatherFacts.ts';
import type { PackageService } from '../packages/PackageService.ts';
import type { RuleEvaluator } from '../../workers/ports.ts';
import { shanghaiDate } from '../time/clock.ts';

type Decision = 'ELIGIBLE' | 'INELIGIBLE' | 'REFER';

export interface ReplayReason {
  rule: string;
  clause: string;
  title: string;
  /** '—' when the rule does not exist in that version. */
  before: string;
  after: string;
  /** The target version's explanation (or the source's, for a rule that no longer exists). */
  message: string;
}

export interface ReplayItem {
  applicationId: string;
  applicantName: string | null;
  /** Masked: the report goes to policy staff, who need to recognise a case, not copy the number. */
  idNumber: string | null;
  status: string;
  /** 市(州) of the application, for the report by city. */
  cityCode: string | null;
  asOf: string;
  before: Decision;
  after: Decision;
  reasons: ReplayReason[];
  /** The stored form data against the target version's form: what the applicant would have to add or change. */
  formProblems: Array<{ pointer: string; message: string }>;
}

export interface ReplayReport {
  from: { hash: string; id: string; year: number };
  to: { hash: string; id: string; year: number };
  ruleSet: string;
  total: number;
  unchanged: number;
  /** e.g. { 'ELIGIBLE→INELIGIBLE': 3 } */
  transitions: Record<string, number>;
  /** Only the applications whose decision changes. */
  changed: ReplayItem[];
  /** Per 市(州): how many were replayed and how many change, with the transitions. */
  byCity: Array<{ cityCode: string | null; total: number; changed: number; transitions: Record<string, number> }>;
}

export interface ReplayDeps {
  db: Db;
  packages: PackageService;
  registry: FactRegistry;
  evaluateRules: RuleEvaluator;
}

const BATCH = 500;

function mask(id: unknown): string | null {
  return typeof id === 'string' && id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : null;
}

/**
 * Runs the stored applications of one package version under another version's rule set and
 * reports whose decision changes and which rules make the difference. Both sides are evaluated
 * now, with the same facts and as-of date (each application's submission day), so a difference
 * comes from the rules. The facts are the registry as it stands (bans are those in force at the
 * as-of date); rules that read process variables through a task's `facts` header see them missing.
 */
export class ReplayService {
  private readonly knex: Knex;

  constructor(private readonly d: ReplayDeps) {
    this.knex = d.db.knex;
  }

  async replay(actor: Actor, input: { fromHash: string; toHash: string; ruleSet?: string }): Promise<ReplayReport> {
    assertRole(actor, 'admin', 'policy_editor');
    const from = await this.d.packages.version(input.fromHash);
    const to = await this.d.packages.version(input.toHash);
    for (const [p, hash] of [[from, input.fromHash], [to, input.toHash]] as const) {
      // A version outside the caller's region does not exist for it, as in the package list.
      if (!seesRegion(actor, p.manifest.region.code)) throw new NotFoundError('政策包版本', hash);
      if (!regionCovers(actor.regionCode, p.manifest.region.code)) throw new ForbiddenError(`无权回放其他地区的政策包(${p.manifest.id} 属于${p.manifest.region.name})`);
    }
    const ruleSetId = input.ruleSet ?? 'eligibility';
    const fromRules = Object.hasOwn(from.ruleSets, ruleSetId) ? from.ruleSets[ruleSetId] : undefined;
    const toRules = Object.hasOwn(to.ruleSets, ruleSetId) ? to.ruleSets[ruleSetId] : undefined;
    if (!fromRules || !toRules) throw new ValidationError(`两个版本都须有规则集「${ruleSetId}」`, `${from.manifest.id}:${fromRules ? '有' : '无'};${to.manifest.id}:${toRules ? '有' : '无'}`);
    const toForm = (to.forms.application ?? Object.values(to.forms)[0])?.schema as FormSchema | undefined;
    const fromParams = parameterValues(from.manifest.parameters);
    const toParams = parameterValues(to.manifest.parameters);

    const report: ReplayReport = {
      from: { hash: input.fromHash, id: from.manifest.id, year: from.manifest.year },
      to: { hash: input.toHash, id: to.manifest.id, year: to.manifest.year },
      ruleSet: ruleSetId,
      total: 0,
      unchanged: 0,
      transitions: {},
      changed: [],
      byCity: [],
    };
    const cities = new Map<string | null, ReplayReport['byCity'][number]>();
    const cityOf = (code: string | null) => {
      let c = cities.get(code);
      if (!c) cities.set(code, (c = { cityCode: code, total: 0, changed: 0, transitions: {} }));
      return c;
    };
    // Keyset batches: a large year is read a page at a time, never all at once.
    let after = '';
    for (;;) {
      const rows = await this.knex('applications')
        .where({ package_hash: input.fromHash })
        .whereNot({ status: 'DRAFT' })
        .andWhere('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .select('id', 'data', 'status', 'city_code', 'submitted_at', 'created_at');
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      for (const row of rows) {
        const data = this.d.db.personal.fromJson<Record<string, unknown>>(row.data) ?? {};
        const asOf = shanghaiDate(Date.parse(row.submitted_at ?? row.created_at));
        const [before, now] = await Promise.all([
          gatherFacts(this.d.registry, data, fromParams, asOf, { unknownOrganisation: 'missing' }).then((f) => this.d.evaluateRules(fromRules, { ...f }, { asOf })),
          gatherFacts(this.d.registry, data, toParams, asOf, { unknownOrganisation: 'missing' }).then((f) => this.d.evaluateRules(toRules, { ...f }, { asOf })),
        ]);
        report.total++;
        const city = cityOf(row.city_code ?? null);
        city.total++;
        if (before.decision === now.decision) {
          report.unchanged++;
          continue;
        }
        const key = `${before.decision}→${now.decision}`;
        report.transitions[key] = (report.transitions[key] ?? 0) + 1;
        city.changed++;
        city.transitions[key] = (city.transitions[key] ?? 0) + 1;
        const byRule = new Map(before.checks.map((c) => [c.rule, c]));
        const reasons: ReplayReason[] = [];
        for (const c of now.checks) {
          const old = byRule.get(c.rule);
          if (old?.outcome !== c.outcome && c.outcome !== 'PASS') reasons.push({ rule: c.rule, clause: c.clause, title: c.title ?? c.rule, before: old?.outcome ?? '—', after: c.outcome, message: c.message });
        }
        for (const old of before.checks) {
          const c = now.checks.find((x) => x.rule === old.rule);
          if (!c && old.outcome !== 'PASS') reasons.push({ rule: old.rule, clause: old.clause, title: old.title ?? old.rule, before: old.outcome, after: '—', message: `该规则在 ${to.manifest.year} 年版本中已取消:${old.message}` });
          else if (c && c.outcome === 'PASS' && old.outcome !== 'PASS') reasons.push({ rule: c.rule, clause: c.clause, title: c.title ?? c.rule, before: old.outcome, after: 'PASS', message: c.message });
        }
        const form = toForm ? validateForm(toForm, data) : { errors: [] };
        report.changed.push({
          applicationId: row.id,
          applicantName: typeof data.name === 'string' ? data.name : null,
          idNumber: mask(data.idNumber),
          status: row.status,
          cityCode: row.city_code ?? null,
          asOf,
          before: before.decision as Decision,
          after: now.decision as Decision,
          reasons,
          formProblems: form.errors.map((e) => ({ pointer: e.pointer, message: e.message })),
        });
      }
    }
    report.byCity = [...cities.values()].sort((a, b) => b.changed - a.changed || String(a.cityCode).localeCompare(String(b.cityCode)));
    return report;
  }
}
