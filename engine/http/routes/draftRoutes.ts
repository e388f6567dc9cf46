import { Type } from '@sinclair/typebox';
import type { CreateDraftInput, DraftService } from '../../services/drafts/DraftService.ts';
import { route, type RouteDef } from '../route.ts';
import { PackageVersionSchema } from '../schemas.ts';

const DraftId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: '草稿 ID' });
const IdParams = Type.Object({ id: DraftId });
// One path segment: the file's path inside the package with its slashes percent-encoded
// (encodeURIComponent, as the generated client does), e.g. forms%2Fapplication.schema.json.
const FileParams = Type.Object({ id: DraftId, path: Type.String({ minLength: 1, maxLength: 255, description: '政策包内的文件路径,整体按 encodeURIComponent 编码(/ 写作 %2F),如 forms%2Fapplication.schema.json' }) });
const Revision = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '读取时草稿的版本号(乐观锁)' });
const Region = Type.Object({ code: Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 行政区划代码' }), name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const Slug = (description: string, maxLength: number) => Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength, description });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Title = Type.String({ minLength: 1, maxLength: 255 });

const Person = Type.Object({ id: Type.String(), name: Type.String() });
const ProblemItem = Type.Object({
  file: Type.String(),
  pointer: Type.String({ description: 'JSON Pointer,或 BPMN 的 #元素ID' }),
  message: Type.String({ description: '中文说明' }),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String(),
});
export const DraftViewSchema = Type.Object({
  id: Type.String(),
  packageId: Type.String(),
  procedure: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  status: Type.Union([Type.Literal('DRAFT'), Type.Literal('PUBLISHED')]),
  revision: Type.Integer(),
  baseHash: Type.Union([Type.String(), Type.Null()], { description: '复制来源的版本哈希' }),
  template: Type.Union([Type.String(), Type.Null()]),
  createdBy: Person,
  createdAt: Type.String(),
  updatedBy: Person,
  updatedAt: Type.String(),
  publishedHash: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  errorCount: Type.Integer(),
  warningCount: Type.Integer(),
});
export const FileMeta = Type.Object({ path: Type.String(), size: Type.Integer(), sha256: Type.String(), updatedAt: Type.String(), updatedBy: Person });
export const DraftDetailSchema = Type.Intersect([DraftViewSchema, Type.Object({ files: Type.Array(FileMeta), problems: Type.Array(ProblemItem) })]);
export const DraftFileSchema = Type.Intersect([FileMeta, Type.Object({ content: Type.String(), revision: Type.Integer() })]);
export const SaveResultSchema = Type.Object({ draft: DraftViewSchema, file: FileMeta, valid: Type.Boolean(), problems: Type.Array(ProblemItem) });
export const PublishResultSchema = Type.Object({ draft: DraftViewSchema, version: PackageVersionSchema, created: Type.Boolean({ description: 'false:相同内容的版本已存在' }) });

export function draftRoutes(drafts: DraftService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/draft-templates',
      summary: '可用于新建政策包草稿的模板',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      responses: { 200: { description: '模板', schema: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), description: Type.String() })) } },
      handler: async ({ actor }) => ({ body: drafts.templates(actor) }),
    }),
    route({
      method: 'get',
      path: '/api/drafts',
      summary: '本地区的政策包草稿',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      responses: { 200: { description: '草稿列表', schema: Type.Array(DraftViewSchema) } },
      handler: async ({ actor }) => ({ body: await drafts.list(actor) }),
    }),
    route({
      method: 'post',
      path: '/api/drafts',
      summary: '新建政策包草稿:由模板生成,或复制一个已部署版本到新的地区和/或年度(改写清单的 id、地区、年度、标题)',
      tags: ['政策包草稿'],
      roles: ['policy_editor'],
      body: Type.Union([
        Type.Object(
          { template: Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 64, description: '模板 ID(GET /api/draft-templates)' }), packageId: Slug('政策包 ID', 128), procedure: Slug('事项', 64), region: Region, year: Year, title: Title },
          { additionalProperties: false },
        ),
        Type.Object(
          { fromHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: '复制来源的版本哈希' }), packageId: Type.Optional(Slug('新政策包 ID(缺省时把原 ID 中的年份换成新年度)', 128)), region: Type.Optional(Region), year: Type.Optional(Year), title: Type.Optional(Title) },
          { additionalProperties: false },
        ),
      ]),
      responses: { 201: { description: '草稿已创建(附校验结果)', schema: DraftDetailSchema } },
      handler: async ({ actor, body }) => ({ status: 201, body: await drafts.create(actor, body as CreateDraftInput) }),
    }),
    route({
      method: 'get',
      path: '/api/drafts/:id',
      summary: '草稿详情:文件列表与最近一次校验发现的问题',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: IdParams,
      responses: { 200: { description: '草稿', schema: DraftDetailSchema } },
      handler: async ({ actor, params }) => ({ body: await drafts.get(actor, params.id) }),
    }),
    route({
      method: 'delete',
      path: '/api/drafts/:id',
      summary: '删除草稿(由其发布的版本保留)',
      tags: ['政策包草稿'],
      roles: ['policy_editor'],
      params: IdParams,
      responses: { 204: { description: '已删除' } },
      handler: async ({ actor, params }) => {
        await drafts.delete(actor, params.id);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/drafts/:id/files/:path',
      summary: '读取草稿中的一个文件(附草稿版本号,保存时回传)',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: FileParams,
      responses: { 200: { description: '文件', schema: DraftFileSchema } },
      handler: async ({ actor, params }) => ({ body: await drafts.readFile(actor, params.id, params.path) }),
    }),
    route({
      method: 'put',
      path: '/api/drafts/:id/files/:path',
      summary: '保存草稿中的一个文件(须带读取时的版本号;他人已保存则 409,不覆盖),保存后校验整个草稿并返回全部问题',
      tags: ['政策包草稿'],
      roles: ['policy_editor'],
      params: FileParams,
      body: Type.Object({ content: Type.String({ description: '文件内容(UTF-8 文本)' }), revision: Revision }, { additionalProperties: false }),
      responses: { 200: { description: '已保存;valid 为 false 时 problems 中有错误', schema: SaveResultSchema } },
      handler: async ({ actor, params, body }) => ({ body: await drafts.saveFile(actor, params.id, params.path, body) }),
    }),
    route({
      method: 'delete',
      path: '/api/drafts/:id/files/:path',
      summary: '删除草稿中的一个文件(须带读取时的版本号)',
      tags: ['政策包草稿'],
      roles: ['policy_editor'],
      params: FileParams,
      query: Type.Object({ revision: Revision }),
      responses: { 200: { description: '已删除', schema: DraftViewSchema } },
      handler: async ({ actor, params, query }) => ({ body: await drafts.deleteFile(actor, params.id, params.path, query.revision) }),
    }),
    route({
      method: 'post',
      path: '/api/drafts/:id/publish',
      summary: '发布草稿:无错误时部署为不可变版本(按内容哈希命名)并标记草稿已发布;仍有错误时 422 并列出全部问题。启用仍由管理员操作',
      tags: ['政策包草稿'],
      roles: ['policy_editor', 'admin'],
      params: IdParams,
      body: Type.Object({ revision: Revision }, { additionalProperties: false }),
      responses: { 201: { description: '已发布', schema: PublishResultSchema } },
      handler: async ({ actor, params, body }) => ({ status: 201, body: await drafts.publish(actor, params.id, body.revision) }),
    }),
  ];
}
