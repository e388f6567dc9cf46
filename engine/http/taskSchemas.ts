import { Type } from '@sinclair/typebox';
import { AnyObject, TaskSchema } from './schemas.ts';

// Schemas of the reviewer task API (list, detail, diagram, transfer, batch), published in /api/openapi.json.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DecisionSchema = Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('return')], { description: 'approve 同意, reject 不同意, return 退回补正' });
const RuleDecisionSchema = Type.Union([Type.Literal('ELIGIBLE'), Type.Literal('INELIGIBLE'), Type.Literal('REFER')], { description: 'ELIGIBLE 通过, INELIGIBLE 不通过, REFER 需人工' });
const MarkSchema = Type.Union([Type.Literal('✔'), Type.Literal('✘'), Type.Literal('需人工')]);

/** Flat (no allOf), so every parameter appears in the OpenAPI document and round-trips as a query string. */
export const TaskListQuerySchema = Type.Object(
  {
    tab: Type.Optional(Type.Union([Type.Literal('todo'), Type.Literal('done')], { default: 'todo', description: 'todo 待办, done 已办(本人办结的任务)' })),
    package: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '政策包版本 hash' })),
    procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '事项(与 year 同用,覆盖该事项该年度的所有版本)' })),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '年度' })),
    region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '市(州)区划代码' })),
    step: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: '环节:流程元素 id 或任务名称' })),
    due: Type.Optional(Type.Union([Type.Literal('today'), Type.Literal('within3'), Type.Literal('overdue')], { description: 'today 今日到期, within3 3个工作日内, overdue 已逾期(按区划工作日历)' })),
    rule: Type.Optional(RuleDecisionSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '申报人姓名(前缀)或身份证号末几位(1–6 位)' })),
    applicationId: Type.Optional(Type.String({ format: 'uuid' })),
    mine: Type.Optional(Type.Boolean({ description: '只看本人认领的任务' })),
    sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('-due'), Type.Literal('created'), Type.Literal('-created'), Type.Literal('completed'), Type.Literal('-completed')], { description: '排序:期限 / 创建时间 / 办结时间,- 为倒序;待办默认 due,已办默认 -completed' })),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const TaskListRowSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: '环节' }),
  elementId: Type.String(),
  processInstanceKey: Type.String(),
  applicationId: Nullable(Type.String()),
  formKey: Nullable(Type.String()),
  state: Type.String(),
  assignee: Nullable(Type.String()),
  assigneeName: Nullable(Type.String({ description: '认领人' })),
  candidateGroups: Type.Array(Type.String()),
  cityCode: Nullable(Type.String()),
  createdAt: Type.String(),
  dueAt: Nullable(Type.String({ description: '期限' })),
  workingDaysLeft: Nullable(Type.Integer({ description: '距期限的工作日数(0 今日到期,负数为已逾期)' })),
  overdue: Type.Boolean(),
  applicantName: Nullable(Type.String({ description: '申报人' })),
  applicantType: Nullable(Type.String({ description: '申报类别' })),
  recommenderName: Nullable(Type.String({ description: '推荐单位' })),
  packageHash: Nullable(Type.String()),
  packageTitle: Nullable(Type.String()),
  ruleDecision: Nullable(RuleDecisionSchema),
  ruleDecisionLabel: Nullable(Type.String({ description: '规则结果' })),
  completedAt: Nullable(Type.String()),
  decision: Nullable(Type.String()),
  decisionLabel: Nullable(Type.String()),
  opinion: Nullable(Type.String()),
});

