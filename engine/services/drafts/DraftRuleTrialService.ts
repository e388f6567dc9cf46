import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { NotFoundError, UnprocessableError, ValidationError } from '../../errors.ts';
import { checkRuleSet, isCivilDate, RuleSetError } from '../../../rules/index.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import { gatherFacts, parameterValues, type FactRegistry } from '../eligibility/gatherFacts.ts';
import { labelRuleValues } from '../inbox/ruleValueLabels.ts';
import { toRuleResult, type RuleResultView } from '../inbox/ReviewerTaskService.ts';
import type { PackageService } from '../packages/PackageService.ts';
import type { RuleEvaluator } from '../../workers/ports.ts';
import { shanghaiDate } from '../time/clock.ts';
import type { DraftService } from './DraftService.ts';

export interface RuleTrialInput {
  /** The rule set as edited (unsaved); without it, the draft's saved file. */
  ruleSet?: unknown;
  /** Judging date; default today, or a past application's submission day. */
  asOf?: string;
  /** A sample's facts as a package scenario gives them (application, recommender, person …). */
  facts?: Record<string, unknown>;
  /** A sample application's form data: the registry records are looked up as the process would. */
  application?: Record<string, unknown>;
  /** A past application: its form data and its registry record. */
  applicationId?: string;
}

export interface RuleTrialResult extends RuleResultView {
  source: { kind: 'facts' | 'application' | 'past'; applicationId: string | null; applicantName: string | null };
  /** Facts the rules read that were not found. */
  missingFacts: string[];
}

export interface PastApplicant {
  id: string;
  applicantName: string | null;
  idNumber: string | null;
  status: string;
  submittedAt: string | null;
  packageHash: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const mask = (id: unknown) => (typeof id === 'string' && id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : null);

export interface DraftRuleTrialDeps {
  db: Db;
  drafts: Pick<DraftService, 'get' | 'readFile'>;
  packages: Pick<PackageService, 'version'>;
  registry: FactRegistry;
  evaluateRules: RuleEvaluator;
  now: () => number;
}

/**
 * 试算: a draft's rule set (as edited, or as saved) judged on a sample or on a past applicant with
 * the registry record, by the platform's own evaluation (rules/evaluateRuleSet through gatherFacts,
 * as the eligibility worker does), shown as the reviewer's 资格审核结果. For the draft's region.
 */
export class DraftRuleTrialService {
  private readonly knex: Knex;

  constructor(private readonly d: DraftRuleTrialDeps) {
    this.knex = d.db.knex;
  }

  async evaluate(actor: Actor, draftId: string, ruleSetId: string, input: RuleTrialInput): Promise<RuleTrialResult> {
    assertRole(actor, 'policy_editor', 'admin');
    const manifest = await this.manifest(actor, draftId);
    const entry = (Array.isArray(manifest.ruleSets) ? (manifest.ruleSets as Json[]) : []).find((r) => r.id === ruleSetId);
    if (!entry || typeof entry.file !== 'string') throw new NotFoundError('规则集', ruleSetId);
    const sources = ['facts', 'application', 'applicationId'].filter((k) => input[k as keyof RuleTrialInput] !== undefined);
    if (sources.length !== 1) throw new ValidationError('请给出一个试算对象', '须且只能给出 facts(样例)、application(申报表数据)或 applicationId(以往申报)之一');
    if (input.asOf !== undefined && !isCivilDate(input.asOf)) throw new ValidationError('判定日期无效', `「${input.asOf}」不是 YYYY-MM-DD 日期`);

    let raw = input.ruleSet;
    if (raw === undefined) {
      const file = await this.d.drafts.readFile(actor, draftId, entry.file);
      raw = parseJson(file.content, entry.file);
    }
    // The format and unique names must hold; an undeclared fact (one a task header passes) only reads as missing here.
    const checked = checkRuleSet(isObject(raw) ? { ...raw, facts: undefined } : raw);
    if (!checked.ok) throw new UnprocessableError('规则集不符合格式,无法试算', `发现 ${checked.problems.length} 个问题`, checked.problems.map((p) => ({ file: entry.file as string, pointer: p.pointer, message: p.message })));

    const parameters = parameterValues(manifest.parameters as Record<string, { value: unknown }> | undefined);
    let facts: Record<string, unknown>;
    let asOf = input.asOf ?? shanghaiDate(this.d.now());
    let source: RuleTrialResult['source'];
    let formData: Json | undefined;
    if (input.applicationId !== undefined) {
      const past = await this.pastApplication(actor, draftId, input.applicationId);
      asOf = input.asOf ?? past.asOf;
      formData = past.data;
      facts = { ...(await gatherFacts(this.d.registry, past.data, parameters, asOf, { unknownOrganisation: 'missing' })) };
      source = { kind: 'past', applicationId: input.applicationId, applicantName: typeof past.data.name === 'string' ? past.data.name : null };
    } else if (input.application !== undefined) {
      formData = input.application;
      facts = { ...(await gatherFacts(this.d.registry, input.application, parameters, asOf, { unknownOrganisation: 'missing' })) };
      source = { kind: 'application', applicationId: null, applicantName: typeof input.application.name === 'string' ? input.application.name : null };
    } else {
      const given = input.facts!;
      formData = isObject(given.application) ? given.application : undefined;
      facts = { parameters, ...given };
      source = { kind: 'facts', applicationId: null, applicantName: typeof formData?.name === 'string' ? formData.name : null };
    }
    delete facts.asOf;
    let evaluation: Awaited<ReturnType<RuleEvaluator>>;
    try {
      evaluation = await this.d.evaluateRules(raw, facts, { asOf });
    } catch (err) {
      // The rule set or the sample is wrong for the runtime (a package author's error, not the platform's).
      if (err instanceof RuleSetError) throw new UnprocessableError('规则集无法试算', err.message);
      throw err;
    }
    const schema = await this.applicationSchema(actor, draftId, manifest);
    const view = labelRuleValues(toRuleResult({ ...evaluation, ruleSet: ruleSetId }), schema, Object.fromEntries(checked.ruleSet.rules.map((r) => [r.name, r.title])))!;
    return { ...view, source, missingFacts: (evaluation as { missingFacts?: string[] }).missingFacts ?? [] };
  }

