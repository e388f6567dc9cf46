import { Type } from '@sinclair/typebox';
import type { RegistryService } from '../../services/registry/RegistryService.ts';
import { route, type RouteDef } from '../route.ts';

export function registryRoutes(registry: RegistryService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/organisations',
      summary: '评价机构名录(申报人选择推荐单位;含备案状态)',
      tags: ['名录'],
      query: Type.Object({ cityCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }),
      responses: { 200: { description: '机构列表' } },
      handler: async ({ query }) => ({ body: await registry.listOrganisations(query) }),
    }),
  ];
}
