import { editorText } from '../rules/editorText.ts';

const tabs = editorText.tabs;

/** The tabs of a file that has a structured editor (the JSON view last), or null. */
export function structuredTabs(path: string): Array<{ key: string; label: string }> | null {
  if (/^rules\/[^/]+\.json$/.test(path)) return [{ key: 'rules', label: tabs.rules }, { key: 'trial', label: tabs.trial }, { key: 'json', label: tabs.json }];
  if (/^forms\/[^/]+\.schema\.json$/.test(path)) return [{ key: 'fields', label: tabs.fields }, { key: 'json', label: tabs.json }];
  if (path === 'schedule.json') return [{ key: 'schedule', label: tabs.schedule }, { key: 'json', label: tabs.json }];
  return null;
}
