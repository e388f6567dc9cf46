import fc from 'fast-check';
import type { JsonSchema, OpenApiOperation } from '../support/openapiSamples.ts';

/** One generated HTTP request against an operation of the OpenAPI document. */
export interface FuzzRequest {
  agent: string;
  /** Path parameter values; `raw` ones are put in the URL without encoding (malformed escapes). */
  params: Record<string, { value: string; raw: boolean }>;
  query: Array<[string, string]>;
  body: FuzzBody;
  gzipLie: boolean;
}

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; text: string }
  | { kind: 'multipart'; fields: Array<[string, string]>; file: { field: string; name: string; bytes: Uint8Array } | null };

const NASTY_STRINGS = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%',
  '%00',
  '\u0000',
  '\r\nSet-Cookie: x=1',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '𠮷'.repeat(40),
  'x'.repeat(5000),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '18446744073709551616',
  '__proto__',
  'constructor',
];

const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** Values shaped by a JSON schema, often right, sometimes just wrong (type, range, pattern, extra keys). */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString);
  if (!schema || depth > 4) return wrong;
  if (schema.const !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, wrong);
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, wrong);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, depth + 1)), wrong);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (!props.length) return fc.oneof(fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }), wrong);
      const record = fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)])), { requiredKeys: [] });
      const withExtra = fc.tuple(record, fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a }));
      return fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: withExtra }, { weight: 1, arbitrary: wrong });
    }
    case 'array':
      return fc.oneof({ weight: 3, arbitrary: fc.array(fromSchema(schema.items as JsonSchema | undefined, depth + 1), { maxLength: 4 }) }, wrong);
    case 'string': {
      const right = schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 64, 64) });
      return fc.oneof({ weight: 3, arbitrary: right }, { weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: wrong });
    }
    case 'integer':
    case 'number': {
      const min = (schema.minimum ?? -1000) - 2;
      const max = (schema.maximum ?? 1000) + 2;
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, fc.double(), wrong);
    }
    case 'boolean':
      return fc.oneof({ weight: 3, arbitrary: fc.boolean() }, wrong);
    default:
      return fc.oneof(fc.jsonValue({ maxDepth: 3 }), wrong);
  }
}

const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=zz', 'application/json; charset=latin9', ''];
const MALFORMED_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', '"\\u12"', '{"__proto__":{"polluted":true}}', '{"a":1,"a":2}', '\u0000', '[' .repeat(5000), '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)];

/** Request bodies: shaped by the schema, random JSON, malformed text under various content types, none. */
export function bodyArbitrary(op: OpenApiOperation, uploadKinds: string[]): fc.Arbitrary<FuzzBody> {
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const multipart = op.requestBody?.content['multipart/form-data']?.schema;
  const raw = fc.record({ kind: fc.constant('raw' as const), contentType: fc.constantFrom(...CONTENT_TYPES), text: fc.oneof(fc.constantFrom(...MALFORMED_JSON), fc.string({ maxLength: 200 })) });
  const json = fc.record({ kind: fc.constant('json' as const), value: fc.oneof({ weight: 4, arbitrary: fromSchema(jsonSchema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) }) });
  const none = fc.constant({ kind: 'none' as const });
  if (multipart) {
    const file = fc.option(
      fc.record({
        field: fc.oneof({ weight: 4, arbitrary: fc.constant('file') }, nastyString.filter((s) => /^[A-Za-z0-9_-]{1,20}$/.test(s))),
        name: fc.oneof(fc.constantFrom('a.pdf', 'a.png', 'a.jpg', '', '..\\..\\x.pdf'), fc.string({ maxLength: 30 }).map((s) => s.replace(/["\r\n]/g, ''))),
        bytes: fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.constant(new TextEncoder().encode('%PDF-1.4\n<html></html>')), fc.constant(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x3c, 0x73, 0x76, 0x67]))),
      }),
      { freq: 4 },
    );
    const fields = fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constant('kind') }, fc.constantFrom('evil', 'file', '__proto__')), fc.oneof(fc.constantFrom(...uploadKinds), nastyString.map((s) => s.replace(/[\r\n]/g, '')))), { maxLength: 3 });
    return fc.oneof({ weight: 4, arbitrary: fc.record({ kind: fc.constant('multipart' as const), fields, file }) }, raw, json, none);
  }
  if (jsonSchema) return fc.oneof({ weight: 4, arbitrary: json }, { weight: 2, arbitrary: raw }, { weight: 1, arbitrary: none });
  return fc.oneof({ weight: 3, arbitrary: none }, json, raw);
}

/** Path parameter values: valid-shaped (pattern, uuid, ids that exist), nasty, or malformed escapes. */
export function paramArbitrary(schema: JsonSchema, known: string[]): fc.Arbitrary<{ value: string; raw: boolean }> {
  const shaped = schema.format === 'uuid' ? fc.uuid() : schema.pattern ? fc.stringMatching(new RegExp(schema.pattern)) : schema.type === 'integer' ? fc.integer({ min: -10, max: 3000 }).map(String) : fc.string({ minLength: 1, maxLength: 20 });
  const encoded = fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 2, arbitrary: nastyString.filter((s) => s.length > 0) }, ...(known.length ? [{ weight: 2, arbitrary: fc.constantFrom(...known) }] : [])).map((value) => ({ value, raw: false }));
  const raw = fc.constantFrom('%E0%A4%A', '%', '%zz', '..', '%2e%2e', '%00').map((value) => ({ value, raw: true }));
  return fc.oneof({ weight: 6, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

/** Query strings: the declared parameters with shaped or nasty values, repeated keys, unknown keys. */
export function queryArbitrary(op: OpenApiOperation): fc.Arbitrary<Array<[string, string]>> {
  const declared = op.parameters.filter((p) => p.in === 'query');
  const pair = fc.oneof(
    ...declared.map((p) => fc.tuple(fc.constant(p.name), fromSchema(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')))),
    fc.tuple(nastyString.filter((s) => s.length > 0), nastyString),
  );
  return fc.array(pair, { maxLength: 4 });
}
