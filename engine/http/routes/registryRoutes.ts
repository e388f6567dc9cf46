import { Type } from '@sinclair/typebox';
import type { RegistryService } from '../../services/registry/RegistryService.ts';
import type { PersonRegistryService } from '../../services/registry/PersonRegistryService.ts';
import type { OrganisationAdminService } from '../../services/registry/OrganisationAdminService.ts';
import { maskIdNumber } from '../../services/privacy/index.ts';
import { route, type RouteDef } from '../route.ts';
import { OrganisationSchema, PersonFactsSchema } from '../responseSchemas.ts';

// The ID number travels in the body, never in a URL path (paths end up in access logs and browser history).
const IdNumber = Type.String({ pattern: '^\\d{17}[\\dX]$', description: '居民身份证号码' });
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Level = Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]);

const PersonRecordsBody = Type.Object(
  {
    idNumber: IdNumber,
    name: Type.String({ minLength: 1, maxLength: 64 }),
    cards: Type.Optional(
      Type.Array(
        Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 32 }),
            kind: Type.Union([Type.Literal('EXAMINER'), Type.Literal('SENIOR_EXAMINER'), Type.Literal('SPECIAL_EXAMINER'), Type.Literal('SUPERVISOR')]),
            occupationCode: Type.Optional(Type.String({ maxLength: 32 })),
            occupationName: Type.Optional(Type.String({ maxLength: 128 })),
            level: Type.Optional(Level),
            issuerRegionCode: Type.String({ pattern: '^\\d{6}$' }),
            validRegionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
            validFrom: DateString,
            validTo: Type.Optional(DateString),
            status: Type.Optional(Type.Union([Type.Literal('ISSUED'), Type.Literal('COLLECTED'), Type.Literal('CANCELLED'), Type.Literal('VOID')])),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    certificates: Type.Optional(Type.Array(Type.Object({ kind: Type.Union([Type.Literal('VQ'), Type.Literal('SKILL'), Type.Literal('SPECIAL')]), occupationCode: Type.Optional(Type.String({ maxLength: 32 })), occupationName: Type.Optional(Type.String({ maxLength: 128 })), level: Type.Optional(Level), certificateNo: Type.Optional(Type.String({ maxLength: 64 })), issuedOn: Type.Optional(DateString) }, { additionalProperties: false }), { maxItems: 100 })),
    titles: Type.Optional(Type.Array(Type.Object({ level: Type.Union([Type.Literal('junior'), Type.Literal('intermediate'), Type.Literal('deputy-senior'), Type.Literal('senior')]), series: Type.Optional(Type.String({ maxLength: 64 })), issuedOn: Type.Optional(DateString) }, { additionalProperties: false }), { maxItems: 100 })),
    examSittings: Type.Optional(Type.Array(Type.Object({ date: DateString, occupationCode: Type.Optional(Type.String({ maxLength: 32 })), kind: Type.Union([Type.Literal('exam'), Type.Literal('makeup')]), result: Type.Union([Type.Literal('PASS'), Type.Literal('FAIL'), Type.Literal('ABSENT'), Type.Literal('EXCUSED')]) }, { additionalProperties: false }), { maxItems: 100 })),
    evaluationRecords: Type.Optional(Type.Array(Type.Object({ date: DateString, occupationCode: Type.Optional(Type.String({ maxLength: 32 })), role: Type.Union([Type.Literal('examiner'), Type.Literal('supervisor')]), orgId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }), { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

const Region = Type.String({ pattern: '^\\d{6}$' });
const OrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    regionCode: Region,
    cityCode: Region,
    provinceCode: Region,
    level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county'), Type.Null()], { description: '备案层级:省级、市级、县级' })),
    filingStatus: Type.Union([Type.Literal('FILED'), Type.Literal('APPLIED'), Type.Literal('SUBMITTED'), Type.Literal('NONE')], { description: '已备案 / 备案申请已受理 / 已提交备案材料 / 未备案' }),
    filingAcceptedDate: Type.Optional(Type.Union([DateString, Type.Null()])),
    filedDate: Type.Optional(Type.Union([DateString, Type.Null()])),
    isUndelegatedProvincialInChengdu: Type.Boolean({ description: '未下放的在蓉省属评价机构' }),
    recommendationSuspendedUntil: Type.Optional(Type.Union([DateString, Type.Null()])),
    occupations: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 32 }), { maxItems: 500, description: '备案的职业(工种)代码' })),
    filedLevels: Type.Optional(
      Type.Union([Type.Record(Type.String({ minLength: 1, maxLength: 32 }), Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), { minItems: 1, maxItems: 5, uniqueItems: true })), Type.Null()], {
        description: '各备案职业(工种)的备案级别:职业代码 → 级别(1 一级/高级技师 … 5 五级/初级工);不填为未登记',
      }),
    ),
  },
  { additionalProperties: false },
);

