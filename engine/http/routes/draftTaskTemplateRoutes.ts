import { Type } from '@sinclair/typebox';
import type { DraftTaskTemplateService } from '../../services/drafts/DraftTaskTemplateService.ts';
import { route, type RouteDef } from '../route.ts';

const DraftId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: '草稿 ID' });

const TemplateProperty = Type.Object(
  {
    id: Type.Optional(Type.String()),
    label: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    type: Type.Union([Type.Literal('Hidden'), Type.Literal('String'), Type.Literal('Dropdown')]),
    value: Type.Optional(Type.String()),
    group: Type.Optional(Type.String()),
    optional: Type.Optional(Type.Boolean()),
    feel: Type.Optional(Type.Union([Type.Literal('optional'), Type.Literal('required')])),
    choices: Type.Optional(Type.Array(Type.Object({ name: Type.String(), value: Type.String() }))),
    constraints: Type.Optional(Type.Object({ notEmpty: Type.Optional(Type.Boolean()) })),
    binding: Type.Record(Type.String(), Type.String()),
  },
  { additionalProperties: false },
);

export const ElementTemplateSchema = Type.Object(
  {
    $schema: Type.String(),
    id: Type.String(),
    version: Type.Integer(),
    name: Type.String(),
    description: Type.String(),
    category: Type.Object({ id: Type.String(), name: Type.String() }),
    appliesTo: Type.Array(Type.String()),
    elementType: Type.Optional(Type.Object({ value: Type.String() })),
    entriesVisible: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
    groups: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
    properties: Type.Array(TemplateProperty),
  },
  { additionalProperties: false, description: 'Zeebe 元素模板(bpmn-js-element-templates)' },
);

export function draftTaskTemplateRoutes(templates: DraftTaskTemplateService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/drafts/:id/task-templates',
      summary: '流程图的任务模板:平台每种任务处理程序一个(规则集、参数、案件流程取自本草稿);人工任务可选的办理人员组(本地区的角色与机构,及草稿已用的表达式)',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: Type.Object({ id: DraftId }),
      responses: { 200: { description: '元素模板与办理人员组', schema: Type.Object({ templates: Type.Array(ElementTemplateSchema), candidateGroups: Type.Array(Type.Object({ value: Type.String(), name: Type.String() })) }) } },
      handler: async ({ actor, params }) => ({ body: await templates.forDraft(actor, params.id) }),
    }),
  ];
}
