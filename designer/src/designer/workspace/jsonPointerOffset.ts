/**
 * Where a JSON pointer (`/rules/0/clause`) points in a JSON text: the offset of the value it names,
 * or, when that is missing (a required property left out), of the deepest parent that exists. Null
 * when the text is not JSON. A small scanner of our own, so a problem clicked puts the cursor there.
 */
export function jsonPointerOffset(text: string, pointer: string): number | null {
  const path = pointer === '' || pointer === '/' ? [] : pointer.replace(/^\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Skips one value; when `want` names the next segment inside it, returns that child's offset instead.
  const value = (depth: number): number | 'skipped' => {
    ws();
    const at = i;
    if (depth === path.length) {
      skip();
      return at;
    }
    const key = path[depth]!;
    if (text[i] === '{') {
      i++;
      ws();
      while (text[i] !== '}') {
        ws();
        const k = str();
        ws();
        i++; // colon
        if (k === key) {
          const found = value(depth + 1);
          return found === 'skipped' ? at : found;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      return at;
    }
    if (text[i] === '[') {
      i++;
      let n = 0;
      ws();
      while (text[i] !== ']') {
        if (String(n) === key) {
          const found = value(depth + 1);
          return found === 'skipped' ? at : found;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
        n++;
      }
      return at;
    }
    skip();
    return at;
  };
  const skip = () => skipValue();
  const skipValue = () => {
    ws();
    const c = text[i];
    if (c === '"') return void str();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      while (i < text.length && text[i] !== close) {
        if (c === '{') {
          str();
          ws();
          i++;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  try {
    JSON.parse(text);
    const r = value(0);
    return r === 'skipped' ? 0 : r;
  } catch {
    return null;
  }
}
