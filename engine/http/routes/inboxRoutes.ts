import { Type } from '@sinclair/typebox';
import type { InboxService } from '../../services/inbox/InboxService.ts';
import { route, type RouteDef } from '../route.ts';
import { AnyObject, IdParams, page, Paging, TaskSchema } from '../schemas.ts';

export function inboxRoutes(inbox: InboxService): RouteDef[] {
  const roles = ['unit_reviewer', 'city_reviewer', 'province_reviewer'] as const;
  return [
    route({
      method: 'get',
      path: '/api/tasks',
      summary: '待办任务(仅本人所属候选组;键集分页)',
      tags: ['待办'],
      roles: [...roles],
      query: Type.Intersect([Paging, Type.Object({ applicationId: Type.Optional(Type.String({ format: 'uuid' })), mine: Type.Optional(Type.Boolean()) })]),
      responses: { 200: { description: '分页列表', schema: page(TaskSchema) } },
      handler: async ({ actor, query }) => ({ body: await inbox.list(actor, query) }),
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id',
      summary: '任务详情',
      tags: ['待办'],
      params: IdParams,
      responses: { 200: { description: '任务', schema: TaskSchema } },
      handler: async ({ actor, params }) => ({ body: await inbox.get(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/claim',
      summary: '认领任务',
      tags: ['待办'],
      params: IdParams,
      responses: { 200: { description: '已认领', schema: TaskSchema } },
      handler: async ({ actor, params }) => ({ body: await inbox.claim(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/unclaim',
      summary: '释放任务',
      tags: ['待办'],
      params: IdParams,
      responses: { 200: { description: '已释放', schema: TaskSchema } },
      handler: async ({ actor, params }) => ({ body: await inbox.unclaim(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/complete',
      summary: '办理任务:同意 / 不同意 / 退回补正,审批意见必填',
      tags: ['待办'],
      params: IdParams,
      body: Type.Object(
        {
          decision: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('return')], { description: 'approve 同意, reject 不同意, return 退回补正' }),
          opinion: Type.String({ minLength: 1, maxLength: 2000, description: '审批意见' }),
          data: Type.Optional(AnyObject),
        },
        { additionalProperties: false },
      ),
      responses: { 200: { description: '已办结', schema: TaskSchema } },
      handler: async ({ actor, params, body }) => ({ body: await inbox.complete(actor, params.id, body) }),
    }),
  ];
}
