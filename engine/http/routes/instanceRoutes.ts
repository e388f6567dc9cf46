import type { InstanceMigrationService } from '../../services/instances/InstanceMigrationService.ts';
import type { InstanceQueries } from '../../services/instances/InstanceQueries.ts';
import { route, type RouteDef } from '../route.ts';
import { IdParams } from '../schemas.ts';
import { HeatmapQuerySchema, HeatmapSchema, InstanceDetailSchema, InstanceListQuerySchema, InstancePageSchema, MigrationBodySchema, MigrationReportSchema } from '../instanceSchemas.ts';

/** 流程实例, 热力图 and instance migration: admins only, within their region (another region's version or instance: 404). */
export function instanceRoutes(queries: InstanceQueries, migrations: InstanceMigrationService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/admin/instances',
      summary: '一个政策包版本的流程实例:按状态与当前环节计数,分页列表(身份证号脱敏、已等待工作日、是否逾期);仅本行政区划',
      tags: ['运维'],
      roles: ['admin'],
      query: InstanceListQuerySchema,
      responses: { 200: { description: '一页实例、总数与计数', schema: InstancePageSchema } },
      handler: async ({ actor, query }) => ({ body: await queries.list(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/admin/instances/:id',
      summary: '一个流程实例(按申报编号):流程图与已走路径、流程变量(个人信息脱敏)、办理记录;仅本行政区划',
      tags: ['运维'],
      roles: ['admin'],
      params: IdParams,
      responses: { 200: { description: '实例详情', schema: InstanceDetailSchema } },
      handler: async ({ actor, params }) => ({ body: await queries.detail(actor, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/admin/heatmap',
      summary: '热力图:一个政策包版本各环节的等待实例数、已等待工作日中位数与逾期数,可按市(州)、推荐单位与到达日期筛选;仅本行政区划',
      tags: ['运维'],
      roles: ['admin'],
      query: HeatmapQuerySchema,
      responses: { 200: { description: '各环节的统计与流程图', schema: HeatmapSchema } },
      handler: async ({ actor, query }) => ({ body: await queries.heatmap(actor, query) }),
    }),
    route({
      method: 'post',
      path: '/api/admin/instance-migrations/check',
      summary: '检查流程实例迁移(不做任何修改):逐个实例报告等待环节的映射、新版本需要而缺少的变量及不能迁移的原因',
      tags: ['运维'],
      roles: ['admin'],
      body: MigrationBodySchema,
      responses: { 200: { description: '逐个实例的检查结果', schema: MigrationReportSchema } },
      handler: async ({ actor, body }) => ({ body: await migrations.check(actor, body) }),
    }),
    route({
      method: 'post',
      path: '/api/admin/instance-migrations',
      summary: '执行流程实例迁移:通过检查的实例逐个迁移到目标版本(每个实例全部完成或不变,记入审计日志),逐个返回结果',
      tags: ['运维'],
      roles: ['admin'],
      body: MigrationBodySchema,
      responses: { 200: { description: '逐个实例的迁移结果', schema: MigrationReportSchema } },
      handler: async ({ actor, body }) => ({ body: await migrations.execute(actor, body) }),
    }),
  ];
}
