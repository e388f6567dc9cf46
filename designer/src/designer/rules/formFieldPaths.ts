import { fieldKey } from './ruleQuery.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The builder fields an application form offers (`application|$.a.b`), with their titles: every
 * property, nested objects included; an array is one field (its items are read by someItem / noItem).
 */
export function formFieldPaths(schema: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, path: string[], titles: string[]) => {
    if (!isObject(node) || !isObject(node.properties)) return;
    for (const [k, p] of Object.entries(node.properties)) {
      const title = isObject(p) && typeof p.title === 'string' ? p.title : k;
      const at = [...path, k];
      out.set(fieldKey('application', `$.${at.join('.')}`), [...titles, title].join(' › '));
      if (isObject(p) && p.type === 'object') walk(p, at, [...titles, title]);
    }
  };
  walk(schema, [], []);
  return out;
}
