import { Type } from '@sinclair/typebox';
import { AnyObject, ApplicationSchema } from './schemas.ts';

// Response schemas of routes whose bodies were undocumented: they are published in /api/openapi.json,
// from which the browser client's types are generated, so each mirrors the service's return type.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const WindowStateSchema = Type.Union([Type.Literal('NOT_YET_OPEN'), Type.Literal('OPEN'), Type.Literal('CLOSED'), Type.Literal('UNDATED')], {
  description: 'NOT_YET_OPEN 未开放, OPEN 进行中, CLOSED 已截止, UNDATED 日期未定',
});

export const ScheduleWindowSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: '如 registration 报名' }),
  month: Type.Optional(Type.String()),
  title: Type.String(),
  opens: Type.Optional(Type.String()),
  closes: Type.Optional(Type.String()),
  length: Type.Optional(Type.Object({ amount: Type.Number(), unit: Type.String(), counting: Type.String() })),
  raw: Type.String({ description: '通知原文' }),
  clause: Type.String(),
  provenance: Type.Optional(Type.String()),
  confidence: Type.Optional(Type.String()),
  ambiguity: Type.Optional(Type.String()),
  applicantTypes: Type.Optional(Type.Array(Type.String(), { description: '适用的申报类别(未列出:全部)' })),
  for: Type.Optional(Type.String({ description: '报名期对应的选择(培训班、换证轮次、认定月份)' })),
});

export const NoticeSchema = Type.Object({
  docNo: Type.Optional(Nullable(Type.String({ description: '文号' }))),
  title: Type.String(),
  issuer: Type.String({ description: '发文单位' }),
  signed: Type.Optional(Type.String()),
  published: Type.Optional(Nullable(Type.String())),
});

export const OpenCallSchema = Type.Object({
  packageHash: Type.String(),
  packageId: Type.String(),
  title: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  year: Type.Integer(),
  procedure: Type.String(),
  notice: Type.Optional(Nullable(NoticeSchema)),
  forms: Type.Array(Type.Object({ id: Type.String(), title: Type.Optional(Type.String()) })),
  schedule: Nullable(
    Type.Object({ timezone: Type.String(), windows: Type.Array(ScheduleWindowSchema), enforceRegistrationWindows: Type.Optional(Type.Boolean()) }, { additionalProperties: true }),
  ),
});

export const WindowViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  clause: Type.String(),
  opens: Nullable(Type.String()),
  closes: Nullable(Type.String({ description: '最后一日(含当日)' })),
  provisional: Type.Boolean({ description: '截止日所在年度节假日安排未公布,结果为暂定' }),
  for: Type.Optional(Type.String({ description: '报名期对应的选择(培训班、换证轮次、认定月份)' })),
  applicantTypes: Type.Optional(Type.Array(Type.String(), { description: '适用的申报类别(未列出:全部)' })),
  state: WindowStateSchema,
});

export const PackageScheduleViewSchema = Type.Object({ enforceRegistrationWindows: Type.Boolean(), windows: Type.Array(WindowViewSchema) });

export const CheckResultSchema = Type.Object({
  valid: Type.Boolean(),
  problems: Type.Array(Type.Object({ pointer: Type.Optional(Type.String()), field: Type.Optional(Type.String()), message: Type.String(), clause: Type.Optional(Type.String()) })),
});

export const ApplicationStatusSchema = Type.Object({
  application: ApplicationSchema,
  reasons: Type.Array(Type.Object({ clause: Type.Optional(Type.String()), message: Type.String(), outcome: Type.Optional(Type.String()) })),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), label: Type.String({ description: '中文说明' }), actorRole: Nullable(Type.String()), detail: Type.Unknown() })),
  currentSteps: Type.Array(
    Type.Object({
      name: Type.String({ description: '当前环节' }),
      dueAt: Nullable(Type.String({ description: '办理期限' })),
      workingDaysLeft: Nullable(Type.Integer({ description: '距期限的工作日数(0 今日到期,负数为已逾期)' })),
      overdue: Type.Boolean(),
      provisional: Type.Boolean({ description: '期限所在年度的节假日安排尚未公布,按周一至周五推算(暂定)' }),
    }),
    { description: '申报当前所在的环节及其期限' },
  ),
});

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  engine: Type.String(),
  database: Type.String(),
  packages: Type.Array(Type.Object({ packageId: Type.String(), hash: Type.String(), active: Type.Boolean() })),
});

export const IncidentSchema = Type.Object({
  key: Type.String(),
  processInstanceKey: Type.String(),
  jobKey: Nullable(Type.String()),
  elementId: Type.String(),
  errorType: Type.String(),
  message: Type.String(),
  state: Type.Union([Type.Literal('OPEN'), Type.Literal('RESOLVED')]),
  createdAt: Type.String(),
  attempts: Type.Integer({ description: '该环节在本实例中出错的次数(含本次)' }),
  applicationId: Nullable(Type.String({ description: '申报编号' })),
  packageId: Nullable(Type.String()),
  packageHash: Nullable(Type.String()),
  regionCode: Nullable(Type.String({ description: '政策包版本所属行政区划' })),
});

