import { describe, expect, it } from 'vitest';
import { scenariosGreen } from './activationChecks.ts';

const ok = { file: 'a.json', name: 'a', matched: true, status: 'S', statusLabel: 'S', mismatches: [], error: null, diagramFile: 'p.bpmn', completedElements: [], takenFlowIds: [] };

describe('activation is refused while problems remain', () => {
  it('needs the scenarios run, every one held and none failing to run', () => {
    // given / when / then
    expect(scenariosGreen(undefined)).toBe(false);
    expect(scenariosGreen({ scenarios: [ok] })).toBe(true);
    expect(scenariosGreen({ scenarios: [ok, { ...ok, matched: false, mismatches: ['状态应为 X'] }] })).toBe(false);
    expect(scenariosGreen({ scenarios: [ok, { ...ok, status: 'ERROR', matched: false, error: '无法运行' }] })).toBe(false);
  });
});
