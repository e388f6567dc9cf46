import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { toProblem } from './problem.ts';

describe('toProblem for client errors of Express and its parsers', () => {
  it('maps a body that is not the gzip it claims to 400 with a Chinese title', () => {
    // given: the error body-parser passes on (http-errors 400 wrapping zlib's)
    let zlibError: Error & { status?: number } = new Error('x');
    try {
      zlib.gunzipSync(Buffer.from('not gzip'));
    } catch (e) {
      zlibError = Object.assign(e as Error, { status: 400, statusCode: 400, expose: true });
    }
    // when
    const p = toProblem(zlibError, '/api/x');
    // then
    expect(p.status).toBe(400);
    expect(p.title).toMatch(/压缩/);
  });

  it('maps a path that does not decode to 400, and an unknown error still to 500', () => {
    // given
    const uri = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 });
    // when / then
    expect(toProblem(uri, '/api/x')).toMatchObject({ status: 400, title: '请求路径编码无效' });
    expect(toProblem(new Error('boom'), '/api/x')).toMatchObject({ status: 500, title: '服务器内部错误' });
    expect(toProblem(Object.assign(new Error('odd'), { status: 503 }), '/api/x').status).toBe(500);
  });
});
