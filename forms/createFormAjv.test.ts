import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFormAjv, isYyyyMmDd } from './createFormAjv.ts';

describe('createFormAjv', () => {
  it('checks cn-mobile: 11 digits, 1 then 3-9', () => {
    // given
    const v = createFormAjv().compile({ type: 'string', format: 'cn-mobile' });
    // then
    for (const ok of ['13800138000', '19912345678', '15000000000']) expect(v(ok)).toBe(true);
    for (const bad of ['12345678901', '1380013800', '138001380001', '23800138000', '+8613800138000', '138 0013 800']) expect(v(bad)).toBe(false);
  });

  it('checks yyyy-mm-dd as a real, zero-padded calendar date', () => {
    // then
    for (const ok of ['2026-02-28', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isYyyyMmDd(ok)).toBe(true);
    for (const bad of ['2026-02-29', '1900-02-29', '2023-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-2-3', '2026/02/03', '20260203', '2026-02-03T00:00:00Z']) {
      expect(isYyyyMmDd(bad)).toBe(false);
    }
  });

  it('checks cn-id-card with the GB 11643 check digit', () => {
    // given
    const v = createFormAjv().compile({ type: 'string', format: 'cn-id-card' });
    // then
    expect(v('11010519491231002X')).toBe(true);
    expect(v('110105194912310021')).toBe(false);
  });

  it('allows the annotation keywords but stays strict about unknown ones', () => {
    // given
    const annotated = {
      type: 'object',
      'x-clause': ['SC26-11'],
      'x-ambiguities': ['AMB-20'],
      'x-assumptions': ['A-1'],
      'x-attachments': [{ kind: 'photo', label: '个人证件照', clause: 'SC26-15', required: { when: { field: 'applicantType', in: ['EXAMINER'] } } }],
      properties: { a: { type: 'string', enum: ['X'], enumNames: ['甲'], 'x-clause': 'SC26-04', 'x-provenance': 'assumed' } },
    };
    // when / then
    expect(() => createFormAjv().compile(annotated)).not.toThrow();
    expect(() => createFormAjv().compile({ type: 'string', 'x-clues': 'SC26-01' })).toThrow(/unknown keyword/);
    expect(() => createFormAjv().compile({ type: 'string', 'x-clause': 7 })).toThrow(/x-clause/);
    expect(() => createFormAjv().compile({ type: 'string', 'x-provenance': 'guessed' })).toThrow(/x-provenance/);
    expect(() => createFormAjv().compile({ type: 'object', 'x-attachments': [{ kind: 'photo' }] })).toThrow(/x-attachments/);
  });

  it('compiles two forms with the same $id side by side', () => {
    // given: a package reloaded, or two versions of one form
    const ajv = createFormAjv();
    // when / then
    expect(() => {
      ajv.compile({ $id: 'urn:form:application', type: 'object' });
      ajv.compile({ $id: 'urn:form:application', type: 'object', required: ['a'] });
    }).not.toThrow();
  });
});

describe('the form runtime bundles for the browser', () => {
  it('imports no Node built-ins outside its tests', () => {
    // given
    const runtime = readdirSync('forms').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    // when
    const offenders = runtime.filter((f) => /from\s+['"](node:[^'"]+|(fs|path|crypto|os|module|url|buffer|stream)(\/[^'"]*)?)['"]/.test(readFileSync(`forms/${f}`, 'utf8')));
    // then
    expect(runtime.length).toBeGreaterThan(3);
    expect(offenders).toEqual([]);
  });
});
