import { Type } from '@sinclair/typebox';
import type { CaseRequestService } from '../../services/cases/CaseRequestService.ts';
import { route, type RouteDef } from '../route.ts';
import { AnyObject } from '../schemas.ts';

const HashString = Type.String({ pattern: '^[0-9a-f]{64}$', description: '版本内容哈希' });

const StartableCaseSchema = Type.Object({
  packageHash: HashString,
  packageId: Type.String(),
  packageTitle: Type.String(),
  bpmnProcessId: Type.String(),
  title: Type.String({ description: '申请名称,如「上报省厅移出评价目录」' }),
  form: Type.Object({ id: Type.String(), title: Type.String(), schema: AnyObject, ui: AnyObject }),
});

const StartedCaseSchema = Type.Object({
  processInstanceKey: Type.String(),
  packageHash: HashString,
  bpmnProcessId: Type.String(),
  requestId: Type.String(),
  title: Type.String(),
});

/** Cases a reviewer starts (a city reporting an organisation to the province, SC26-08/SC21-14 requests). */
export function caseRoutes(cases: CaseRequestService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/cases/startable',
      summary: '本人可发起的申请(有效政策包中由审核人发起的案件,含申请表单)',
      tags: ['待办'],
      roles: ['unit_reviewer', 'city_reviewer', 'province_reviewer'],
      responses: { 200: { description: '可发起的申请', schema: Type.Array(StartableCaseSchema) } },
      handler: async ({ actor }) => ({ body: await cases.startable(actor) }),
    }),
    route({
      method: 'post',
      path: '/api/cases',
      summary: '发起申请:按申请表单校验后启动案件,同一 requestId 只启动一次(重试返回同一案件);记入审计日志',
      tags: ['待办'],
      roles: ['unit_reviewer', 'city_reviewer', 'province_reviewer'],
      body: Type.Object(
        {
          packageHash: HashString,
          bpmnProcessId: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$', maxLength: 128 }),
          data: AnyObject,
          requestId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: '客户端生成的请求编号,重试时不变' }),
        },
        { additionalProperties: false },
      ),
      responses: {
        201: { description: '已发起', schema: StartedCaseSchema },
        422: { description: '申请内容不符合表单要求,或所选机构不在本地区(problems 逐条列出)' },
      },
      handler: async ({ actor, body }) => ({ status: 201, body: await cases.start(actor, body as { packageHash: string; bpmnProcessId: string; data: Record<string, unknown>; requestId: string }) }),
    }),
  ];
}