  /** Past applications of the version the draft was copied from (and of the draft's own package id), newest first. */
  async pastApplicants(actor: Actor, draftId: string): Promise<PastApplicant[]> {
    assertRole(actor, 'policy_editor', 'admin');
    const draft = await this.d.drafts.get(actor, draftId);
    const rows = await this.knex('applications')
      .where((q) => {
        q.where({ package_id: draft.packageId });
        if (draft.baseHash) q.orWhere({ package_hash: draft.baseHash });
      })
      .whereNot({ status: 'DRAFT' })
      .orderBy([{ column: 'submitted_at', order: 'desc' }, { column: 'id', order: 'asc' }])
      .limit(50)
      .select('id', 'package_hash', 'data', 'status', 'submitted_at');
    const out: PastApplicant[] = [];
    for (const row of rows) {
      if (!(await this.inRegion(actor, row.package_hash))) continue;
      const data = this.d.db.personal.fromJson<Json>(row.data) ?? {};
      out.push({ id: row.id, applicantName: typeof data.name === 'string' ? data.name : null, idNumber: mask(data.idNumber), status: row.status, submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null, packageHash: row.package_hash });
    }
    return out;
  }

  private async manifest(actor: Actor, draftId: string): Promise<Json> {
    const file = await this.d.drafts.readFile(actor, draftId, 'manifest.json');
    const m = parseJson(file.content, 'manifest.json');
    if (!isObject(m)) throw new UnprocessableError('清单不是对象,无法试算');
    return m;
  }

  private async applicationSchema(actor: Actor, draftId: string, manifest: Json): Promise<Json | undefined> {
    const forms = Array.isArray(manifest.forms) ? (manifest.forms as Json[]) : [];
    const form = forms.find((f) => f.id === 'application') ?? forms[0];
    if (!form || typeof form.schema !== 'string') return undefined;
    try {
      const v = JSON.parse((await this.d.drafts.readFile(actor, draftId, form.schema)).content);
      return isObject(v) ? v : undefined;
    } catch {
      // Labels only: a missing or broken form leaves the codes as they are.
      return undefined;
    }
  }

  private async inRegion(actor: Actor, hash: string): Promise<boolean> {
    try {
      return regionCovers(actor.regionCode, (await this.d.packages.version(hash)).manifest.region.code);
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  private async pastApplication(actor: Actor, draftId: string, applicationId: string): Promise<{ data: Json; asOf: string }> {
    // Only the applications the draft's list offers: same package family, the caller's region.
    const draft = await this.d.drafts.get(actor, draftId);
    const row = await this.knex('applications').where({ id: applicationId }).whereNot({ status: 'DRAFT' }).first('id', 'package_id', 'package_hash', 'data', 'submitted_at', 'created_at');
    const family = row && (row.package_id === draft.packageId || row.package_hash === draft.baseHash);
    if (!row || !family || !(await this.inRegion(actor, row.package_hash))) throw new NotFoundError('申报', applicationId);
    return { data: this.d.db.personal.fromJson<Json>(row.data) ?? {}, asOf: shanghaiDate(Date.parse(row.submitted_at ?? row.created_at)) };
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UnprocessableError(`${file} 不是有效的 JSON,无法试算`, (err as Error).message);
  }
}