export const TaskListSchema = Type.Object({
  items: Type.Array(TaskListRowSchema),
  total: Type.Integer({ description: '符合筛选条件的总数(共 N 条)' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const RuleResultSchema = Type.Object({
  decision: RuleDecisionSchema,
  decisionLabel: Type.String(),
  asOf: Nullable(Type.String()),
  ruleSet: Nullable(Type.String()),
  checks: Type.Array(
    Type.Object({
      rule: Type.String(),
      title: Type.String(),
      clause: Type.String(),
      outcome: Type.String(),
      mark: MarkSchema,
      applicable: Type.Boolean(),
      message: Type.String({ description: '中文说明' }),
      conditions: Type.Array(
        Type.Object({
          fact: Type.String(),
          path: Nullable(Type.String()),
          operator: Type.String(),
          expected: Type.Unknown(),
          actual: Type.Unknown({ description: '查到的值' }),
          passed: Type.Boolean(),
          mark: MarkSchema,
          message: Nullable(Type.String()),
          clause: Nullable(Type.String()),
          actualText: Type.Optional(Nullable(Type.String({ description: '查到的值的中文(代码值按表单或登记库的名称)' }))),
          expectedText: Type.Optional(Nullable(Type.String({ description: '要求的值的中文' }))),
        }),
      ),
    }),
  ),
});

const TimelineEntrySchema = Type.Object({ at: Type.String(), action: Type.String(), label: Type.String(), actorRole: Nullable(Type.String()), detail: Type.Unknown() });

export const TaskDetailSchema = Type.Composite([
  TaskSchema,
  Type.Object({
    row: TaskListRowSchema,
    application: Nullable(
      Type.Object({
        id: Type.String(),
        number: Type.String({ description: '申报编号' }),
        applicantName: Nullable(Type.String()),
        packageHash: Type.String(),
        packageTitle: Nullable(Type.String({ description: '事项' })),
        status: Type.String(),
        statusLabel: Type.String(),
        stage: Nullable(Type.String()),
        submittedAt: Nullable(Type.String()),
        data: AnyObject,
      }),
    ),
    attachments: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), fileName: Type.String(), size: Type.Integer(), mimeType: Type.String(), downloadUrl: Type.String() })),
    ruleResult: Nullable(RuleResultSchema),
    allowedDecisions: Type.Array(Type.Object({ value: DecisionSchema, label: Type.String() })),
    form: Nullable(Type.Object({ key: Type.String(), title: Type.String(), schema: AnyObject, uiSchema: AnyObject })),
    timeline: Type.Array(TimelineEntrySchema),
  }),
]);

export const InstanceDiagramSchema = Type.Object({
  processInstanceKey: Type.String(),
  bpmnProcessId: Type.String(),
  packageHash: Type.String(),
  xml: Type.String({ description: 'BPMN 2.0 XML(含图形布局)' }),
  completedElementIds: Type.Array(Type.String()),
  takenFlowIds: Type.Array(Type.String()),
  currentElementIds: Type.Array(Type.String()),
  flowsSource: Type.Literal('derived', { description: '已走连线由已完成元素及其间的连线推得' }),
  userTasks: Type.Array(
    Type.Object({
      elementId: Type.String(),
      taskId: Type.String(),
      name: Type.String(),
      completedBy: Nullable(Type.String()),
      completedByName: Nullable(Type.String()),
      completedAt: Nullable(Type.String()),
      decision: Nullable(Type.String()),
      decisionLabel: Nullable(Type.String()),
      opinion: Nullable(Type.String()),
    }),
  ),
});

export const ColleaguesSchema = Type.Array(Type.Object({ username: Type.String(), displayName: Type.String() }));

export const TransferBodySchema = Type.Object(
  { toUsername: Type.String({ minLength: 1, maxLength: 64, description: '转办给(同组同事的用户名)' }), opinion: Type.String({ minLength: 1, maxLength: 2000, description: '转办意见' }) },
  { additionalProperties: false },
);

export const BatchCompleteBodySchema = Type.Object(
  { taskIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 100 }), decision: DecisionSchema, opinion: Type.String({ minLength: 1, maxLength: 2000, description: '审批意见' }) },
  { additionalProperties: false },
);

export const BatchCompleteResultSchema = Type.Object({
  results: Type.Array(Type.Object({ taskId: Type.String(), ok: Type.Boolean(), result: Type.Union([Type.Literal('成功'), Type.Literal('失败')]), reason: Nullable(Type.String()), ruleDecision: Nullable(RuleDecisionSchema) })),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
});
