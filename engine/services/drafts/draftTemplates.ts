/**
 * The skeletons a new draft can start from. Each is a whole policy package that the loader accepts
 * without an error, so a draft is valid from its first revision and every problem after that is one
 * its editor made. They are data (files by path), laid out and checked like any other package.
 */

export interface DraftIdentity {
  packageId: string;
  procedure: string;
  region: { code: string; name: string };
  year: number;
  title: string;
}

export interface DraftTemplate {
  id: string;
  title: string;
  description: string;
  files(identity: DraftIdentity): Record<string, string>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Clause ids are two letters, the year's last two digits and a number (e.g. XX26-01): the template's are placeholders to renumber after the notice. */
const clause = (year: number, n: number) => `XX${String(year % 100).padStart(2, '0')}-${String(n).padStart(2, '0')}`;

const processId = (packageId: string) => packageId.replace(/[^A-Za-z0-9_.-]/g, '-');

function manifest(id: DraftIdentity, extra: { clauses: unknown[]; labels?: unknown }): Record<string, unknown> {
  const c = (n: number) => clause(id.year, n);
  return {
    id: id.packageId,
    procedure: id.procedure,
    region: id.region,
    year: id.year,
    title: id.title,
    notice: { docNo: null, title: `${id.title}(通知标题待填写)`, issuer: `${id.region.name}职业技能鉴定指导中心`, signed: `${id.year}-01-01`, published: null, seedFile: '待补充.txt', provenance: 'supplied-by-owner' },
    processes: [{ file: 'process.bpmn', bpmnProcessId: processId(id.packageId), role: 'main' }],
    forms: [{ id: 'application', schema: 'forms/application.schema.json', ui: 'forms/application.ui.json', title: '申报表' }],
    ruleSets: [{ id: 'eligibility', file: 'rules/eligibility.json' }],
    schedule: 'schedule.json',
    parameters: { reviewWorkingDays: { value: 10, unit: 'WD', provenance: 'supplied-by-owner', clause: c(3) } },
    ambiguities: [],
    clauses: extra.clauses,
    defaultCandidateGroups: [`province:${id.region.code}`],
    ...(extra.labels ? { labels: extra.labels } : {}),
  };
}

function commonFiles(id: DraftIdentity): Record<string, string> {
  const c = (n: number) => clause(id.year, n);
  return {
    'forms/application.schema.json': json({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: '申报表',
      type: 'object',
      additionalProperties: false,
      required: ['name', 'idNumber'],
      properties: {
        name: { type: 'string', title: '姓名', minLength: 1, maxLength: 32, 'x-clause': c(1) },
        idNumber: { type: 'string', title: '身份证号码', format: 'cn-id-card', 'x-clause': c(1) },
        mobile: { type: 'string', title: '手机号码', format: 'cn-mobile', 'x-clause': c(1) },
        workYears: { type: 'integer', title: '从事本职业(工种)年限', minimum: 0, maximum: 60, 'x-clause': c(2) },
      },
    }),
    'forms/application.ui.json': json({ 'ui:order': ['name', 'idNumber', 'mobile', 'workYears'], idNumber: { 'ui:placeholder': '18位身份证号码' } }),
    'rules/eligibility.json': json({
      id: 'eligibility',
      title: '申报条件',
      rules: [
        {
          name: 'work-years',
          clause: c(2),
          title: '从事本职业(工种)年限',
          conditions: { fact: 'application', path: '$.workYears', operator: 'greaterThanInclusive', value: 3, clause: c(2), message: '从事本职业(工种)满3年' },
          passMessage: '从事本职业(工种)年限符合要求',
          failMessage: '从事本职业(工种)须满3年',
        },
      ],
    }),
    'schedule.json': json({
      timezone: 'Asia/Shanghai',
      windows: [{ id: `${id.year}-registration`, kind: 'registration', title: '报名', opens: `${id.year}-03-01`, closes: `${id.year}-03-31`, raw: '报名时间待按通知填写', clause: c(4), provenance: 'supplied-by-owner' }],
    }),
  };
}

const EMPTY_BPMN = (id: DraftIdentity) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId(id.packageId)}" targetNamespace="http://skills-platform.example/bpmn">
  <bpmn:process id="${processId(id.packageId)}" name="${id.title}" isExecutable="true">
    <bpmn:startEvent id="Start_Submitted" name="申报已提交" />
    <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="Start_Submitted" targetRef="Task_Review" />
    <bpmn:userTask id="Task_Review" name="受理审核">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=[&quot;province:&quot; + provinceCode]" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_Review" targetRef="End_Done" />
    <bpmn:endEvent id="End_Done" name="办结" />
  </bpmn:process>
