import { describe, expect, it } from 'vitest';
import { checkFormDefinition } from './checkFormDefinition.ts';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: '姓名', 'x-clause': 'SC26-15' },
    items: { type: 'array', items: { type: 'object', properties: { no: { type: 'string', title: '编号' } } } },
  },
};
const at = (problems: ReturnType<typeof checkFormDefinition>) => problems.map((p) => `${p.severity} ${p.file} ${p.pointer} ${p.code}`);

describe('checkFormDefinition', () => {
  it('accepts a form whose ui order matches its fields, array items included', () => {
    // when / then
    expect(checkFormDefinition('f.schema.json', schema, 'f.ui.json', { 'ui:order': ['items', '*'], items: { items: { 'ui:order': ['no'] } } })).toEqual([]);
  });

  it('points at the misspelt keyword or the bad annotation that stops the form compiling', () => {
    // when
    const typo = checkFormDefinition('f.schema.json', { type: 'object', properties: { name: { type: 'string', titel: '姓名' } } }, undefined, undefined);
    const clause = checkFormDefinition('f.schema.json', { type: 'object', properties: { name: { type: 'string', 'x-clause': 26 } } }, undefined, undefined);
    const meta = checkFormDefinition('f.schema.json', { type: 'object', properties: { name: { type: 'text' } } }, undefined, undefined);
    // then
    expect(at(typo)).toEqual(['error f.schema.json /properties/name/titel FORM_SCHEMA']);
    expect(typo[0].message).toContain('未知的关键字「titel」');
    expect(at(clause)).toEqual(['error f.schema.json /properties/name/x-clause FORM_SCHEMA']);
    expect(meta[0].pointer).toBe('/properties/name/type');
  });

  it('reports ui:order entries that rjsf would refuse to render, deep inside arrays too', () => {
    // when
    const r = checkFormDefinition('f.schema.json', schema, 'f.ui.json', { 'ui:order': ['name'], items: { items: { 'ui:order': ['no', 'nr'] } }, age: {} });
    // then
    expect(at(r)).toEqual([
      'error f.ui.json /ui:order UI_ORDER_INCOMPLETE',
      'error f.ui.json /items/items/ui:order/1 UI_ORDER_UNKNOWN',
      'warning f.ui.json /age UI_UNKNOWN_FIELD',
    ]);
  });

  it('requires draft-07, the dialect react-jsonschema-form uses', () => {
    // when
    const r = checkFormDefinition('f.schema.json', { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' }, undefined, undefined);
    // then
    expect(at(r)[0]).toBe('error f.schema.json /$schema FORM_DIALECT');
  });
});