export const IncidentDetailSchema = Type.Object({
  ...IncidentSchema.properties,
  variables: Type.Record(Type.String(), Type.Unknown(), { description: '流程实例的变量(身份证号、手机号已脱敏)' }),
  maskedVariables: Type.Array(Type.String(), { description: '含脱敏个人信息的变量名:这些变量不能在此更正' }),
  protectedVariables: Type.Array(Type.String(), { description: '平台的流程标识(哪个申报、哪个政策包),不能更正' }),
});

export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean({ description: '哈希链完整' }),
  checked: Type.Integer({ description: '发现问题前已核对的记录数' }),
  problem: Type.Union([
    Type.Object({
      kind: Type.Union([Type.Literal('edited'), Type.Literal('deleted'), Type.Literal('unchained'), Type.Literal('tail')]),
      seq: Nullable(Type.Integer()),
      id: Nullable(Type.Integer()),
      message: Type.String({ description: '中文说明' }),
    }),
    Type.Null(),
  ]),
  verifiedAt: Type.String(),
});

export const AuditPageSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      seq: Type.Integer({ description: '哈希链中的位置' }),
      at: Type.String(),
      actorId: Nullable(Type.String()),
      actorRole: Nullable(Type.String()),
      actorUsername: Nullable(Type.String({ description: '操作人账号名' })),
      action: Type.String(),
      entityType: Type.String(),
      entityId: Type.String(),
      applicationId: Nullable(Type.String()),
      regionCode: Nullable(Type.String()),
      detail: Type.Unknown(),
      hash: Type.String({ description: '本条记录与上一条哈希的 sha256' }),
    }),
  ),
  nextAfterId: Nullable(Type.Integer()),
});

export const PackageDetailSchema = Type.Object(
  {
    hash: Type.String(),
    packageId: Type.String(),
    regionCode: Type.String(),
    procedure: Type.String(),
    year: Type.Integer(),
    title: Type.String(),
    deployedAt: Type.String(),
    active: Type.Boolean(),
    processes: Type.Record(Type.String(), Type.String()),
    manifest: Type.Object({ id: Type.String(), procedure: Type.String(), region: Type.Object({ code: Type.String(), name: Type.String() }), year: Type.Integer(), title: Type.String(), notice: Type.Optional(NoticeSchema) }, { additionalProperties: true }),
    files: Type.Array(Type.String()),
  },
  { additionalProperties: true },
);

const Decision = Type.Union([Type.Literal('ELIGIBLE'), Type.Literal('INELIGIBLE'), Type.Literal('REFER')]);
const VersionRef = Type.Object({ hash: Type.String(), id: Type.String(), year: Type.Integer() });
export const ReplayReportSchema = Type.Object({
  from: VersionRef,
  to: VersionRef,
  ruleSet: Type.String(),
  total: Type.Integer(),
  unchanged: Type.Integer(),
  transitions: Type.Record(Type.String(), Type.Integer(), { description: '如 { "ELIGIBLE→INELIGIBLE": 3 }' }),
  changed: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      applicantName: Nullable(Type.String()),
      idNumber: Nullable(Type.String({ description: '已脱敏' })),
      status: Type.String(),
      cityCode: Nullable(Type.String({ description: '申报所在市(州)代码' })),
      asOf: Type.String(),
      before: Decision,
      after: Decision,
      reasons: Type.Array(Type.Object({ rule: Type.String(), clause: Type.String(), title: Type.String(), before: Type.String(), after: Type.String(), message: Type.String() })),
      formProblems: Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() })),
    }),
  ),
  byCity: Type.Array(Type.Object({ cityCode: Nullable(Type.String()), total: Type.Integer(), changed: Type.Integer(), transitions: Type.Record(Type.String(), Type.Integer()) }), { description: '按市(州):回放数、结果改变数与变化方向' }),
});

export const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  cityCode: Type.String(),
  provinceCode: Type.String(),
  level: Nullable(Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')])),
  filingStatus: Type.String(),
  filingAcceptedDate: Nullable(Type.String()),
  filedDate: Nullable(Type.String()),
  isUndelegatedProvincialInChengdu: Type.Boolean(),
  recommendationSuspendedUntil: Nullable(Type.String()),
  occupations: Type.Array(Type.String()),
  filedLevels: Type.Union([Type.Record(Type.String(), Type.Array(Type.Integer())), Type.Null()], { description: '各备案职业(工种)的备案级别;null 为未登记' }),
});

