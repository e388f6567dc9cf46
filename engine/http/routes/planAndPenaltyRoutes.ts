import { Type } from '@sinclair/typebox';
import type { PlanPublicationService } from '../../services/schedules/PlanPublicationService.ts';
import type { UnitPenaltyService } from '../../services/registry/UnitPenaltyService.ts';
import type { PublicNoticeService } from '../../services/registry/PublicNoticeService.ts';
import { NOTICE_REASONS, NOTICE_SCOPES } from '../../services/registry/PublicNotices.ts';
import { route, type RouteDef } from '../route.ts';

const HashString = Type.String({ pattern: '^[0-9a-f]{64}$', description: '版本内容哈希' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const PlanSchema = Type.Object({
  windowId: Type.String(),
  title: Type.String(),
  deadline: Nullable(Type.String({ description: '最迟发布日期' })),
  clause: Nullable(Type.String()),
  state: Type.Union([Type.Literal('PUBLISHED'), Type.Literal('PUBLISHED_LATE'), Type.Literal('NOT_PUBLISHED'), Type.Literal('OVERDUE')], { description: 'PUBLISHED 已按期发布;PUBLISHED_LATE 逾期发布;NOT_PUBLISHED 尚未发布(未到期);OVERDUE 已过期仍未发布' }),
  publication: Type.Union([Type.Object({ publishedOn: Type.String(), reference: Type.String(), recordedAt: Type.String() }), Type.Null()]),
});

const UnitPenaltySchema = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  orgId: Type.String(),
  orgName: Nullable(Type.String()),
  cityCode: Nullable(Type.String()),
  unitCut: Type.Integer({ description: '削减该单位本年度参培名额(人)' }),
  cityCut: Type.Integer({ description: '削减所在市(州)本年度参培名额(人)' }),
  publicNotice: Type.Boolean({ description: '予以通报' }),
  findings: Type.Array(Type.String(), { description: '所决定的核查情形(规则名)' }),
  clauses: Type.Array(Type.String()),
  opinion: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Type.String(),
});

const literals = (o: object) => Type.Union(Object.keys(o).map((k) => Type.Literal(k)));
const PublicNoticeSchema = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  name: Type.String(),
  idNumberMasked: Type.String({ description: '身份证号码(脱敏)' }),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  cityCode: Nullable(Type.String()),
  reason: literals(NOTICE_REASONS),
  scope: literals(NOTICE_SCOPES),
  clause: Type.String(),
  opinion: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Type.String(),
}, { description: `事由:${Object.entries(NOTICE_REASONS).map(([k, v]) => `${k} ${v}`).join(';')}。范围:${Object.entries(NOTICE_SCOPES).map(([k, v]) => `${k} ${v}`).join(';')}` });

export function planAndPenaltyRoutes(plans: PlanPublicationService, penalties: UnitPenaltyService, notices: PublicNoticeService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/packages/:hash/plans',
      summary: '政策包日程中须按期发布的计划(如换证计划「每月10日前」)及其发布登记',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor'],
      params: Type.Object({ hash: HashString }),
      responses: { 200: { description: '计划列表', schema: Type.Array(PlanSchema) } },
      handler: async ({ actor, params }) => ({ body: await plans.list(actor, params.hash) }),
    }),
    route({
      method: 'put',
      path: '/api/packages/:hash/plans/:windowId/publication',
      summary: '登记计划已发布(发布日期、文号或发布渠道);截止日后仍未登记的计划向本地区管理员发出警告',
      tags: ['政策包'],
      roles: ['admin'],
      params: Type.Object({ hash: HashString, windowId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 128 }) }),
      body: Type.Object({ publishedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), reference: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false }),
      responses: { 200: { description: '已登记', schema: PlanSchema } },
      handler: async ({ actor, params, body }) => ({ body: await plans.record(actor, params.hash, params.windowId, body) }),
    }),
    route({
      method: 'get',
      path: '/api/registry/unit-penalties',
      summary: '推荐单位处罚决定:本年度参培名额削减与通报名单(省职鉴中心决定,SC26-46/50/51)',
      tags: ['名录'],
      roles: ['admin', 'province_reviewer', 'city_reviewer'],
      query: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), publicNotice: Type.Optional(Type.Boolean({ description: '只列通报的单位' })) }),
      responses: { 200: { description: '处罚决定', schema: Type.Array(UnitPenaltySchema) } },
      handler: async ({ actor, query }) => ({ body: await penalties.list(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/registry/public-notices',
      summary: '人员通报名单:无故缺勤或无故未完成培训考核、经省职鉴中心决定予以通报的人员(SC26-54)',
      tags: ['名录'],
      roles: ['admin', 'province_reviewer', 'city_reviewer'],
      query: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
      responses: { 200: { description: '通报名单', schema: Type.Array(PublicNoticeSchema) } },
      handler: async ({ actor, query }) => ({ body: await notices.list(actor, query) }),
    }),
  ];
}
