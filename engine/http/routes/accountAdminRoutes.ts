import { Type } from '@sinclair/typebox';
import type { AccountAdminService } from '../../services/accounts/AccountAdminService.ts';
import { route, type RouteDef } from '../route.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const StaffAccountSchema = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  createdAt: Type.String(),
  activeSessions: Type.Integer({ description: '未过期的会话数' }),
  disabledAt: Nullable(Type.String({ description: '停用时间;未停用为 null' })),
});

const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) });
const AccountStateSchema = Type.Object({
  username: Type.String(),
  disabledAt: Nullable(Type.String({ description: '停用时间;已启用为 null' })),
  sessionsEnded: Type.Integer({ description: '随之结束的会话数' }),
});
const refusals = {
  404: { description: '账号不存在或不在本地区' },
  422: { description: '不能对自己的账号执行此操作' },
} as const;

export function accountAdminRoutes(accounts: AccountAdminService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/admin/accounts',
      summary: '本地区的工作人员账号(审核人、政策编辑、管理员)及其会话数',
      tags: ['账号'],
      roles: ['admin'],
      responses: { 200: { description: '账号列表', schema: Type.Array(StaffAccountSchema) } },
      handler: async ({ actor }) => ({ body: await accounts.list(actor) }),
    }),
    route({
      method: 'post',
      path: '/api/admin/accounts',
      summary: '为本地区创建审核人账号(推荐单位审核人须指定本地区的机构,市(州)审核人须指定本省的市(州));不填密码则生成,仅此一次返回',
      tags: ['账号'],
      roles: ['admin'],
      body: Type.Object(
        {
          username: Type.String({ pattern: '^[A-Za-z0-9_.-]{3,64}$', description: '3–64 位字母、数字、下划线、点或连字符' }),
          displayName: Type.String({ minLength: 1, maxLength: 128 }),
          role: Type.Union([Type.Literal('unit_reviewer'), Type.Literal('city_reviewer'), Type.Literal('province_reviewer')]),
          orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
        },
        { additionalProperties: false },
      ),
      responses: { 201: { description: '已创建', schema: Type.Object({ username: Type.String(), password: Type.Optional(Type.String({ description: '生成的密码(仅在未指定时返回)' })) }) } },
      handler: async ({ actor, body }) => ({ status: 201, body: await accounts.create(actor, body) }),
    }),
    route({
      method: 'put',
      path: '/api/admin/accounts/:username/assignment',
      summary: '修改本地区工作人员账号的角色及所属机构或区划(只能在本地区内;不能把账号设为其他地区的管理员;不能修改自己的账号);角色改变时其会话全部结束;记入审计日志',
      tags: ['账号'],
      roles: ['admin'],
      params: UsernameParams,
      body: Type.Object(
        {
          role: Type.Union([Type.Literal('unit_reviewer'), Type.Literal('city_reviewer'), Type.Literal('province_reviewer'), Type.Literal('policy_editor'), Type.Literal('admin')]),
          orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '推荐单位审核人的所属机构' })),
          regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '市(州)审核人的市(州);政策编辑、管理员的区划(默认为本管理员的区划)' })),
        },
        { additionalProperties: false },
      ),
      responses: {
        200: {
          description: '已修改',
          schema: Type.Object({ username: Type.String(), role: Type.String(), orgId: Nullable(Type.String()), regionCode: Nullable(Type.String()), sessionsEnded: Type.Integer({ description: '因角色改变而结束的会话数' }) }),
        },
        403: { description: '指定了本地区以外的区划' },
        ...refusals,
      },
      handler: async ({ actor, params, body }) => ({ body: await accounts.assign(actor, params.username, body) }),
    }),
    route({
      method: 'post',
      path: '/api/admin/accounts/:username/disable',
      summary: '停用本地区的账号:不能再登录(与密码错误的提示相同),其会话全部结束;不能停用自己的账号',
      tags: ['账号'],
      roles: ['admin'],
      params: UsernameParams,
      responses: { 200: { description: '已停用', schema: AccountStateSchema }, ...refusals },
      handler: async ({ actor, params }) => ({ body: await accounts.disable(actor, params.username) }),
    }),
    route({
      method: 'post',
      path: '/api/admin/accounts/:username/enable',
      summary: '启用已停用的本地区账号,其本人可再用密码登录',
      tags: ['账号'],
      roles: ['admin'],
      params: UsernameParams,
      responses: { 200: { description: '已启用', schema: AccountStateSchema }, ...refusals },
      handler: async ({ actor, params }) => ({ body: await accounts.enable(actor, params.username) }),
    }),
    route({
      method: 'delete',
      path: '/api/admin/accounts/:username/sessions',
      summary: '结束本地区账号的全部会话(其本人须重新登录)',
      tags: ['账号'],
      roles: ['admin'],
      params: UsernameParams,
      responses: { 200: { description: '会话已结束', schema: Type.Object({ username: Type.String(), sessionsEnded: Type.Integer() }) }, ...refusals },
      handler: async ({ actor, params }) => ({ body: await accounts.endSessions(actor, params.username) }),
    }),
  ];
}
