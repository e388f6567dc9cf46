import { describe, expect, it } from 'vitest';
import { elementOf, idsOf, marksOf, previousVersion } from './compareModel.ts';

const v = (hash: string, year: number, extra: Partial<{ regionCode: string; procedure: string; active: boolean; deployedAt: string }> = {}) => ({ hash, year, regionCode: '510000', procedure: 'examiner-training', active: true, deployedAt: `${year}-01-01`, ...extra });

describe('compare model', () => {
  it('colours added on the new side, removed on the old side, changed on both; other changes not at all', () => {
    const m = marksOf([
      { type: 'flow', change: 'added', subject: 'element:A', message: '', clauses: [] },
      { type: 'flow', change: 'removed', subject: 'element:R', message: '', clauses: [] },
      { type: 'schedule', change: 'changed', subject: 'element:C', message: '', clauses: [] },
      { type: 'rule', change: 'changed', subject: 'rule:eligibility/x', message: '', clauses: [] },
    ]);
    expect(m).toEqual({ old: { R: 'removed', C: 'changed' }, new: { A: 'added', C: 'changed' } });
    expect(elementOf({ subject: 'parameter:x' })).toBeNull();
  });
  it('reads the ids of a BPMN text', () => {
    expect([...idsOf('<bpmn:task id="T1" name="x"/><bpmn:sequenceFlow id="F" sourceRef="T1"/>')]).toEqual(['T1', 'F']);
  });
  it('defaults to the latest earlier year of the same region › procedure', () => {
    const to = v('26', 2026);
    const list = [to, v('21', 2021), v('24', 2024, { procedure: 'renewal' }), v('g', 2025, { regionCode: '620000' }), v('27', 2027)];
    expect(previousVersion(list, to)?.hash).toBe('21');
    expect(previousVersion([to, v('27', 2027)], to)?.hash).toBe('27');
    expect(previousVersion([to], to)).toBeUndefined();
  });
});
