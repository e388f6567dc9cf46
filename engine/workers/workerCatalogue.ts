import { SANCTION_KINDS } from '../packages/sanctionKinds.ts';
import { APPLICATION_STATUS_LABELS } from '../packages/platformLabels.ts';

/**
 * Where a field's choices come from: fixed here, or the draft's own files (its rule sets, parameters,
 * case processes, status codes), so a template never names a package's ids.
 */
export type FieldChoices = { fixed: Array<{ value: string; name: string }> } | { draft: 'ruleSets' | 'parameters' | 'caseProcesses' | 'statuses' };

/** One labelled field of a task type: a task header, or an input variable the worker reads. */
export interface WorkerField {
  /** Header key (binding zeebe:taskHeader), or with `input` the input variable's name (zeebe:input target). */
  key: string;
  label: string;
  description?: string;
  required?: boolean;
  /** A dropdown: only these values are offered (plus any the draft already writes, so applying never changes them). */
  choices?: FieldChoices;
  /** Written when the template is applied to a task without this header. */
  defaultValue?: string;
  /** An input mapping (FEEL) instead of a header. */
  input?: boolean;
}

/** A job type the platform's workers handle, as policy staff see it in the modeler. */
export interface WorkerJobType {
  type: string;
  /** The task type's Chinese name (the template chooser). */
  name: string;
  description: string;
  /** Chooser category. */
  category: '判定' | '期限与日程' | '证卡' | '登记' | '案件与状态';
  fields: WorkerField[];
}

const fixed = (entries: Record<string, string>): FieldChoices => ({ fixed: Object.entries(entries).map(([value, name]) => ({ value, name: `${name}(${value})` })) });

const COUNTING = { C1: 'C1 事后起算(当日不计)', C2: 'C2 期间(首日计入)', C3: 'C3 某日之前', C4: 'C4 月、年对日' };
const COUNTING_CHOICES: FieldChoices = { fixed: Object.entries(COUNTING).map(([value, name]) => ({ value, name })) };
const SANCTION_CHOICES = fixed(Object.fromEntries(Object.entries(SANCTION_KINDS).map(([k, v]) => [k, v.label])));
const target = (defaultValue: string, label = '结果写入的流程变量'): WorkerField => ({ key: 'target', label, defaultValue, description: '后续网关、任务与表单读取这个变量' });
const clauseHeader = (required: boolean): WorkerField => ({ key: 'clause', label: '依据条款', required, description: '通知条款编号,如 SC26-45(记入登记信息,供申报人查询)' });
const decisionHeader: WorkerField = { key: 'decision', label: '决定所在变量', required: true, defaultValue: 'decision', description: '前一个审核任务写入的决定(含 decision、opinion、reviewer)' };

/**
 * Every job type the platform's workers handle (engine/workers/registerWorkers.ts), with the headers
 * each reads. The modeler's task templates are generated from this list and a draft's files, so a new
 * worker is one entry here. A test checks it against the handlers and against every package's BPMN.
 */