export const PersonFactsSchema = Type.Object({
  idNumber: Type.String(),
  bans: Type.Array(AnyObject, { description: '在查询日有效的限制措施' }),
  cards: Type.Array(AnyObject),
  certificates: Type.Array(AnyObject),
  titles: Type.Array(AnyObject),
  examSittings: Type.Array(AnyObject),
  evaluationRecords: Type.Array(AnyObject),
});

export const CalendarOverrideSchema = Type.Object({ regionCode: Type.String(), date: Type.String(), working: Type.Boolean(), note: Nullable(Type.String()) });
export const CalendarOverridesSchema = Type.Object({
  overrides: Type.Array(CalendarOverrideSchema),
  publishedYears: Type.Array(Type.Object({ regionCode: Type.String(), year: Type.Integer() })),
  coveredYears: Type.Array(Type.Integer()),
});

export const ActionStartedSchema = Type.Object({ actionId: Type.String(), processInstanceKey: Type.String() });
export const FileSchema = Type.String({ format: 'binary' });

export const AttachmentSpecSchema = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  clause: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  required: Type.Union([Type.Boolean(), Type.Object({ when: Type.Object({ field: Type.String(), in: Type.Array(Type.Unknown()) }) })], { description: 'true、false,或仅当某字段取某些值时必传' }),
  accept: Type.Optional(Type.Array(Type.String(), { description: '允许的文件类型(MIME)' })),
  maxBytes: Type.Optional(Type.Integer({ description: '单个文件大小上限(字节)' })),
  oneOf: Type.Optional(Type.String({ description: '同组材料至少上传一种' })),
  description: Type.Optional(Type.String()),
});

export const CallFormSchema = Type.Object({
  packageHash: Type.String(),
  id: Type.String(),
  title: Nullable(Type.String()),
  schema: AnyObject,
  ui: Nullable(AnyObject),
  attachments: Type.Array(AttachmentSpecSchema, { description: '表单的 x-attachments:各类附件的名称、类型与大小限制' }),
});

/** What `PUT /api/incidents/{key}/variables` changed: the instance and the variable names. */
export const IncidentVariablesResultSchema = Type.Object({
  processInstanceKey: Type.String(),
  names: Type.Array(Type.String(), { description: '已更正的变量名' }),
});

const TryoutStepSchema = Type.Object({
  index: Type.Integer(),
  at: Type.String({ description: '该步发生的日期(场景时钟)' }),
  step: Type.Record(Type.String(), Type.Unknown()),
  ok: Type.Boolean(),
  note: Type.Optional(Type.String({ description: '中文说明' })),
});

export const TryoutResultSchema = Type.Object({
  packageHash: Nullable(Type.String({ description: '试运行的版本;草稿试运行时为 null' })),
  draftId: Nullable(Type.String({ description: '试运行的草稿' })),
  diagram: Type.Object(
    {
      file: Nullable(Type.String({ description: '经过的流程图文件' })),
      takenFlowIds: Type.Array(Type.String(), { description: '经过的顺序流' }),
      endElementIds: Type.Array(Type.String(), { description: '到达的结束事件' }),
    },
    { description: '在流程图上的路径' },
  ),
  scenario: Type.Object({ name: Type.String(), file: Nullable(Type.String()) }),
  matched: Nullable(Type.Boolean({ description: '场景写有 then 时是否全部符合' })),
  startedAt: Type.String(),
  durationMs: Type.Integer(),
  applicationId: Type.String(),
  steps: Type.Array(TryoutStepSchema),
  status: Type.String(),
  statusLabel: Type.String(),
  reason: Nullable(Type.String()),
  completedElements: Type.Array(Type.String(), { description: '经过的环节(按顺序)' }),
  waitingAt: Type.Array(Type.Object({ elementId: Type.String(), name: Nullable(Type.String()), dueAt: Nullable(Type.String()), candidateGroups: Type.Array(Type.String()) })),
  eligibility: Nullable(Type.Record(Type.String(), Type.Unknown())),
  variables: Type.Record(Type.String(), Type.Unknown()),
  cards: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  examSittings: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  sanctions: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  mismatches: Type.Array(Type.String(), { description: '与场景 then 的差异(中文)' }),
  error: Nullable(Type.String()),
});

export const ScheduledJobSchema = Type.Object({
  key: Type.String(),
  packageId: Type.String(),
  packageHash: Type.String(),
  jobId: Type.String(),
  kind: Type.String({ description: 'cards.voidUnrenewed 作废未换证证卡 | cards.remindRenewal 换证提醒' }),
  title: Type.String(),
  clause: Type.String(),
  regionCode: Type.String(),
  dueOn: Type.String({ description: '到期日(Asia/Shanghai)' }),
  state: Type.Union([Type.Literal('PENDING'), Type.Literal('RUNNING'), Type.Literal('DONE'), Type.Literal('FAILED')]),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  result: Nullable(Type.Record(Type.String(), Type.Unknown())),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
