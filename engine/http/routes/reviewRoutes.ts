import { Type } from '@sinclair/typebox';
import type { ReviewApplicationService } from '../../services/review/ReviewApplicationService.ts';
import { route, type RouteDef } from '../route.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const DateText = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'yyyy-mm-dd(北京时间)' });

/** The filters shared by the list and the export. */
const filterProperties = {
  package: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: '政策包版本(内容哈希)' })),
  procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$', description: '事项,如 examiner-training、card-renewal' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '年度' })),
  status: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9_]*(,[A-Z][A-Z0-9_]*)*$', maxLength: 200, description: '申报状态,多个以逗号分隔,如 SUBMITTED,IN_REVIEW' })),
  cityCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '推荐单位所在市(州)代码' })),
  submittedFrom: Type.Optional({ ...DateText, description: '提交日期起(含)' }),
  submittedTo: Type.Optional({ ...DateText, description: '提交日期止(含)' }),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '申报人姓名(部分),或身份证号码后4位' })),
};

export const ReviewApplicationQuerySchema = Type.Object(
  {
    ...filterProperties,
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const ReviewExportQuerySchema = Type.Object({ ...filterProperties, package: Type.String({ pattern: '^[0-9a-f]{64}$', description: '政策包版本(内容哈希)' }) }, { additionalProperties: false });

export const ReviewApplicationItemSchema = Type.Object({
  id: Type.String(),
  packageHash: Type.String(),
  packageId: Type.String(),
  packageTitle: Type.String(),
  applicantName: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String({ description: '身份证号码,仅显示前4位和后4位' })),
  status: Type.String(),
  statusLabel: Type.String(),
  stage: Nullable(Type.String()),
  recommenderOrgId: Nullable(Type.String()),
  recommenderOrgName: Nullable(Type.String()),
  cityCode: Nullable(Type.String()),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const ReviewApplicationPageSchema = Type.Object({
  items: Type.Array(ReviewApplicationItemSchema),
  total: Type.Integer({ minimum: 0, description: '符合条件的总数(「共 N 条」)' }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});

export const ReviewPackageListSchema = Type.Array(
  Type.Object({
    packageHash: Type.String(),
    packageId: Type.String(),
    title: Type.String(),
    procedure: Type.String(),
    year: Type.Integer(),
    regionCode: Type.String(),
    exports: Type.Array(Type.Object({ id: Type.String(), title: Type.String({ description: '汇总表标题' }) })),
  }),
);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reviewRoutes(review: ReviewApplicationService): RouteDef[] {
  const roles = ['unit_reviewer', 'city_reviewer', 'province_reviewer', 'admin'] as const;
  return [
    route({
      method: 'get',
      path: '/api/review/packages',
      summary: '审核人可查询的政策包版本及其汇总表(导出规格的 id 与标题)',
      tags: ['审核'],
      roles: [...roles],
      responses: { 200: { description: '政策包版本列表', schema: ReviewPackageListSchema } },
      handler: async ({ actor }) => ({ body: await review.packageList(actor) }),
    }),
    route({
      method: 'get',
      path: '/api/review/applications',
      summary: '审核人的申报列表与查询(推荐单位:本单位;市(州):本市;省:本省),按政策包、状态、地区、提交日期筛选,按姓名或身份证后4位搜索',
      tags: ['审核'],
      roles: [...roles],
      query: ReviewApplicationQuerySchema,
      responses: { 200: { description: '分页列表与总数', schema: ReviewApplicationPageSchema } },
      handler: async ({ actor, query }) => ({ body: await review.list(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/review/exports/:exportId.xlsx',
      summary: '导出汇总表(.xlsx,政策包中定义的列、标题与表头;范围与筛选同申报列表;导出完整身份证号码记入审计)',
      tags: ['审核'],
      roles: [...roles],
      params: Type.Object({ exportId: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$', maxLength: 64, description: '政策包 manifest.json 中 exports 的 id' }) }),
      query: ReviewExportQuerySchema,
      responses: { 200: { description: '汇总表文件', contentType: XLSX, schema: Type.String({ format: 'binary' }) } },
      handler: async ({ actor, params, query, res }) => {
        const out = await review.exportSummary(actor, params.exportId, query);
        res.setHeader('Content-Type', XLSX);
        res.setHeader('Content-Length', String(out.content.length));
        // RFC 6266/5987: an ASCII fallback, and the Chinese name in filename*.
        res.setHeader('Content-Disposition', `attachment; filename="summary.xlsx"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`);
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('X-Export-Rows', String(out.rows));
        res.status(200).end(out.content);
        return { handled: true };
      },
    }),
  ];
}
