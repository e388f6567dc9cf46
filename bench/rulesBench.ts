import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatherFacts } from '../engine/services/eligibility/gatherFacts.ts';
import { Keyring } from '../engine/services/privacy/index.ts';
import { RegistryService } from '../engine/services/registry/RegistryService.ts';
import { createDb } from '../engine/store/createDb.ts';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { customOperators } from '../rules/customOperators.ts';
import { evaluateRuleSet } from '../rules/evaluateRuleSet.ts';
import { resolvePath } from '../rules/resolvePath.ts';
import type { ConditionTree, RuleSet } from '../rules/ruleSetTypes.ts';
import { compare, type Row } from './lib/compare.ts';

/**
 * Eligibility with explanations (ours: evaluateRuleSet) against json-rules-engine alone: one engine
 * built once with the same SC26 rules and operators, `run(facts)` per evaluation, facts in memory.
 */
const FILE = 'deployments/sichuan/2026-examiner-training/rules/eligibility.json';

export function sc26Facts(): Record<string, unknown> {
  return {
    application: {
      applicantType: 'EXAMINER',
      name: '张伟',
      gender: '男',
      idNumber: '510703198503120011',
      mobile: '13800138000',
      education: '大学本科',
      employer: '绵阳某汽车服务有限公司',
      address: '四川省绵阳市涪城区演示路1号',
      recommenderOrgId: 'org-my-filed',
      targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 4, code: '4-12-01-01', name: '汽车维修工' },
      qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-12-01-01', level: 3, certificateNo: 'S000051000000001', issuedOn: '2019-06-30' }],
      experience: '2018年起从事汽车维修工职业技能培训与考核工作。',
      declarations: { policyFamiliar: true, integrity: true, truthful: true },
    },
    recommender: { id: 'org-my-filed', name: '绵阳某汽车服务有限公司', regionCode: '510703', cityCode: '510700', filingStatus: 'FILED', filingAcceptedDate: '2023-01-01', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null },
    person: { idNumber: '510703198503120011', bans: [], cards: [] },
  };
}

const wrap = (t: ConditionTree): ConditionTree => ('all' in t || 'any' in t || 'not' in t ? t : { all: [t] });

export function baselineEngine(ruleSet: RuleSet, facts: Record<string, unknown>, asOf: string): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false });
  for (const [name, fn] of Object.entries(customOperators({ asOf, facts: { ...facts, asOf } }))) engine.addOperator(name, fn);
  for (const rule of ruleSet.rules) {
    engine.addRule({ name: rule.name, conditions: wrap(rule.conditions) as unknown as TopLevelCondition, event: { type: rule.name } } as RuleProperties);
    if (rule.appliesWhen) engine.addRule({ name: `${rule.name}#appliesWhen`, conditions: wrap(rule.appliesWhen) as unknown as TopLevelCondition, event: { type: rule.name } } as RuleProperties);
  }
  return engine;
}

async function perSecond(count: number, one: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await one();
  return (count / (performance.now() - t0)) * 1000;
}

export async function rulesBenchmarks(opts: { evaluations: number; repeats: number; warmup: number }): Promise<Row[]> {
  const ruleSet = JSON.parse(fs.readFileSync(FILE, 'utf8')) as RuleSet;
  const facts = sc26Facts();
  const asOf = '2026-03-10';
  const baseline = baselineEngine(ruleSet, facts, asOf);
  const runFacts = { ...facts, asOf };
  const first = await evaluateRuleSet(ruleSet, facts, { asOf });
  console.log(`[bench] rules: SC26 decision for the bench facts ${first.decision}, ${first.checks.length} rules explained`);
  const rows = [
    await compare({
      id: 'rules.sc26',
      label: 'SC26 eligibility with explanations, facts in memory',
      unit: 'evaluations/s',
      higherIsBetter: true,
      baselineLabel: 'json-rules-engine alone (engine built once, same rules and operators)',
      warmup: opts.warmup,
      repeats: opts.repeats,
      target: { ratio: 0.9, text: '≥0.9×' },
      ours: () => perSecond(opts.evaluations, () => evaluateRuleSet(ruleSet, facts, { asOf })),
      baseline: () => perSecond(opts.evaluations, () => baseline.run(runFacts)),
    }),
  ];
  rows.push(await registryFactsRow(ruleSet, facts, asOf, opts));
  return rows;
}

/**
 * The same evaluation with the recommender and the person read from the registry (SQLite file, the
 * task worker's path: gatherFacts, one statement per fact provider), against json-rules-engine alone
 * on the very facts those reads return, held in memory.
 */
async function registryFactsRow(ruleSet: RuleSet, sample: Record<string, unknown>, asOf: string, opts: { evaluations: number; repeats: number; warmup: number }): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rules-'));
  const db = await createDb(`sqlite:${path.join(dir, 'registry.sqlite')}`, { keyring: Keyring.ephemeral() });
  try {
    const registry = new RegistryService(db);
    // The sample's ID number with a valid check digit (the registry refuses others).
    const application: Record<string, unknown> = { ...(sample.application as Record<string, unknown>), idNumber: '510703198503120017' };
    const r = sample.recommender as Record<string, unknown>;
    await registry.upsertOrganisation({ id: String(r.id), name: String(r.name), regionCode: String(r.regionCode), cityCode: String(r.cityCode), provinceCode: '510000', filingStatus: 'FILED', filingAcceptedDate: String(r.filingAcceptedDate), isUndelegatedProvincialInChengdu: false, occupations: ['4-12-01-01'] });
    await registry.upsertPerson({ idNumber: String(application.idNumber), name: String(application.name) });
    await registry.records.addCertificate(String(application.idNumber), { kind: 'VQ', occupationCode: '4-12-01-01', occupationName: '汽车维修工', level: 3, certificateNo: 'S000051000000001', issuedOn: '2019-06-30' });
    const read = () => gatherFacts(registry, application, {}, asOf);
    const inMemory = { ...(await read()) } as Record<string, unknown>;
    const first = await evaluateRuleSet(ruleSet, inMemory, { asOf });
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    db.knex.on('query', onQuery);
    await read();
    db.knex.off('query', onQuery);
    console.log(`[bench] rules: with registry facts ${first.decision}; one gatherFacts = ${statements.length} SQL statements (recommender, person)`);
    const baseline = baselineEngine(ruleSet, inMemory, asOf);
    const runFacts = Object.fromEntries(Object.entries({ ...inMemory, asOf }).filter(([, v]) => v !== undefined));
    return await compare({
      id: 'rules.sc26.registry',
      label: 'SC26 eligibility with explanations, recommender and person read from the registry (SQLite)',
      unit: 'evaluations/s',
      higherIsBetter: true,
      baselineLabel: 'json-rules-engine alone on the same facts in memory',
      warmup: opts.warmup,
      repeats: opts.repeats,
      target: { ratio: 0.5, text: '≥0.5×' },
      ours: () => perSecond(opts.evaluations, async () => evaluateRuleSet(ruleSet, { ...(await read()) }, { asOf })),
      baseline: () => perSecond(opts.evaluations, () => baseline.run(runFacts)),
      note: `${statements.length} SQL statements per evaluation`,
    });
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
