/**
 * Reads '$.a.b' (condition paths) or 'a.b' (predicate fields, message placeholders) from a value.
 * Only dotted property names, which is all the schema allows: no JSONPath filters, so a path
 * always yields one value or undefined.
 */
export function resolvePath(value: unknown, path: string): unknown {
  const dotted = path.startsWith('$') ? path.slice(1).replace(/^\./, '') : path;
  if (dotted === '') return value;
  let v: unknown = value;
  for (const key of dotted.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
