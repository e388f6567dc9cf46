import { Type } from '@sinclair/typebox';
import type { InboxService } from '../../services/inbox/InboxService.ts';
import type { ReviewerTaskService } from '../../services/inbox/ReviewerTaskService.ts';
import type { TaskQueries } from '../../services/inbox/TaskQueries.ts';
import { route, type RouteDef } from '../route.ts';
import { AnyObject, IdParams, TaskSchema } from '../schemas.ts';
import { BatchCompleteBodySchema, BatchCompleteResultSchema, ColleaguesSchema, InstanceDiagramSchema, TaskDetailSchema, TaskListQuerySchema, TaskListSchema, TransferBodySchema } from '../taskSchemas.ts';

export function inboxRoutes(inbox: InboxService, queries: TaskQueries, reviewer: ReviewerTaskService): RouteDef[] {
  const roles = ['unit_reviewer', 'city_reviewer', 'province_reviewer'] as const;
  return [
    route({
      method: 'get',
      path: '/api/tasks',
      summary: '待办 / 已办任务列表(仅本人所属候选组;筛选、排序、分页与总数)',
      tags: ['待办'],
      roles: [...roles],
      query: TaskListQuerySchema,
      responses: { 200: { description: '一页任务与符合条件的总数', schema: TaskListSchema } },
      handler: async ({ actor, query }) => ({ body: await queries.list(actor, query) }),
    }),
    route({
      method: 'post',
      path: '/api/tasks/batch-complete',
      summary: '批量审批:逐项独立办理,逐项返回结果',
      tags: ['待办'],
      roles: [...roles],
      body: BatchCompleteBodySchema,
      responses: { 200: { description: '每项的办理结果(成功 / 失败及原因)', schema: BatchCompleteResultSchema } },
      handler: async ({ actor, body }) => ({ body: await reviewer.batchComplete(actor, body) }),
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id',
      summary: '任务详情:申报信息(只读)、附件、规则结果、可选决定、任务表单与办理记录',
      tags: ['待办'],
      roles: [...roles],
      params: IdParams,
      responses: { 200: { description: '任务详情', schema: TaskDetailSchema } },
      handler: async ({ actor, params }) => ({ body: await reviewer.detail(actor, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id/diagram',
      summary: '流程图:流程版本的 BPMN、已完成与当前环节、已走连线及各审核环节的办理人与意见',
      tags: ['待办'],
      roles: [...roles],
      params: IdParams,
      responses: { 200: { description: '流程图数据', schema: InstanceDiagramSchema } },
      handler: async ({ actor, params }) => ({ body: await reviewer.diagram(actor, params.id) }),
    }),
    route({
      method: 'get',
      path: '/api/tasks/:id/colleagues',
      summary: '可转办的同事:同一审核组的其他审核人',
      tags: ['待办'],
      roles: [...roles],
      params: IdParams,
      responses: { 200: { description: '同组同事(用户名与姓名)', schema: ColleaguesSchema } },
      handler: async ({ actor, params }) => ({ body: await reviewer.colleagues(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/tasks/:id/transfer',
      summary: '转办给同一审核组的同事(意见必填)',
      tags: ['待办'],
      roles: [...roles],
      params: IdParams,
      body: TransferBodySchema,
      responses: { 200: { description: '已转办', schema: TaskSchema } },
      handler: async ({ actor, params, body }) => ({ body: await reviewer.transfer(actor, params.id, body) }),
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