export function registryRoutes(registry: RegistryService, persons: PersonRegistryService, organisations: OrganisationAdminService): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/registry/sanctions',
      summary: '录入平台外作出的惩戒(通报、其他中心的名单):本地区人员或尚未登记的人员、本地区机构;类别须在平台惩戒类别表中;全部写入或全部不写入;同一文号(reference)不重复录入',
      tags: ['名录'],
      roles: ['admin'],
      body: Type.Object(
        {
          sanctions: Type.Array(
            Type.Object(
              {
                subjectType: Type.Union([Type.Literal('person'), Type.Literal('org')]),
                subjectId: Type.String({ minLength: 1, maxLength: 64, description: '人员为身份证号码,机构为机构编号' }),
                kind: Type.String({ minLength: 1, maxLength: 48 }),
                clause: Type.String({ pattern: '^[A-Z]{2}\\d{2}-\\d{2}$' }),
                startsOn: DateString,
                until: Type.Optional(Type.Union([DateString, Type.Null()])),
                permanent: Type.Optional(Type.Boolean()),
                reason: Type.String({ minLength: 1, maxLength: 500 }),
                reference: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: '文号或名单编号' })),
              },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 500 },
          ),
        },
        { additionalProperties: false },
      ),
      responses: {
        201: {
          description: '已录入(人员身份证号码脱敏)',
          schema: Type.Array(Type.Object({ id: Type.Integer(), subjectType: Type.String(), subjectId: Type.String(), kind: Type.String(), clause: Type.String(), startsOn: Type.String(), until: Type.Union([Type.String(), Type.Null()]), permanent: Type.Boolean(), reason: Type.String() })),
        },
      },
      handler: async ({ actor, body }) => {
        const saved = await persons.importSanctions(actor, body.sanctions as never);
        return { status: 201, body: saved.map(({ applicationId: _a, createdAt: _c, ...s }) => ({ ...s, subjectId: s.subjectType === 'person' ? maskIdNumber(s.subjectId) : s.subjectId })) };
      },
    }),
    route({
      method: 'put',
      path: '/api/organisations/:id',
      summary: '新增或修改评价机构(层级、所在地区、备案状态与日期、职业),仅本行政区划的管理员;修改前后记入审计日志',
      tags: ['名录'],
      roles: ['admin'],
      params: Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', maxLength: 64 }) }),
      body: OrganisationBody,
      responses: { 200: { description: '已修改', schema: OrganisationSchema }, 201: { description: '已新增', schema: OrganisationSchema } },
      handler: async ({ actor, params, body }) => {
        const r = await organisations.save(actor, params.id, body as never);
        return { status: r.created ? 201 : 200, body: r.organisation };
      },
    }),
    route({
      method: 'get',
      path: '/api/organisations',
      summary: '评价机构名录(申报人选择推荐单位;含备案状态)',
      tags: ['名录'],
      query: Type.Object({ cityCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) }),
      responses: { 200: { description: '机构列表', schema: Type.Array(OrganisationSchema) } },
      handler: async ({ query }) => ({ body: await registry.listOrganisations(query) }),
    }),
    route({
      method: 'post',
      path: '/api/registry/person-lookups',
      summary: '查询人员登记信息(身份证号码放在请求体中):证卡、证书、职称、考试记录、考评工作记录及有效限制措施(规则读取的事实);每次查询记入审计日志',
      tags: ['名录'],
      roles: ['admin', 'policy_editor', 'province_reviewer', 'city_reviewer'],
      body: Type.Object({ idNumber: IdNumber, asOf: Type.Optional(DateString) }, { additionalProperties: false }),
      responses: { 200: { description: '人员事实', schema: PersonFactsSchema } },
      handler: async ({ actor, body }) => ({ status: 200, body: await persons.person(actor, body.idNumber, body.asOf) }),
    }),
    route({
      method: 'post',
      path: '/api/registry/person-records',
      summary: '录入人员既有记录(平台之前的证卡、证书、职称、考试、考评工作),一次请求全部写入或全部不写入',
      tags: ['名录'],
      roles: ['admin'],
      body: PersonRecordsBody,
      responses: { 200: { description: '录入后的人员事实', schema: PersonFactsSchema } },
      handler: async ({ actor, body }) => {
        const { idNumber, ...records } = body;
        return { status: 200, body: await persons.importRecords(actor, idNumber, records) };
      },
    }),
  ];
}
