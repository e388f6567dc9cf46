import { describe, expect, it } from 'vitest';
import { checkSanctionKinds } from './checkSanctionKinds.ts';

const task = (id: string, kind: string, subject: string) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="sanction.record"/><zeebe:taskHeaders><zeebe:header key="subject" value="${subject}"/><zeebe:header key="kind" value="${kind}"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;

describe('checkSanctionKinds', () => {
  it('accepts the registry’s kinds on their subjects, in processes and rules', () => {
    // given
    const bpmn = { 'p.bpmn': task('Ban', 'TRAINING_REGISTRATION', 'person') + task('Suspend', 'RECOMMENDATION_SUSPENDED', 'org') };
    const rules = {
      'rules/e.json': {
        rules: [
          { conditions: { fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: 'TRAINING_REGISTRATION' } } },
          { conditions: { fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: { in: ['EXAMINER_QUALIFICATION', 'EXAMINER_APPLICATION'] } } } },
        ],
      },
    };
    // then
    expect(checkSanctionKinds(bpmn, rules)).toEqual([]);
  });

  it('names the task or the rule whose kind the other side would never find, in Chinese', () => {
    // given: the old mismatch (recorded RECOMMENDATION_SUSPENSION, read RECOMMENDATION_SUSPENDED), a wrong subject, a rule typo
    const bpmn = { 'p.bpmn': task('Suspend', 'RECOMMENDATION_SUSPENSION', 'org') + task('Ban', 'RECOMMENDATION_SUSPENDED', 'person') };
    const rules = {
      'rules/e.json': {
        rules: [
          { conditions: { all: [{ fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: 'TRAINING_BAN' } }] } },
          { conditions: { fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: { in: ['EXAMINER_APPLICATION', 'CARD_BAN'] } } } },
        ],
      },
    };
    // when
    const problems = checkSanctionKinds(bpmn, rules);
    // then
    expect(problems.map((p) => `${p.file} ${p.pointer} ${p.code}`)).toEqual([
      'p.bpmn #Suspend SANCTION_KIND',
      'p.bpmn #Ban SANCTION_SUBJECT',
      'rules/e.json /rules/0/conditions/all/0/value/kind SANCTION_KIND',
      'rules/e.json /rules/1/conditions/value/kind/in/1 SANCTION_KIND',
    ]);
    expect(problems[0]!.message).toContain('RECOMMENDATION_SUSPENDED(暂停推荐资格)');
  });
});
