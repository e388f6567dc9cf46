import { Type } from '@sinclair/typebox';
import { ValidationError } from '../../errors.ts';
import type { ApplicationService } from '../../services/applications/ApplicationService.ts';
import { attachmentDisposition } from '../contentDisposition.ts';
import { route, type RouteDef } from '../route.ts';
import { AnyObject, ApplicationSchema, AttachmentSchema, page, Paging } from '../schemas.ts';

const AttachmentParams = Type.Object({ id: Type.String({ format: 'uuid' }), attachmentId: Type.String({ format: 'uuid' }) });
const AppParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function applicationRoutes(apps: ApplicationService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/applications',
      summary: '我的申报',
      tags: ['申报'],
      roles: ['applicant'],
      query: Paging,
      responses: { 200: { description: '分页列表', schema: page(ApplicationSchema) } },
      handler: async ({ actor, query }) => ({ body: await apps.listMine(actor, query) }),
    }),
    route({
      method: 'post',
      path: '/api/applications',
      summary: '创建申报草稿',
      tags: ['申报'],
      roles: ['applicant'],
      body: Type.Object({ packageHash: Type.String({ pattern: '^[0-9a-f]{64}$' }), data: Type.Optional(AnyObject) }, { additionalProperties: false }),
      responses: { 201: { description: '草稿', schema: ApplicationSchema } },
      handler: async ({ actor, body }) => ({ status: 201, body: await apps.createDraft(actor, body) }),
    }),
    route({
      method: 'get',
      path: '/api/applications/:id',
      summary: '申报详情',
      tags: ['申报'],
      params: AppParams,
      responses: { 200: { description: '申报', schema: ApplicationSchema } },
      handler: async ({ actor, params }) => ({ body: await apps.get(actor, params.id) }),
    }),
    route({
      method: 'put',
      path: '/api/applications/:id/data',
      summary: '保存草稿表单数据',
      tags: ['申报'],
      roles: ['applicant'],
      params: AppParams,
      body: AnyObject,
      responses: { 200: { description: '申报', schema: ApplicationSchema } },
      handler: async ({ actor, params, body }) => ({ body: await apps.updateDraft(actor, params.id, body) }),
    }),
    route({
      method: 'post',
      path: '/api/applications/:id/check',
      summary: '提交前校验(表单与附件),返回全部问题',
      tags: ['申报'],
      roles: ['applicant'],
      params: AppParams,
      responses: { 200: { description: '校验结果' } },
      handler: async ({ actor, params }) => ({ body: await apps.check(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/applications/:id/submit',
      summary: '提交申报(服务端按政策包表单校验,流程启动持久排队)',
      tags: ['申报'],
      roles: ['applicant'],
      params: AppParams,
      responses: { 202: { description: '已受理,流程排队启动', schema: ApplicationSchema } },
      handler: async ({ actor, params }) => ({ status: 202, body: await apps.submit(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/applications/:id/withdraw',
      summary: '在审核意见作出前撤回申报',
      tags: ['申报'],
      roles: ['applicant'],
      params: AppParams,
      responses: { 200: { description: '已撤回', schema: ApplicationSchema } },
      handler: async ({ actor, params }) => ({ body: await apps.withdraw(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/applications/:id/actions/:actionId',
      summary: '办理过程中的申报人操作(如考前请假报备):按政策包定义的表单校验后启动相应流程',
      tags: ['申报'],
      roles: ['applicant'],
      params: Type.Object({ id: Type.String({ format: 'uuid' }), actionId: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 }) }),
      body: Type.Object({ data: AnyObject }, { additionalProperties: false }),
      responses: { 202: { description: '已受理,流程已启动', schema: Type.Object({ actionId: Type.String(), processInstanceKey: Type.String() }) } },
      handler: async ({ actor, params, body }) => ({ status: 202, body: await apps.performAction(actor, params.id, params.actionId, body.data as Record<string, unknown>) }),
    }),
    route({
      method: 'post',
      path: '/api/applications/:id/resubmit',
      summary: '被退回后补正并重新提交',
      tags: ['申报'],
      roles: ['applicant'],
      params: AppParams,
      body: Type.Object({ data: AnyObject }, { additionalProperties: false }),
      responses: { 200: { description: '已重新提交', schema: ApplicationSchema } },
      handler: async ({ actor, params, body }) => ({ body: await apps.resubmit(actor, params.id, body.data) }),
    }),
    route({
      method: 'get',
      path: '/api/applications/:id/status',
      summary: '办理状态、原因(含条款)与时间线',
      tags: ['申报'],
      params: AppParams,
      responses: { 200: { description: '状态' } },
      handler: async ({ actor, params }) => ({ body: await apps.status(actor, params.id) }),
    }),
    route({
      method: 'post',
      path: '/api/applications/:id/attachments',
      summary: '上传附件(multipart/form-data,文件存于磁盘,按内容识别类型)',
      tags: ['申报'],
      roles: ['applicant'],
      params: AppParams,
      multipart: {
        fileField: 'file',
        fields: { kind: Type.String({ minLength: 1, maxLength: 64 }) },
        // Before multer writes a byte: the application exists, is the caller's, takes uploads and has room.
        beforeUpload: ({ actor, params }) => apps.assertCanUpload(actor, params.id),
      },
      responses: { 201: { description: '已上传', schema: AttachmentSchema } },
      handler: async ({ actor, params, body, req }) => {
        const file = req.file;
        if (!file) throw new ValidationError('请选择要上传的文件', undefined, [{ pointer: '/file', message: '缺少文件字段 file' }]);
        const { kind } = body as { kind: string };
        const att = await apps.addAttachment(actor, params.id, { kind, path: file.path, originalName: file.originalname, declaredMime: file.mimetype, size: file.size });
        return { status: 201, body: att };
      },
    }),
    route({
      method: 'get',
      path: '/api/applications/:id/attachments/:attachmentId',
      summary: '下载附件',
      tags: ['申报'],
      params: AttachmentParams,
      responses: { 200: { description: '文件内容', contentType: 'application/octet-stream' } },
      handler: async ({ actor, params, res }) => {
        const f = await apps.openAttachment(actor, params.id, params.attachmentId);
        res.setHeader('Content-Type', f.mimeType);
        res.setHeader('Content-Length', String(f.size));
        res.setHeader('Content-Disposition', attachmentDisposition(f.fileName));
        f.stream.pipe(res);
        return { handled: true };
      },
    }),
    route({
      method: 'delete',
      path: '/api/applications/:id/attachments/:attachmentId',
      summary: '删除附件(草稿或退回补正时)',
      tags: ['申报'],
      roles: ['applicant'],
      params: AttachmentParams,
      responses: { 204: { description: '已删除' } },
      handler: async ({ actor, params }) => {
        await apps.removeAttachment(actor, params.id, params.attachmentId);
        return { status: 204 };
      },
    }),
  ];
}
