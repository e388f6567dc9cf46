import { Type } from '@sinclair/typebox';
import type { PackageService } from '../../services/packages/PackageService.ts';
import type { ReplayService } from '../../services/replay/ReplayService.ts';
import type { TryoutService } from '../../services/tryout/TryoutService.ts';
import { route, type RouteDef } from '../route.ts';
import { PackageVersionSchema } from '../schemas.ts';
import { CallFormSchema, OpenCallSchema, PackageDetailSchema, ReplayReportSchema, TryoutResultSchema } from '../responseSchemas.ts';

const HashString = Type.String({ pattern: '^[0-9a-f]{64}$', description: '版本内容哈希' });
const Hash = Type.Object({ hash: HashString });

const ChangeSchema = Type.Object({
  type: Type.Union([Type.Literal('rule'), Type.Literal('form'), Type.Literal('flow'), Type.Literal('schedule')]),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  subject: Type.String(),
  message: Type.String({ description: '中文说明' }),
  clauses: Type.Array(Type.String()),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
});
const DiffSchema = Type.Object({
  from: Type.Object({ id: Type.String(), year: Type.Integer(), title: Type.String() }),
  to: Type.Object({ id: Type.String(), year: Type.Integer(), title: Type.String() }),
  changes: Type.Array(ChangeSchema),
  counts: Type.Object({ rule: Type.Integer(), form: Type.Integer(), flow: Type.Integer(), schedule: Type.Integer() }),
});

