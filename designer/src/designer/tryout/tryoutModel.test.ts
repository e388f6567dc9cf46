import { describe, expect, it } from 'vitest';
import { coverageMarks, pathMarks, sampleScenario, scenarioFiles, scenarioFromRun, validScenarioName, type ScenarioDoc } from './tryoutModel.ts';

const base: ScenarioDoc = {
  name: '第三类职业不予受理',
  clauses: ['SC21-02'],
  given: { asOf: '2021-07-05', applicant: 'liuna', recommender: 'org-cd-city', application: { cohort: 'CITY' } },
  when: [{ submit: true }],
  then: { status: 'REJECTED' },
};

describe('the try-out page model', () => {
  it('lists the process scenarios, not the rule checks', () => {
    // given a draft's paths / when / then
    expect(scenarioFiles(['manifest.json', 'scenarios/b.json', 'scenarios/checks-eligibility.json', 'scenarios/makeup-checks.json', 'scenarios/a.json', 'forms/x.json'])).toEqual(['a.json', 'b.json']);
  });

  it('paints the path: visited, the end reached over visited, waiting steps', () => {
    // given a run that passed Start → T1 and ended, and one waiting at T2
    const marks = pathMarks({ completedElements: ['Start', 'T1', 'End'], waitingAt: [{ elementId: 'T2', name: null, dueAt: null, candidateGroups: [] }], diagram: { file: 'p.bpmn', takenFlowIds: ['F1', 'F2'], endElementIds: ['End'] } });
    // then
    expect(marks).toEqual({ Start: 'visited', T1: 'visited', End: 'end', F1: 'visited', F2: 'visited', T2: 'waiting' });
  });

  it('maps coverage: uncovered in red, what some scenario reached in green, per diagram', () => {
    const report = {
      packageHash: null,
      draftId: 'd',
      scenarios: [{ file: 'a.json', name: 'a', matched: true, status: 'S', statusLabel: 'S', mismatches: [], error: null, diagramFile: 'p.bpmn', completedElements: ['Start', 'T1'], takenFlowIds: ['F1'] }],
      diagrams: [{ file: 'p.bpmn', elementCount: 3, flowCount: 2, uncoveredElementIds: ['T2'], uncoveredFlowIds: ['F2'] }],
    };
    expect(coverageMarks(report, 'p.bpmn')).toEqual({ Start: 'visited', T1: 'visited', F1: 'visited', T2: 'uncovered', F2: 'uncovered' });
    expect(coverageMarks(report, 'other.bpmn')).toEqual({});
  });

  it('writes a sample applicant’s scenario like the base one, without its expectation', () => {
    const s = sampleScenario(base, { username: 'zhangwei', displayName: '张伟' });
    expect(s.given).toEqual({ ...base.given, applicant: 'zhangwei' });
    expect(s.then).toBeUndefined();
    expect(s.name).toContain('张伟');
  });

  it('saves a run with what happened as its expectation', () => {
    const s = scenarioFromRun(base, { status: 'REVIEW', completedElements: ['Start'], waitingAt: [{ elementId: 'T2', name: null, dueAt: null, candidateGroups: [] }] }, '新场景');
    expect(s).toMatchObject({ name: '新场景', when: base.when, then: { status: 'REVIEW', completedElements: ['Start'], waitingAt: ['T2'] } });
  });

  it('accepts only file names the drafts API takes', () => {
    expect(validScenarioName('my-run.json')).toBe(true);
    expect(['../x.json', 'a.txt', 'checks-x.json', '.hidden.json', 'a b.json'].map(validScenarioName)).toEqual([false, false, false, false, false]);
  });
});
