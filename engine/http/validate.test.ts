import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { assertShallow, MAX_BODY_DEPTH } from './validate.ts';

const nested = (depth: number) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('assertShallow', () => {
  it('accepts bodies up to the depth limit', () => {
    // given / when / then
    expect(() => assertShallow(nested(MAX_BODY_DEPTH))).not.toThrow();
    expect(() => assertShallow({ a: [1, { b: null }], c: 'x' })).not.toThrow();
    expect(() => assertShallow(null)).not.toThrow();
  });

  it('refuses a body one level deeper, and one 100,000 deep without overflowing the stack', () => {
    // given
    const deep = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    // when / then
    expect(() => assertShallow(nested(MAX_BODY_DEPTH + 1))).toThrow(ValidationError);
    expect(() => assertShallow(deep)).toThrow('请求体嵌套层级过深');
  });
});
