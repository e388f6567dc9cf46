/**
 * Reads '$.a.b' (condition paths) or 'a.b' (predicate fields, message placeholders) from a value.
 * Only dotted property names, which is all the schema allows: no JSONPath filters, so a path
 * always yields one value or undefined.
 */
export function resolvePath(value: unknown, path: string): unknown {
  return readSegments(value, pathSegments(path));
}

/** The property names of a path ([] for '$' or ''), split once per distinct path. */
export function pathSegments(path: string): readonly string[] {
  let keys = segments.get(path);
  if (keys) return keys;
  const dotted = path.startsWith('$') ? path.slice(1).replace(/^\./, '') : path;
  keys = dotted === '' ? [] : dotted.split('.');
  // Paths come from rule sets and message templates: a small set. The bound only guards against misuse.
  if (segments.size > 10_000) segments.clear();
  segments.set(path, keys);
  return keys;
}

export function readSegments(value: unknown, keys: readonly string[]): unknown {
  let v: unknown = value;
  for (let i = 0; i < keys.length; i++) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, keys[i])) return undefined;
    v = (v as Record<string, unknown>)[keys[i]];
  }
  return v;
}

const segments = new Map<string, readonly string[]>();
