import { describe, expect, it } from 'vitest';
import { ensureExecutionPlatform } from './ensureExecutionPlatform.ts';

describe('ensureExecutionPlatform', () => {
  it('declares Camunda Cloud 8.6.0 on a file without it, in the tag\'s own style', () => {
    // given
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    id="D" targetNamespace="x">
  <bpmn:process id="p" />
</bpmn:definitions>`;
    // when
    const out = ensureExecutionPlatform(xml);
    // then
    expect(out).toBe(`<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    id="D" targetNamespace="x"
    xmlns:modeler="http://camunda.org/schema/modeler/1.0"
    modeler:executionPlatform="Camunda Cloud"
    modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="p" />
</bpmn:definitions>`);
  });

  it('updates an older version under the file\'s own prefix and is idempotent', () => {
    // given
    const xml = '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:m="http://camunda.org/schema/modeler/1.0" m:executionPlatform="Camunda Cloud" m:executionPlatformVersion="8.5.0"><process id="p"/></definitions>';
    // when
    const out = ensureExecutionPlatform(xml);
    // then
    expect(out).toBe(xml.replace('8.5.0', '8.6.0'));
    expect(ensureExecutionPlatform(out)).toBe(out);
  });

  it('says in Chinese when there is no definitions element', () => {
    // then
    expect(() => ensureExecutionPlatform('<x/>')).toThrow('BPMN 文件中没有 definitions 元素');
  });
});
