import { Type } from '@sinclair/typebox';
import type { TryoutService } from '../../services/tryout/TryoutService.ts';
import { route, type RouteDef } from '../route.ts';
import { TryoutResultSchema } from '../responseSchemas.ts';

const DraftId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: '草稿 ID' });
const HashString = Type.String({ pattern: '^[0-9a-f]{64}$', description: '版本内容哈希' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const TryoutBody = Type.Union([
  Type.Object({ scenarioFile: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*\\.json$', maxLength: 128, description: '草稿 scenarios/ 下的场景文件名' }) }, { additionalProperties: false }),
  Type.Object({ scenario: Type.Object({}, { additionalProperties: true, description: '场景(政策包场景格式:given / when,then 可省略)' }) }, { additionalProperties: false }),
]);

export const CoverageReportSchema = Type.Object({
  packageHash: Nullable(Type.String()),
  draftId: Nullable(Type.String()),
  scenarios: Type.Array(
    Type.Object({
      file: Type.String(),
      name: Type.String(),
      matched: Nullable(Type.Boolean({ description: '场景的 then 是否全部符合' })),
      status: Type.String(),
      statusLabel: Type.String(),
      mismatches: Type.Array(Type.String()),
      error: Nullable(Type.String()),
      diagramFile: Nullable(Type.String()),
      completedElements: Type.Array(Type.String()),
      takenFlowIds: Type.Array(Type.String()),
    }),
  ),
  diagrams: Type.Array(
    Type.Object({
      file: Type.String(),
      elementCount: Type.Integer(),
      flowCount: Type.Integer(),
      uncoveredElementIds: Type.Array(Type.String(), { description: '没有任何场景经过的环节' }),
      uncoveredFlowIds: Type.Array(Type.String(), { description: '没有任何场景经过的顺序流' }),
    }),
  ),
});

const CoverageBody = Type.Object(
  { scenarioFiles: Type.Array(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*\\.json$', maxLength: 128 }), { minItems: 1, maxItems: 200, description: '要运行的 scenarios/ 下的流程场景文件名' }) },
  { additionalProperties: false },
);

const SampleApplicantSchema = Type.Object({ username: Type.String(), displayName: Type.String(), regionCode: Nullable(Type.String()), organisation: Type.Boolean({ description: '申报单位经办人' }) });

/** Try-outs of drafts (issue 11) and the scenario results of a version before its activation. */
export function tryoutRoutes(tryouts: TryoutService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/tryout-applicants',
      summary: '试运行可用的示例申报人(临时环境中的演示账号),用于新建场景',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      responses: { 200: { description: '示例申报人', schema: Type.Array(SampleApplicantSchema) } },
      handler: async ({ actor }) => ({ body: tryouts.sampleApplicants(actor) }),
    }),
    route({
      method: 'post',
      path: '/api/drafts/:id/tryouts',
      summary: '草稿试运行(不发布):在独立的临时环境中运行草稿的一个场景或新写的场景,返回经过的环节与顺序流、每步的办理与理由;不触及真实数据',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: Type.Object({ id: DraftId }),
      body: TryoutBody,
      responses: { 200: { description: '试运行结果', schema: TryoutResultSchema } },
      handler: async ({ actor, params, body }) => ({ body: await tryouts.runDraft(actor, params.id, body as { scenarioFile?: string; scenario?: unknown }) }),
    }),
    route({
      method: 'post',
      path: '/api/drafts/:id/tryout-coverage',
      summary: '草稿场景覆盖:逐个运行所列的草稿流程场景(页面列出全部),列出没有任何场景经过的环节与顺序流',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: Type.Object({ id: DraftId }),
      body: CoverageBody,
      responses: { 200: { description: '各场景结果与覆盖情况', schema: CoverageReportSchema } },
      handler: async ({ actor, params, body }) => ({ body: await tryouts.coverageOfDraft(actor, params.id, body.scenarioFiles) }),
    }),
    route({
      method: 'post',
      path: '/api/packages/:hash/tryout-coverage',
      summary: '版本场景结果:逐个运行所列的该版本流程场景(启用前检查,页面列出全部),列出未覆盖的环节与顺序流',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor'],
      params: Type.Object({ hash: HashString }),
      body: CoverageBody,
      responses: { 200: { description: '各场景结果与覆盖情况', schema: CoverageReportSchema } },
      handler: async ({ actor, params, body }) => ({ body: await tryouts.coverageOfVersion(actor, params.hash, body.scenarioFiles) }),
    }),
  ];
}
