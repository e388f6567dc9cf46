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
