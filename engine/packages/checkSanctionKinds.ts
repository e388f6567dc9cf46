import { walkJson } from './jsonPointer.ts';
import { serviceTasksOfType } from './serviceTasksOfType.ts';
import type { Problem } from './packageTypes.ts';
import { isSanctionKind, SANCTION_KINDS, sanctionKindList } from './sanctionKinds.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `sanction.record` service tasks of a BPMN file, with their kind and subject headers. */
const sanctionTasks = (xml: string) => serviceTasksOfType(xml, 'sanction.record').map((t) => ({ id: t.id, kind: t.header('kind'), subject: t.header('subject') }));

/**
 * Every sanction a package records and every sanction its rules look for is a kind of the registry's
 * vocabulary, on the right subject (a person's ban, an organisation's suspension).
 */
export function checkSanctionKinds(bpmn: Record<string, string>, ruleSets: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const [file, xml] of Object.entries(bpmn)) {
    for (const t of sanctionTasks(xml)) {
      const subject = t.subject === 'person' ? 'person' : 'org';
      if (!isSanctionKind(t.kind)) {
        problems.push({ file, pointer: `#${t.id}`, severity: 'error', code: 'SANCTION_KIND', message: `处罚登记任务 ${t.id} 的处罚种类「${t.kind ?? ''}」不在登记库的处罚种类中,规则读不到它;可用:${sanctionKindList(subject)}` });
      } else if (SANCTION_KINDS[t.kind].subject !== subject) {
        problems.push({ file, pointer: `#${t.id}`, severity: 'error', code: 'SANCTION_SUBJECT', message: `处罚登记任务 ${t.id} 的处罚种类「${t.kind}」适用于${SANCTION_KINDS[t.kind].subject === 'org' ? '单位' : '个人'},但 subject 为「${t.subject ?? ''}」` });
      }
    }
  }
  for (const [file, rules] of Object.entries(ruleSets)) {
    walkJson(rules, (v, pointer) => {
      if (!isObject(v) || typeof v.path !== 'string' || !/\.bans$/.test(v.path) || !isObject(v.value) || v.value.kind === undefined) return;
      // The kind is a literal or a test of literals ({ in: [...] }, { equal: … }).
      const spec = v.value.kind;
      const named: Array<[unknown, string]> = isObject(spec)
        ? Object.entries(spec).flatMap(([op, x]) => (Array.isArray(x) ? x.map((k, i): [unknown, string] => [k, `/${op}/${i}`]) : [[x, `/${op}`] as [unknown, string]]))
        : [[spec, '']];
      for (const [kind, at] of named) {
        if (!isSanctionKind(kind)) {
          problems.push({ file, pointer: `${pointer}/value/kind${at}`, severity: 'error', code: 'SANCTION_KIND', message: `规则查找的处罚种类「${typeof kind === 'string' ? kind : JSON.stringify(kind)}」不在登记库的处罚种类中,永远找不到;可用:${sanctionKindList('person')}` });
        }
      }
    });
  }
  return problems;
}
