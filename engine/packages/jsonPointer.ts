/** RFC 6901 JSON pointers: '' is the whole document, '/a~1b/0' is key "a/b", then index 0. */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(...segments: Array<string | number>): string {
  return segments.map((s) => `/${escapePointer(s)}`).join('');
}

/** The value at a pointer, or undefined when any step is missing. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return undefined;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(key)) cur = cur[Number(key)];
    else if (cur !== null && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, key)) cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** Calls visit(value, pointer) for every object and array in a document, depth first. */
export function walkJson(doc: unknown, visit: (value: Record<string, unknown> | unknown[], pointer: string) => void, at = ''): void {
  if (doc === null || typeof doc !== 'object') return;
  visit(doc as Record<string, unknown> | unknown[], at);
  if (Array.isArray(doc)) doc.forEach((v, i) => walkJson(v, visit, `${at}/${i}`));
  else for (const [k, v] of Object.entries(doc)) walkJson(v, visit, `${at}/${escapePointer(k)}`);
}
