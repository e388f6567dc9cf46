import { describe, expect, it } from 'vitest';
import { translate, translateMisses } from './translate.ts';

describe('modeler translate', () => {
  it('answers in Chinese from bpmn-js-i18n-zh and our table, filling placeholders', () => {
    expect(translate('Append task')).toBe('添加任务');
    expect(translate('Task definition')).toBe('任务定义');
    expect(translate('Job worker')).toBe('作业处理程序');
    expect(translate('Open {element}', { element: 'Task_1' })).toBe('打开 Task_1');
  });
  it('composes the panel header type of events, interrupting or not', () => {
    expect(translate('Timer Boundary Event (Non Interrupting)')).toBe('定时边界事件(非中断)');
    expect(translate('Message Start Event')).toBe('消息开始事件');
    expect(translate('End Event')).toBe('结束事件');
  });
  it('records what it could not translate and returns the English', () => {
    translateMisses.clear();
    expect(translate('Some brand new label')).toBe('Some brand new label');
    expect([...translateMisses]).toEqual(['Some brand new label']);
  });
  it('takes text that is Chinese already, naming a code, as no miss (task template labels and choices)', () => {
    translateMisses.clear();
    expect(translate('判定用的申报信息(FEEL)')).toBe('判定用的申报信息(FEEL)');
    expect(translate('2026年四川省考评员培训申报资格(eligibility)')).toBe('2026年四川省考评员培训申报资格(eligibility)');
    expect([...translateMisses]).toEqual([]);
  });
  it('has the element-template strings in Chinese', () => {
    expect(translate('Unlink')).toBe('解除关联');
    expect(translate('Template')).toBe('任务类型(模板)');
    expect(translate('{label} must not be empty.', { label: '规则集' })).toBe('规则集不能为空。');
  });
});