</bpmn:definitions>
`;

const REVIEW_BPMN = (id: DraftIdentity) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${processId(id.packageId)}" targetNamespace="http://skills-platform.example/bpmn">
  <bpmn:process id="${processId(id.packageId)}" name="${id.title}" isExecutable="true">
    <bpmn:startEvent id="Start_Submitted" name="申报已提交" />
    <bpmn:sequenceFlow id="Flow_ToCheck" sourceRef="Start_Submitted" targetRef="Task_CheckEligibility" />
    <bpmn:serviceTask id="Task_CheckEligibility" name="资格审核">
      <bpmn:extensionElements><zeebe:taskDefinition type="rules.evaluate" retries="3" /><zeebe:taskHeaders><zeebe:header key="ruleSet" value="eligibility" /><zeebe:header key="resultVariable" value="eligibility" /></zeebe:taskHeaders></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToEligible" sourceRef="Task_CheckEligibility" targetRef="Gateway_Eligible" />
    <bpmn:exclusiveGateway id="Gateway_Eligible" name="是否符合申报条件?" default="Flow_Eligible" />
    <bpmn:sequenceFlow id="Flow_Ineligible" name="不符合" sourceRef="Gateway_Eligible" targetRef="Task_StatusIneligible"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=eligibility.decision = "INELIGIBLE"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_Eligible" name="符合或待人工判断" sourceRef="Gateway_Eligible" targetRef="Task_ProvinceReview" />
    <bpmn:serviceTask id="Task_StatusIneligible" name="不符合申报条件">
      <bpmn:extensionElements><zeebe:taskDefinition type="application.status" retries="3" /><zeebe:taskHeaders><zeebe:header key="status" value="REJECTED" /><zeebe:header key="reason" value="INELIGIBLE" /></zeebe:taskHeaders></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToEndIneligible" sourceRef="Task_StatusIneligible" targetRef="End_Ineligible" />
    <bpmn:endEvent id="End_Ineligible" name="不予受理" />
    <bpmn:userTask id="Task_ProvinceReview" name="省职鉴中心审核">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=[&quot;province:&quot; + provinceCode]" /><zeebe:ioMapping><zeebe:output source="={decision: decision, opinion: opinion}" target="provinceReview" /></zeebe:ioMapping></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_ToDecision" sourceRef="Task_ProvinceReview" targetRef="Gateway_Decision" />
    <bpmn:exclusiveGateway id="Gateway_Decision" name="审核意见" default="Flow_Reject" />
    <bpmn:sequenceFlow id="Flow_Approve" name="通过" sourceRef="Gateway_Decision" targetRef="Task_StatusCompleted"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=provinceReview.decision = "approve"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_Reject" name="不予通过" sourceRef="Gateway_Decision" targetRef="Task_StatusRejected" />
    <bpmn:serviceTask id="Task_StatusCompleted" name="审核通过">
      <bpmn:extensionElements><zeebe:taskDefinition type="application.status" retries="3" /><zeebe:taskHeaders><zeebe:header key="status" value="COMPLETED" /></zeebe:taskHeaders></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToEndCompleted" sourceRef="Task_StatusCompleted" targetRef="End_Completed" />
    <bpmn:endEvent id="End_Completed" name="办结" />
    <bpmn:serviceTask id="Task_StatusRejected" name="审核不予通过">
      <bpmn:extensionElements><zeebe:taskDefinition type="application.status" retries="3" /><zeebe:taskHeaders><zeebe:header key="status" value="REJECTED" /><zeebe:header key="reason" value="REVIEW_REJECTED" /></zeebe:taskHeaders></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToEndRejected" sourceRef="Task_StatusRejected" targetRef="End_Rejected" />
    <bpmn:endEvent id="End_Rejected" name="不予通过" />
  </bpmn:process>
</bpmn:definitions>
`;

export const DRAFT_TEMPLATES: DraftTemplate[] = [
  {
    id: 'empty',
    title: '空白政策包',
    description: '最小可用骨架:申报表、一条申报条件、一个报名窗口,流程为「申报 → 受理审核 → 办结」',
    files(id) {
      const c = (n: number) => clause(id.year, n);
      return {
        'manifest.json': json(
          manifest(id, {
            clauses: [
              { id: c(1), summary: '申报人基本信息', kind: 'form', implementedBy: ['forms/application.schema.json#/properties/name'] },
              { id: c(2), summary: '从事本职业(工种)满3年', kind: 'rule', implementedBy: ['rules/eligibility.json#work-years'] },
              { id: c(3), summary: '受理审核', kind: 'flow', implementedBy: ['process.bpmn#Task_Review'] },
              { id: c(4), summary: '报名时间', kind: 'schedule', implementedBy: [`schedule.json#${id.year}-registration`] },
            ],
          }),
        ),
        'process.bpmn': EMPTY_BPMN(id),
        ...commonFiles(id),
      };
    },
  },
  {
    id: 'eligibility-review',
    title: '资格审核 + 省级审核',
    description: '按申报条件自动审核(rules.evaluate),不符合的不予受理,其余由省职鉴中心审核后办结',
    files(id) {
      const c = (n: number) => clause(id.year, n);
      return {
        'manifest.json': json(
          manifest(id, {
            clauses: [
              { id: c(1), summary: '申报人基本信息', kind: 'form', implementedBy: ['forms/application.schema.json#/properties/name'] },
              { id: c(2), summary: '从事本职业(工种)满3年', kind: 'rule', implementedBy: ['rules/eligibility.json#work-years', 'process.bpmn#Task_CheckEligibility'] },
              { id: c(3), summary: '省职鉴中心审核', kind: 'flow', implementedBy: ['process.bpmn#Task_ProvinceReview'] },
              { id: c(4), summary: '报名时间', kind: 'schedule', implementedBy: [`schedule.json#${id.year}-registration`] },
            ],
          }),
        ),
        'process.bpmn': REVIEW_BPMN(id),
        ...commonFiles(id),
      };
    },
  },
];

export function draftTemplate(id: string): DraftTemplate | undefined {
  return DRAFT_TEMPLATES.find((t) => t.id === id);
}