export function packageRoutes(packages: PackageService, replay: ReplayService, tryouts: TryoutService): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/packages/:hash/tryouts',
      summary: '试运行:在独立的临时环境中按场景自身的日期运行一个场景(推进时间使定时器触发),返回经过的环节、状态、期限与登记结果;不触及真实数据',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor'],
      params: Hash,
      body: Type.Union([
        Type.Object({ scenarioFile: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*\\.json$', maxLength: 128, description: '政策包 scenarios/ 下的场景文件名' }) }, { additionalProperties: false }),
        Type.Object({ scenario: Type.Object({}, { additionalProperties: true, description: '场景(政策包场景格式:given / when / then)' }) }, { additionalProperties: false }),
      ]),
      responses: { 200: { description: '试运行结果', schema: TryoutResultSchema } },
      handler: async ({ actor, params, body }) => ({ body: await tryouts.run(actor, params.hash, body as { scenarioFile?: string; scenario?: unknown }) }),
    }),
    route({
      method: 'get',
      path: '/api/calls',
      summary: '开放中的申报(每个地区、事项、年度当前启用的政策包版本)',
      tags: ['申报'],
      auth: 'public',
      responses: { 200: { description: '开放中的申报', schema: Type.Array(OpenCallSchema) } },
      handler: async () => ({ body: await packages.openCalls() }),
    }),
    route({
      method: 'get',
      path: '/api/calls/:hash/forms/:formId',
      summary: '开放申报的表单(JSON Schema、界面配置与附件要求),供申报人填写',
      tags: ['申报'],
      params: Type.Object({ hash: HashString, formId: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$', maxLength: 64 }) }),
      responses: { 200: { description: '表单', schema: CallFormSchema } },
      handler: async ({ actor, params }) => ({ body: await packages.form(actor, params.hash, params.formId) }),
    }),
    route({
      method: 'get',
      path: '/api/packages',
      summary: '已部署的政策包版本',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor', 'province_reviewer', 'city_reviewer'],
      query: Type.Object({ packageId: Type.Optional(Type.String({ maxLength: 128 })) }),
      responses: { 200: { description: '版本列表', schema: Type.Array(PackageVersionSchema) } },
      handler: async ({ actor, query }) => ({ body: await packages.list(actor, query) }),
    }),
    route({
      method: 'post',
      path: '/api/packages',
      summary: '部署政策包版本(按内容哈希命名,不可变);来源为 deployments/ 下的目录或上传的文件集',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor'],
      body: Type.Union([
        Type.Object({ source: Type.String({ minLength: 1, maxLength: 255, description: 'deployments/ 下的相对路径,如 sichuan/2026-examiner-training' }) }, { additionalProperties: false }),
        Type.Object({ files: Type.Record(Type.String({ maxLength: 255 }), Type.String({ maxLength: 2_000_000 }), { description: '相对路径 → 文件内容' }) }, { additionalProperties: false }),
      ]),
      responses: { 201: { description: '新版本已部署', schema: PackageVersionSchema }, 200: { description: '相同内容的版本已存在', schema: PackageVersionSchema } },
      handler: async ({ actor, body }) => {
        const b = body as { source?: string; files?: Record<string, string> };
        const r = b.source !== undefined ? await packages.deployFromDirectory(actor, b.source) : await packages.deployFromFiles(actor, b.files ?? {});
        return { status: r.created ? 201 : 200, body: r.version };
      },
    }),
    route({
      method: 'get',
      path: '/api/packages/:hash',
      summary: '政策包版本详情(清单与文件列表)',
      tags: ['政策包'],
      params: Hash,
      responses: { 200: { description: '版本详情', schema: PackageDetailSchema } },
      handler: async ({ actor, params }) => ({ body: await packages.get(actor, params.hash) }),
    }),
    route({
      method: 'get',
      path: '/api/packages/:hash/files/:path',
      summary: '读取已部署版本中的一个文件(只读;地区范围同版本详情)',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor', 'province_reviewer', 'city_reviewer'],
      params: Type.Object({ hash: HashString, path: Type.String({ minLength: 1, maxLength: 255, description: '政策包内的文件路径,整体按 encodeURIComponent 编码(/ 写作 %2F),如 process.bpmn' }) }),
      responses: { 200: { description: '文件内容', schema: Type.Object({ hash: Type.String(), path: Type.String(), content: Type.String({ description: '文件内容(UTF-8 文本)' }) }) } },
      handler: async ({ actor, params }) => ({ body: await packages.readFile(actor, params.hash, params.path) }),
    }),
    route({
      method: 'get',
      path: '/api/package-diffs',
      summary: '两个政策包版本之间的差异(规则、表单、流程、日程,各附条款)',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor'],
      query: Type.Object({ from: HashString, to: HashString }),
      responses: { 200: { description: '差异', schema: DiffSchema } },
      handler: async ({ actor, query }) => ({ body: await packages.diff(actor, query.from, query.to) }),
    }),
    route({
      method: 'post',
      path: '/api/package-replays',
      summary: '回放:以另一版本的规则重新判定某版本已提交的申报,报告谁的结果改变及原因',
      tags: ['政策包'],
      roles: ['admin', 'policy_editor'],
      body: Type.Object({ fromHash: HashString, toHash: HashString, ruleSet: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]*$', maxLength: 64 })) }, { additionalProperties: false }),
      responses: { 200: { description: '回放报告(仅列出结果改变的申报)', schema: ReplayReportSchema } },
      handler: async ({ actor, body }) => ({ body: await replay.replay(actor, body) }),
    }),
    route({
      method: 'get',
      path: '/api/packages/:hash/activation',
      summary: '启用前说明:同一地区、事项、年度当前启用的版本,以及各版本仍在办理的申报数(启用后它们保持原版本)',
      tags: ['政策包'],
      roles: ['admin'],
      params: Hash,
      responses: {
        200: {
          description: '启用前说明',
          schema: Type.Object({
            hash: Type.String(),
            active: Type.Boolean({ description: '该版本已在启用中' }),
            current: Type.Union([Type.Object({ hash: Type.String(), title: Type.String(), activatedAt: Type.String() }), Type.Null()], { description: '当前受理新申报的版本' }),
            running: Type.Array(Type.Object({ hash: Type.String(), title: Type.String(), count: Type.Integer({ description: '仍在办理的申报数' }) })),
          }),
        },
      },
      handler: async ({ actor, params }) => ({ body: await packages.activationPreview(actor, params.hash) }),
    }),
    route({
      method: 'post',
      path: '/api/packages/:hash/activate',
      summary: '启用版本:同一地区、事项、年度只有一个版本受理新申报,在办实例保持原版本',
      tags: ['政策包'],
      roles: ['admin'],
      params: Hash,
      responses: { 200: { description: '已启用', schema: PackageVersionSchema } },
      handler: async ({ actor, params }) => ({ body: await packages.activate(actor, params.hash) }),
    }),
  ];
}