export const WORKER_CATALOGUE: WorkerJobType[] = [
  {
    type: 'rules.evaluate',
    name: '资格审核(规则判定)',
    description: '用政策包的规则集判定申报资格,逐条写出依据条款与结论',
    category: '判定',
    fields: [
      { key: 'ruleSet', label: '规则集', required: true, choices: { draft: 'ruleSets' }, description: '本政策包中的规则集' },
      { key: 'resultVariable', label: '判定结果写入的流程变量', defaultValue: 'eligibility', description: '缺省为 eligibility(申报人看到的资格审核结果)' },
      { key: 'facts', label: '另读的流程变量', description: '规则还要读取的流程变量路径,逗号分隔(按最后一段命名,如 exam 或 registrationWindow)' },
      { key: 'application', input: true, label: '判定用的申报信息(FEEL)', description: '缺省为流程变量 application;需要时可用 FEEL 组合,如 ={idNumber: application.idNumber}' },
    ],
  },
  {
    type: 'deadline.compute',
    name: '期限计算',
    description: '按政策包的计算口径和工作日历计算期限(日期与截止时刻)',
    category: '期限与日程',
    fields: [
      { key: 'anchor', label: '起算日', required: true, defaultValue: 'today', description: 'today 为当日;或流程变量路径,如 exam.examDate' },
      { key: 'amountParameter', label: '期限长度(政策包参数)', required: true, choices: { draft: 'parameters' } },
      { key: 'unit', label: '期限单位', required: true, defaultValue: 'WD', choices: fixed({ WD: '工作日', DAY: '自然日', MONTH: '月', YEAR: '年' }) },
      { key: 'counting', label: '计算口径', choices: COUNTING_CHOICES, description: '不填时按「计算口径参数」' },
      { key: 'countingParameter', label: '计算口径参数', choices: { draft: 'parameters' }, description: '由政策包参数给出计算口径时填写' },
      { key: 'extendIfLastDayIsRestDay', label: '末日为休息日时顺延', choices: fixed({ true: '顺延', false: '不顺延' }), description: '不填时按政策包参数 extendIfLastDayIsRestDay' },
      target('deadline', '期限写入的流程变量'),
    ],
  },
  {
    type: 'schedule.window',
    name: '查找日程时间窗口',
    description: '从政策包日程中取出一个时间窗口(按工作日历确定起止日)',
    category: '期限与日程',
    fields: [
      { key: 'window', label: '时间窗口 ID', required: true, description: '可含 {流程变量路径} 占位,如 {application.planMonth}-theory' },
      target('window', '窗口写入的流程变量'),
    ],
  },
  {
    type: 'card.issue',
    name: '发证(制发证卡)',
    description: '生成证卡编号并登记证卡,有效期取自政策包参数;申报状态改为证卡已制发',
    category: '证卡',
    fields: [
      { key: 'validityParameter', label: '有效期年数(政策包参数)', required: true, choices: { draft: 'parameters' } },
      { key: 'kind', label: '证卡种类', description: '缺省按申报人类别' },
      target('card', '证卡写入的流程变量'),
      { key: 'issuerRegionCode', input: true, label: '发证机构所在区划(FEEL)', required: true, defaultValue: '=provinceCode', description: '发证的职鉴中心所在区划代码,证卡仅在此区划内有效' },
    ],
  },
  {
    type: 'card.collect',
    name: '领证登记',
    description: '登记证卡已领取',
    category: '证卡',
    fields: [{ key: 'card', label: '证卡所在变量', required: true, defaultValue: 'card' }],
  },
  {
    type: 'card.cancel',
    name: '注销或作废证卡',
    description: '注销(或作废)本流程制发的证卡或申报人持有的证卡,记下原因与依据条款',
    category: '证卡',
    fields: [
      { key: 'card', label: '证卡所在变量', defaultValue: 'card', description: '本流程制发的证卡({number})' },
      { key: 'cardNumberVariable', label: '证卡编号所在变量', description: '注销申报人持有的证卡时填写,如 application.cardNumber' },
      { key: 'status', label: '处理方式', choices: fixed({ CANCELLED: '注销', VOID: '作废' }), description: '不填为注销' },
      { key: 'reason', label: '原因', description: '不填为「逾期未领取」' },
      clauseHeader(false),
    ],
  },
  {
    type: 'sanction.record',
    name: '登记处罚',
    description: '在登记库中记下对人员或推荐单位的限制措施(如一年内不得报名),规则随后读取',
    category: '登记',
    fields: [
      { key: 'subject', label: '处罚对象', required: true, defaultValue: 'person', choices: fixed({ person: '申报人', org: '单位' }) },
      { key: 'kind', label: '处罚种类', required: true, choices: SANCTION_CHOICES },
      { key: 'subjectVariable', label: '单位所在变量', description: '处罚单位时:缺省为推荐单位 recommender.id' },
      { key: 'anchor', label: '起始日所在变量', description: '不填为当日' },
      { key: 'durationYears', label: '期限(年)' },
      { key: 'permanent', label: '长期有效', choices: fixed({ true: '是', false: '否' }) },
      clauseHeader(true),
      { key: 'reason', label: '处罚原因', required: true },
    ],
  },
  {
    type: 'registry.record',
    name: '登记考试或考评记录',
    description: '把考试(补考)成绩或考评工作记入登记库,后续年度的政策包读取',
    category: '登记',
    fields: [
      { key: 'record', label: '记录类型', required: true, defaultValue: 'examSitting', choices: fixed({ examSitting: '考试记录', evaluationRecord: '考评工作记录' }) },
      { key: 'kind', label: '考试类别', choices: fixed({ exam: '考试', makeup: '补考' }) },
      { key: 'dateVariable', label: '日期所在变量', description: '如 exam.examDate' },
      { key: 'resultVariable', label: '成绩所在变量', description: '如 exam.result' },
      { key: 'result', label: '固定成绩', choices: fixed({ PASS: '通过', FAIL: '未通过', ABSENT: '缺考', EXCUSED: '请假' }), description: '不读成绩变量时填写' },
      { key: 'role', label: '考评角色', choices: fixed({ examiner: '考评员', supervisor: '质量督导员' }) },
      clauseHeader(false),
      target('', '登记结果写入的流程变量'),
    ],
  },
  {
    type: 'application.status',
    name: '变更申报状态',
    description: '把申报状态改为给定状态,申报人和审核人看到对应的中文说明',
    category: '案件与状态',
    fields: [
      { key: 'status', label: '申报状态', required: true, choices: { draft: 'statuses' } },
      { key: 'reason', label: '原因代码', description: '平台或政策包 labels.reasons 中的原因代码' },
      { key: 'reasonText', label: '原因说明' },
      clauseHeader(false),
    ],
  },
  {
    type: 'process.start',
    name: '启动案件流程',
    description: '按启动键启动本政策包的案件流程(每个启动键只启动一次),如推荐单位处罚的省级决定',
    category: '案件与状态',
    fields: [
      { key: 'process', label: '案件流程', required: true, choices: { draft: 'caseProcesses' } },
      { key: 'startKey', label: '启动键', required: true, description: '可含 {流程变量路径} 占位,如 person-notice:{applicationId}' },
      { key: 'variables', label: '带入案件的流程变量', description: '逗号分隔的变量路径' },
      target('startedCase', '案件写入的流程变量'),
    ],
  },
  {
    type: 'quota.record',
    name: '登记名额核减',
    description: '按省级决定登记推荐单位和所在市(州)的名额核减与通报',
    category: '登记',
    fields: [decisionHeader, { key: 'findings', label: '处罚情形所在变量', required: true, description: '判定出处罚情形的规则结果变量' }, target('quotaAdjustment')],
  },
  {
    type: 'notice.record',
    name: '登记通报',
    description: '按省级决定登记对人员的通报',
    category: '登记',
    fields: [decisionHeader, clauseHeader(true), target('publicNotice')],
  },
  {
    type: 'provincialClass.record',
    name: '登记参加省级培训班',
    description: '按省级决定登记市(州)参加本年度省级培训班',
    category: '登记',
    fields: [decisionHeader],
  },
];

export const workerJobType = (type: string): WorkerJobType | undefined => WORKER_CATALOGUE.find((t) => t.type === type);

/** The platform's status codes, for the status dropdown (a package adds its own in manifest labels). */
export const PLATFORM_STATUSES = APPLICATION_STATUS_LABELS;
