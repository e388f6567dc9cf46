import { Type } from '@sinclair/typebox';
import type { OperationsService } from '../../services/operations/OperationsService.ts';
import { route, type RouteDef } from '../route.ts';
import { AuditPageSchema, HealthSchema, IncidentSchema } from '../responseSchemas.ts';

export interface HealthInfo {
  engine: string;
  database: string;
  packages(): Promise<Array<{ packageId: string; hash: string; active: boolean }>>;
}

export function adminRoutes(ops: OperationsService, health: HealthInfo): RouteDef[] {
  return [
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
      summary: '流程事件(重试用尽、未捕获错误等)',
      tags: ['运维'],
      roles: ['admin'],
      query: Type.Object({ state: Type.Optional(Type.Union([Type.Literal('OPEN'), Type.Literal('RESOLVED')])), processInstanceKey: Type.Optional(Type.String({ maxLength: 64 })) }),
      responses: { 200: { description: '事件列表', schema: Type.Array(IncidentSchema) } },
      handler: async ({ actor, query }) => ({ body: await ops.listIncidents(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/audit',
      summary: '审计日志(只追加;按 id 键集分页)',
      tags: ['运维'],
      roles: ['admin'],
      query: Type.Object({
        entityType: Type.Optional(Type.String({ maxLength: 32 })),
        entityId: Type.Optional(Type.String({ maxLength: 64 })),
        afterId: Type.Optional(Type.Integer({ minimum: 0 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }),
      responses: { 200: { description: '审计记录', schema: AuditPageSchema } },
      handler: async ({ actor, query }) => ({ body: await ops.listAudit(actor, query) }),
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
  ];
}
