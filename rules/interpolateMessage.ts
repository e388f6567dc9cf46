/**
 * Fills {name} and {a.b.c} placeholders from a lookup; {name|默认} gives the text used when the
 * value is absent. Values are written for people: booleans as 是/否, lists joined with 、.
 */
export function interpolateMessage(template: string, lookup: (key: string) => unknown): string {
  return template.replace(/\{([A-Za-z_$][\w$]*(?:\.[\w$]+)*)(?:\|([^}]*))?\}/g, (_m, key: string, fallback: string | undefined) => {
    const text = render(lookup(key));
    return text === '' ? (fallback ?? '(无)') : text;
  });
}

function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(render).filter((s) => s !== '').join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
