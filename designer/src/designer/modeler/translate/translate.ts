import bpmnJs from 'bpmn-js-i18n-zh/lib/bpmn-js/index.js';
import propertiesPanel from 'bpmn-js-i18n-zh/lib/properties-panel/index.js';
import zeebePanel from 'bpmn-js-i18n-zh/lib/zeebe-properties-panel/index.js';
import { zhEventKinds, zhEvents, zhModelerExtra } from './zhModelerExtra.ts';
import { zhElementTemplates } from './zhElementTemplates.ts';

/** bpmn-js-i18n-zh's tables, then ours: what it lacks and where its wording does not fit the platform. */
export const zhModeler: Record<string, string> = { ...bpmnJs, ...propertiesPanel, ...zeebePanel, ...zhModelerExtra, ...zhElementTemplates };

/**
 * English templates the table had no entry for, in the order first asked (the browser test reads them).
 * Text that is Chinese already (a task template's labels and choices, which may name a code) is no miss.
 */
export const translateMisses = new Set<string>();

declare global {
  interface Window {
    __designerTranslateMisses?: Set<string>;
  }
}
if (typeof window !== 'undefined') window.__designerTranslateMisses = translateMisses;

/** diagram-js's translate signature: the template looked up in Chinese, `{name}` placeholders filled. */
export function translate(template: string, replacements?: Record<string, unknown>): string {
  const zh = zhModeler[template] ?? eventLabel(template);
  if (zh === undefined && template.trim() && /[A-Za-z]/.test(template) && !/[\u4e00-\u9fff]/.test(template)) translateMisses.add(template);
  const text = zh ?? template;
  if (!replacements) return text;
  return text.replace(/{([^}]+)}/g, (all, key: string) => {
    const v = replacements[key];
    return v === undefined || v === null ? all : String(v);
  });
}

function eventLabel(template: string): string | undefined {
  const m = /^(?:(\w+) )?(Start Event|End Event|Intermediate Throw Event|Intermediate Catch Event|Boundary Event)( \(Non Interrupting\))?$/.exec(template);
  if (!m) return undefined;
  const kind = m[1] ? zhEventKinds[m[1]] : '';
  if (kind === undefined) return undefined;
  return `${kind}${zhEvents[m[2]!]}${m[3] ? '(非中断)' : ''}`;
}
