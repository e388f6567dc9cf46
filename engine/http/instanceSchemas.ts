import { Type } from '@sinclair/typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

// Admins' instance pages (流程实例, 热力图) and instance migration (issue 12).
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: '政策包版本 hash' });
const ElementId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' });
const Code6 = Type.String({ pattern: '^[0-9]{6}$', description: '市(州)区划代码' });
const OrgId = Type.String({ minLength: 1, maxLength: 64, description: '推荐单位(机构 id)' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const InstanceListQuerySchema = Type.Object(
  {
    package: Hash,
    status: Type.Optional(Type.String({ minLength: 1, maxLength: 24, pattern: '^[A-Z_]+$', description: '申报状态' })),
    step: Type.Optional(ElementId),
    cityCode: Type.Optional(Code6),
    orgId: Type.Optional(OrgId),
    due: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('open')], { description: 'overdue 已逾期, open 未逾期(按当前环节的期限)' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '申报人姓名(前缀)' })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: '上一页返回的 nextCursor(按键翻页); 只给 page 时按偏移跳页' })),
  },
  { additionalProperties: false },
);

const WaitingStepSchema = Type.Object({
  elementId: Type.String(),
  name: Type.String(),
  since: Type.String({ description: '到达该环节的时间' }),
  workingDaysWaited: Type.Integer({ description: '已等待的工作日(按申报所在市(州)的工作日历)' }),
  dueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

const InstanceRowSchema = Type.Object({
  applicationId: Type.String(),
  number: Type.String({ description: '申报编号' }),
  processInstanceKey: Nullable(Type.String()),
  applicantName: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String({ description: '身份证号(脱敏)' })),
  cityCode: Nullable(Type.String()),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  stage: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  steps: Type.Array(WaitingStepSchema, { description: '当前等待的环节' }),
});

export const InstancePageSchema = Type.Object({
  packageHash: Type.String(),
  items: Type.Array(InstanceRowSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  nextCursor: Nullable(Type.String({ description: '下一页的 after 参数; 最后一页为 null' })),
  byStatus: Type.Array(Type.Object({ status: Type.String(), label: Type.String(), count: Type.Integer() })),
  byStep: Type.Array(Type.Object({ elementId: Type.String(), name: Type.String(), count: Type.Integer() })),
});

export const InstanceDetailSchema = Type.Object({
  applicationId: Type.String(),
  number: Type.String(),
  processInstanceKey: Type.String(),
  packageHash: Type.String(),
  packageTitle: Type.String(),
  bpmnProcessId: Type.String(),
  applicantName: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  cityCode: Nullable(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  engineStatus: Type.String({ description: 'ACTIVE / COMPLETED / TERMINATED' }),
  steps: Type.Array(WaitingStepSchema),
  diagram: Type.Object({
    xml: Type.String({ description: 'BPMN 2.0 XML(含图形布局)' }),
    completedElementIds: Type.Array(Type.String()),
    takenFlowIds: Type.Array(Type.String()),
    currentElementIds: Type.Array(Type.String()),
  }),
  variables: Type.Record(Type.String(), Type.Unknown(), { description: '流程变量(身份证号、手机号已脱敏)' }),
  maskedVariables: Type.Array(Type.String()),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), label: Type.String(), actorRole: Nullable(Type.String()) })),
});

export const HeatmapQuerySchema = Type.Object(
  {
    package: Hash,
    cityCode: Type.Optional(Code6),
    orgId: Type.Optional(OrgId),
    from: Type.Optional(Type.String({ ...Day, description: '到达环节的起始日期(含)' })),
    to: Type.Optional(Type.String({ ...Day, description: '到达环节的截止日期(含)' })),
  },
  { additionalProperties: false },
);

export const HeatmapSchema = Type.Object({
  packageHash: Type.String(),
  packageTitle: Type.String(),
  xml: Type.String(),
  elements: Type.Array(
    Type.Object({
      elementId: Type.String(),
      name: Type.String(),
      waiting: Type.Integer({ description: '等待中的实例数' }),
      medianWorkingDays: Nullable(Type.Number({ description: '已等待工作日的中位数' })),
      overdue: Type.Integer({ description: '已逾期的实例数' }),
    }),
  ),
  totalWaiting: Type.Integer(),
  regions: Type.Array(
    Type.Object({
      cityCode: Type.String({ description: '有实例的市(州)及其推荐单位(仅未筛选时给出,供地区筛选)' }),
      count: Type.Integer(),
      units: Type.Array(Type.Object({ orgId: Type.String(), name: Type.String(), count: Type.Integer() })),
    }),
  ),
});

export const MigrationBodySchema = Type.Object(
  {
    fromHash: Hash,
    toHash: Hash,
    mappings: Type.Record(ElementId, ElementId, { description: '源版本环节 id → 目标版本环节 id(目标版本中同名 id 的环节可不填)', maxProperties: 200 }),
    applicationIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200, uniqueItems: true, description: '要迁移的申报;不填则为源版本全部等待中的实例(至多 200 个)' })),
  },
  { additionalProperties: false },
);

const ElementSummary = Type.Object({ id: Type.String(), name: Type.String(), type: Type.String() });

export const MigrationReportSchema = Type.Object({
  fromHash: Type.String(),
  toHash: Type.String(),
  sourceElements: Type.Array(ElementSummary),
  targetElements: Type.Array(ElementSummary),
  items: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      processInstanceKey: Type.String(),
      applicantName: Nullable(Type.String()),
      waiting: Type.Array(Type.Object({ sourceElementId: Type.String(), sourceName: Type.String(), targetElementId: Nullable(Type.String()), targetName: Nullable(Type.String()) })),
      missingVariables: Type.Array(Type.String()),
      problems: Type.Array(Type.String({ description: '不能迁移的原因' })),
      ok: Type.Boolean(),
      result: Type.Optional(Type.Union([Type.Literal('已迁移'), Type.Literal('未迁移')])),
    }),
  ),
  ready: Type.Integer({ description: '可迁移(检查)或已迁移(执行)的实例数' }),
  blocked: Type.Integer(),
  migrated: Type.Optional(Type.Integer()),
  failed: Type.Optional(Type.Integer()),
});
