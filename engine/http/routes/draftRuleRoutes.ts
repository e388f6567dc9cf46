import { Type } from '@sinclair/typebox';
import type { DraftRuleTrialService, RuleTrialInput } from '../../services/drafts/DraftRuleTrialService.ts';
import { route, type RouteDef } from '../route.ts';
import { RuleResultSchema } from '../taskSchemas.ts';

const DraftId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: '草稿 ID' });
const AnyObject = Type.Object({}, { additionalProperties: true });

export const TrialResultSchema = Type.Composite([
  RuleResultSchema,
  Type.Object({
    source: Type.Object({
      kind: Type.Union([Type.Literal('facts'), Type.Literal('application'), Type.Literal('past')], { description: 'facts:样例(场景中的事实);application:申报表数据,登记信息按流程查询;past:以往申报及其登记信息' }),
      applicationId: Type.Union([Type.String(), Type.Null()]),
      applicantName: Type.Union([Type.String(), Type.Null()]),
    }),
    missingFacts: Type.Array(Type.String(), { description: '规则需要但未取得的事实' }),
  }),
]);

export const PastApplicantSchema = Type.Object({
  id: Type.String(),
  applicantName: Type.Union([Type.String(), Type.Null()]),
  idNumber: Type.Union([Type.String(), Type.Null()], { description: '身份证号码(已遮盖)' }),
  status: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  packageHash: Type.String(),
});

export function draftRuleRoutes(trials: DraftRuleTrialService): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/drafts/:id/rules/:ruleSet/evaluate',
      summary: '试算:用平台的资格判定对样例、申报表数据或以往申报(含登记信息)执行草稿中的规则集(可带未保存的规则集),返回每条条件的 ✔ / ✘ / 需人工 及查到的值',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: Type.Object({ id: DraftId, ruleSet: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: '清单 ruleSets 中的规则集 ID' }) }),
      body: Type.Object(
        {
          ruleSet: Type.Optional(AnyObject),
          asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '判定日期(缺省为今天,以往申报为其提交日)' })),
          facts: Type.Optional(AnyObject),
          application: Type.Optional(AnyObject),
          applicationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
      responses: { 200: { description: '试算结果', schema: TrialResultSchema } },
      handler: async ({ actor, params, body }) => ({ body: await trials.evaluate(actor, params.id, params.ruleSet, body as RuleTrialInput) }),
    }),
    route({
      method: 'get',
      path: '/api/drafts/:id/rules/applicants',
      summary: '可用于试算的以往申报:复制来源版本及同一政策包的已提交申报(最近 50 条,身份证号码已遮盖)',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: Type.Object({ id: DraftId }),
      responses: { 200: { description: '以往申报', schema: Type.Array(PastApplicantSchema) } },
      handler: async ({ actor, params }) => ({ body: await trials.pastApplicants(actor, params.id) }),
    }),
  ];
}
