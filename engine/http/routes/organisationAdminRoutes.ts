import { Type } from '@sinclair/typebox';
import { ValidationError } from '../../errors.ts';
import type { OrganisationAdminService } from '../../services/registry/OrganisationAdminService.ts';
import type { OrganisationImportService } from '../../services/registry/OrganisationImportService.ts';
import { attachmentDisposition } from '../contentDisposition.ts';
import { route, type RouteDef } from '../route.ts';
import { OrganisationSchema } from '../responseSchemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ImportReportSchema = Type.Object({
  applied: Type.Boolean({ description: '本次请求是否已写入(有任何问题时不写入)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer({ description: '工作表中的行号' }),
      id: Type.String(),
      name: Type.String(),
      action: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]),
      changes: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), before: Type.String(), after: Type.String() })),
    }),
  ),
  problems: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String({ description: '列字母,如 C' }), header: Type.String(), message: Type.String() })),
});

/** The admin console's organisation pages (issue 12): the region's list, and the .xlsx import of the registry's list. */
export function organisationAdminRoutes(organisations: OrganisationAdminService, imports: OrganisationImportService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/admin/organisations',
      summary: '本地区的评价机构(层级、所在地区、备案状态与日期、备案职业及级别),仅管理员',
      tags: ['名录'],
      roles: ['admin'],
      responses: { 200: { description: '本地区的机构', schema: Type.Array(OrganisationSchema) } },
      handler: async ({ actor }) => ({ body: await organisations.list(actor) }),
    }),
    route({
      method: 'get',
      path: '/api/admin/organisation-imports/template.xlsx',
      summary: '机构名录导入模板(.xlsx,中文列名,附填写说明)',
      tags: ['名录'],
      roles: ['admin'],
      responses: { 200: { description: '模板文件', contentType: XLSX, schema: Type.String({ format: 'binary' }) } },
      handler: async ({ actor, res }) => {
        const content = await imports.template(actor);
        res.setHeader('Content-Type', XLSX);
        res.setHeader('Content-Length', String(content.length));
        res.setHeader('Content-Disposition', attachmentDisposition('机构名录导入模板.xlsx'));
        res.status(200).end(content);
        return { handled: true };
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/organisation-imports',
      summary: '导入机构名录(.xlsx):mode=preview 试导入,逐行列出将新增、修改的内容和每个问题(行、列);mode=apply 导入,全部写入或(有任何问题时)全部不写入;本地区以外的机构不能导入;每个机构的修改记入审计日志',
      tags: ['名录'],
      roles: ['admin'],
      multipart: {
        fileField: 'file',
        fields: { mode: Type.Union([Type.Literal('preview'), Type.Literal('apply')], { description: 'preview 试导入(不写入),apply 导入' }) },
        beforeUpload: async ({ actor }) => imports.assertMayImport(actor),
      },
      responses: {
        200: { description: '试导入或导入的结果', schema: ImportReportSchema },
        422: { description: '文件有问题,未作任何修改(problems 逐条列出,report 为试导入结果)' },
      },
      handler: async ({ actor, body, req }) => {
        const file = req.file;
        if (!file) throw new ValidationError('请选择要导入的 .xlsx 文件', undefined, [{ pointer: '/file', field: 'file', message: '缺少文件字段 file' }]);
        const { mode } = body as { mode: 'preview' | 'apply' };
        return { body: mode === 'apply' ? await imports.apply(actor, file.path) : await imports.preview(actor, file.path) };
      },
    }),
  ];
}
