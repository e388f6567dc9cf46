import type { Problem } from './packageTypes.ts';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * JSON.parse with a Chinese problem naming the file, line and column. A UTF-8 byte-order mark is
 * tolerated: policy staff edit these files with Windows editors that add one.
 */
export function parseJsonFile(file: string, raw: string): ParsedJson {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const detail = (err as Error).message;
    // V8 says "... in JSON at position 42" (sometimes with "(line 3 column 5)"); end of input has no position.
    const m = /position (\d+)/.exec(detail);
    const offset = m ? Number(m[1]) : text.length;
    const { line, column } = positionOf(text, offset);
    const what = offset >= text.trimEnd().length ? '内容不完整(意外结束)' : '附近有语法错误';
    return {
      ok: false,
      problem: {
        file,
        pointer: '',
        message: `${file} 不是合法的 JSON:第 ${line} 行第 ${column} 列${what}(${detail})`,
        severity: 'error',
        code: 'JSON_SYNTAX',
        line,
        column,
      },
    };
  }
}
