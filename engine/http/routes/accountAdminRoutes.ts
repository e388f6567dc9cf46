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
});

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
  ];
}
