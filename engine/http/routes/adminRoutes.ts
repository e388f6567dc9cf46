import { Type } from '@sinclair/typebox';
import type { OperationsService } from '../../services/operations/OperationsService.ts';
import type { AuditReadService } from '../../services/audit/AuditReadService.ts';
import type { ScheduledJobService } from '../../services/scheduledJobs/ScheduledJobService.ts';
import { route, type RouteDef } from '../route.ts';
import { AuditPageSchema, AuditVerificationSchema, HealthSchema, IncidentDetailSchema, IncidentSchema, IncidentVariablesResultSchema, ScheduledJobSchema } from '../responseSchemas.ts';

export interface HealthInfo {
  engine: string;
  database: string;
  packages(): Promise<Array<{ packageId: string; hash: string; active: boolean }>>;
}

export function adminRoutes(ops: OperationsService, health: HealthInfo, audit: AuditReadService, scheduledJobs: ScheduledJobService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/scheduled-jobs',
      summary: '登记系统定时任务(如换证轮次结束后作废未申请换证的证卡、轮次前的换证提醒):到期日、状态与结果,仅本行政区划',
      tags: ['运维'],
      roles: ['admin'],
      responses: { 200: { description: '定时任务', schema: Type.Array(ScheduledJobSchema) } },
      handler: async ({ actor }) => ({ body: await scheduledJobs.list(actor) }),
    }),
    route({
      method: 'get',
      path: '/api/health',
      summary: '健康检查:引擎类型、数据库类型、已加载的政策包版本',
      tags: ['运维'],
      auth: 'public',
      responses: { 200: { description: '正常', schema: HealthSchema } },
      handler: async () => ({ body: { status: 'ok', engine: health.engine, database: health.database, packages: await health.packages() } }),
    }),
    route({
      method: 'get',
      path: '/api/incidents',
      summary: '流程事件(重试用尽、未捕获错误等),含所属申报、政策包版本、行政区划与该环节出错次数;仅本行政区划',
      tags: ['运维'],
      roles: ['admin'],
      query: Type.Object({ state: Type.Optional(Type.Union([Type.Literal('OPEN'), Type.Literal('RESOLVED')])), processInstanceKey: Type.Optional(Type.String({ maxLength: 64 })) }),
      responses: { 200: { description: '事件列表', schema: Type.Array(IncidentSchema) } },
      handler: async ({ actor, query }) => ({ body: await ops.listIncidents(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/audit',
      summary: '审计日志(只追加、哈希链防篡改;仅本行政区划;按应用、操作人、时间筛选;按 id 键集分页)',
      tags: ['运维'],
      roles: ['admin'],
      query: Type.Object({
        applicationId: Type.Optional(Type.String({ maxLength: 36, description: '申报编号' })),
        actorId: Type.Optional(Type.String({ maxLength: 36, description: '操作人账号 id' })),
        actorUsername: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '操作人账号名' })),
        action: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]*$', maxLength: 64, description: '操作,如 incident.resolved;以「.」结尾则匹配该前缀的所有操作(如 incident.)' })),
        entityType: Type.Optional(Type.String({ maxLength: 32 })),
        entityId: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Type.String({ format: 'date-time', description: '起始时间(含),ISO-8601' })),
        to: Type.Optional(Type.String({ format: 'date-time', description: '结束时间(不含),ISO-8601' })),
        afterId: Type.Optional(Type.Integer({ minimum: 0, description: '上一页最后一条的 id' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }),
      responses: { 200: { description: '审计记录', schema: AuditPageSchema } },
      handler: async ({ actor, query }) => ({ body: await audit.list(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/audit/verification',
      summary: '核验审计日志哈希链(全链,逐条重算哈希):完整,或第一条被修改、删除的记录',
      tags: ['运维'],
      roles: ['admin'],
      responses: { 200: { description: '核验结果', schema: AuditVerificationSchema } },
      handler: async ({ actor }) => ({ body: await audit.verify(actor) }),
    }),
    route({
      method: 'get',
      path: '/api/incidents/:key',
      summary: '一个流程事件及其流程实例的变量(个人信息已脱敏),供更正变量后重试;仅本行政区划',
      tags: ['运维'],
      roles: ['admin'],
      params: Type.Object({ key: Type.String({ pattern: '^[0-9]+$', maxLength: 32 }) }),
      responses: { 200: { description: '事件', schema: IncidentDetailSchema } },
      handler: async ({ actor, params }) => ({ body: await ops.getIncident(actor, params.key) }),
    }),
    route({
      method: 'post',
      path: '/api/incidents/:key/resolve',
      summary: '解决事件并重试任务',
      tags: ['运维'],
      roles: ['admin'],
      params: Type.Object({ key: Type.String({ pattern: '^[0-9]+$' }) }),
      body: Type.Object({ retries: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) }, { additionalProperties: false }),
      responses: { 204: { description: '已解决' } },
      handler: async ({ actor, params, body }) => {
        await ops.resolveIncident(actor, params.key, body.retries ?? 1);
        return { status: 204 };
      },
    }),
    route({
      method: 'put',
      path: '/api/incidents/:key/variables',
      summary: '更正事件所在流程实例的变量(再解决事件重试)',
      tags: ['运维'],
      roles: ['admin'],
      params: Type.Object({ key: Type.String({ pattern: '^[0-9]+$', maxLength: 32 }) }),
      body: Type.Object(
        { variables: Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }), Type.Unknown(), { maxProperties: 50 }) },
        { additionalProperties: false },
      ),
      responses: { 200: { description: '已更正的变量', schema: IncidentVariablesResultSchema } },
      handler: async ({ actor, params, body }) => ({ body: await ops.setIncidentVariables(actor, params.key, body.variables as Record<string, unknown>) }),
    }),
  ];
}
