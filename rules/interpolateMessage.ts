/**
 * Fills {name} and {a.b.c} placeholders from a lookup; {name|默认} gives the text used when the
 * value is absent. Values are written for people: booleans as 是/否, lists joined with 、.
 * A template is split into text and placeholders once (templates come from rule sets: a small set).
 */
export function interpolateMessage(template: string, lookup: (key: string) => unknown): string {
  const parts = compiled.get(template) ?? compile(template);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 3) {
    const text = render(lookup(parts[i] as string));
    out += (text === '' ? ((parts[i + 1] as string | undefined) ?? '(无)') : text) + (parts[i + 2] as string);
  }
  return out;
}

const PLACEHOLDER = /\{([A-Za-z_$][\w$]*(?:\.[\w$]+)*)(?:\|([^}]*))?\}/g;
/** [text, key, fallback, text, key, fallback, text, …] */
const compiled = new Map<string, Array<string | undefined>>();

function compile(template: string): Array<string | undefined> {
  const parts: Array<string | undefined> = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index), m[1], m[2]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  if (compiled.size > 10_000) compiled.clear();
  compiled.set(template, parts);
  return parts;
}

function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(render).filter((s) => s !== '').join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
