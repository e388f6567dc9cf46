import { serviceTasksOfType } from './serviceTasksOfType.ts';
import type { Problem } from './packageTypes.ts';

/** The `process.start` service tasks of a BPMN file, with their process and startKey headers. */
const caseStartTasks = (xml: string) => serviceTasksOfType(xml, 'process.start').map((t) => ({ id: t.id, process: t.header('process'), startKey: t.header('startKey') }));

/**
 * A task that starts a case names a process of the package declared with role `case`, and a start key
 * (without one a retried job would start the case twice).
 */
export function checkCaseStarts(bpmn: Record<string, string>, processes: Array<{ bpmnProcessId?: unknown; role?: unknown }>): Problem[] {
  const cases = new Set(processes.filter((p) => p.role === 'case').map((p) => String(p.bpmnProcessId)));
  const problems: Problem[] = [];
  for (const [file, xml] of Object.entries(bpmn)) {
    for (const t of caseStartTasks(xml)) {
      if (!t.process || !cases.has(t.process)) {
        problems.push({ file, pointer: `#${t.id}`, severity: 'error', code: 'CASE_PROCESS', message: `启动案件任务 ${t.id} 的流程「${t.process ?? ''}」不是 manifest.json 中 role 为 case 的流程${cases.size ? `(可用:${[...cases].join('、')})` : ''}` });
      }
      if (!t.startKey?.trim()) problems.push({ file, pointer: `#${t.id}`, severity: 'error', code: 'CASE_START_KEY', message: `启动案件任务 ${t.id} 须有 startKey 头(同一启动键只启动一次,重试不重复)` });
    }
  }
  return problems;
}

const REVIEWER_ROLES = new Set(['unit_reviewer', 'city_reviewer', 'province_reviewer']);

/**
 * A case a reviewer starts (`startedBy`): only a process with role `case`, started by reviewer roles, with a form of
 * the package; its organisationField, if any, a field of that form. Problems name manifest.json.
 */
export function checkStartedBy(processes: Array<Record<string, unknown>>, forms: Record<string, Record<string, unknown> | undefined>): Problem[] {
  const problems: Problem[] = [];
  processes.forEach((p, i) => {
    const s = p.startedBy;
    if (s === undefined) return;
    const at = (what: string) => `/processes/${i}/startedBy${what}`;
    const problem = (pointer: string, code: string, message: string) => problems.push({ file: 'manifest.json', pointer, severity: 'error', code, message });
    if (!s || typeof s !== 'object') return problem(at(''), 'CASE_STARTED_BY', `流程「${String(p.bpmnProcessId)}」的 startedBy 应为对象`);
    const sb = s as { roles?: unknown; form?: unknown; organisationField?: unknown };
    if (p.role !== 'case') problem(at(''), 'CASE_STARTED_BY_ROLE', `流程「${String(p.bpmnProcessId)}」声明了 startedBy(由审核人发起),其 role 须为 case,现为「${String(p.role)}」`);
    const roles = Array.isArray(sb.roles) ? sb.roles : [];
    if (!roles.length) problem(at('/roles'), 'CASE_STARTED_BY_ROLES', `流程「${String(p.bpmnProcessId)}」的 startedBy.roles 须列出可发起的审核人角色`);
    roles.forEach((r, j) => {
      if (!REVIEWER_ROLES.has(String(r))) problem(at(`/roles/${j}`), 'CASE_STARTED_BY_ROLES', `startedBy.roles 中的「${String(r)}」不是审核人角色(可用:unit_reviewer、city_reviewer、province_reviewer)`);
    });
    const formId = typeof sb.form === 'string' ? sb.form : '';
    const form = forms[formId];
    if (!form) {
      problem(at('/form'), 'CASE_STARTED_BY_FORM', `流程「${String(p.bpmnProcessId)}」的发起表单「${formId}」不在 manifest.json 的 forms 中`);
      return;
    }
    if (sb.organisationField !== undefined) {
      const field = String(sb.organisationField);
      const props = (form.properties ?? {}) as Record<string, unknown>;
      if (!Object.hasOwn(props, field)) problem(at('/organisationField'), 'CASE_STARTED_BY_FIELD', `startedBy.organisationField「${field}」不是表单「${formId}」的字段`);
    }
  });
  return problems;
}
