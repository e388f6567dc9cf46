import fc from 'fast-check';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { fillPath, operations, WRITE_METHODS, type OpenApiOperation } from '../support/openapiSamples.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { PDF } from '../support/uploadFixtures.ts';
import { bodyArbitrary, paramArbitrary, queryArbitrary, type FuzzRequest } from './fuzzArbitraries.ts';

/**
 * Property-based fuzzing of every operation in /api/openapi.json (a new endpoint is fuzzed without
 * touching this file): random and malformed bodies, path parameters and queries, signed in as each
 * role the endpoint is for and anonymously. Properties: never a 5xx; every error is
 * application/problem+json with a Chinese title; a refused request writes no row. Fixed seed and
 * bounded runs (FUZZ_SEED, FUZZ_RUNS to explore further).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260802);
const WRITE_RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const READ_RUNS = Math.max(5, Math.round(WRITE_RUNS / 4));
const PKG_DIR = 'sichuan/2026-examiner-training';

// The business tables a refused request must leave alone (the audit log may record a refusal, e.g. a failed sign-in).
const COUNTED_TABLES = [
  'accounts',
  'sessions',
  'organisations',
  'persons',
  'cards',
  'sanctions',
  'package_versions',
  'package_activations',
  'applications',
  'attachments',
  'process_start_queue',
  'tasks',
  'task_candidates',
  'engine_instances',
  'engine_jobs',
  'engine_incidents',
  'calendar_overrides',
  'calendar_published_years',
  'person_certificates',
  'person_titles',
  'exam_sittings',
  'evaluation_records',
];

// One signed-in account per role (the first demo account of each), plus anonymous.
const ROLE_ACCOUNTS: Record<string, string> = Object.fromEntries(
  [...new Set(DEMO_ACCOUNTS.map((a) => a.role))].map((role) => [role, DEMO_ACCOUNTS.find((a) => a.role === role)!.username]),
);
const ANONYMOUS = 'anonymous';

/** Lone surrogates replaced, so encodeURIComponent cannot throw on the client side. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
function safeEncode(s: string): string {
  return encodeURIComponent(wellFormed(s));
}

describe('fuzzing every endpoint of the OpenAPI document (fixed seed)', () => {
  let t: TestPlatform;
  let ops: OpenApiOperation[];
  const agents = new Map<string, request.Agent>();
  const known: Record<string, string[]> = {};
  let uploadKinds: string[] = [];

  const counts = async (): Promise<Record<string, number>> => {
    const existing = COUNTED_TABLES.filter((name) => tables.has(name));
    const row = (await t.platform.db.knex.raw(`select ${existing.map((name) => `(select count(*) from ${name}) as ${name}`).join(', ')}`)) as unknown;
    const first = (Array.isArray(row) ? (Array.isArray(row[0]) ? row[0][0] : row[0]) : row) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(first).map(([k, v]) => [k, Number(v)]));
  };
  let tables = new Set<string>();
  /** Row counts after the last request that was allowed to write (or after our own sign-ins). */
  let baseline: Record<string, number> = {};

  async function agentFor(role: string): Promise<request.Agent> {
    if (role === ANONYMOUS) return t.agent();
    let a = agents.get(role);
    if (!a) {
      a = await t.login(ROLE_ACCOUNTS[role]!);
      agents.set(role, a);
      baseline = await counts(); // our own sign-in wrote a session row

    }
    return a;
  }

  function send(agent: request.Agent, op: OpenApiOperation, r: FuzzRequest): request.Test {
    const pathValues: Record<string, string> = {};
    let url = op.path;
    for (const [name, p] of Object.entries(r.params)) {
      if (p.raw) url = url.replace(`{${name}}`, p.value);
      else pathValues[name] = wellFormed(p.value);
    }
    url = fillPath(url, pathValues);
    const qs = r.query.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join('&');
    const req = (agent as unknown as Record<string, (u: string) => request.Test>)[op.method]!(qs ? `${url}?${qs}` : url);
    const b = r.body;
    if (b.kind !== 'none' && r.gzipLie) req.set('Content-Encoding', 'gzip');
    if (b.kind === 'json') req.set('Content-Type', 'application/json').send(JSON.stringify(b.value) ?? 'null');
    else if (b.kind === 'raw') {
      if (b.contentType) req.set('Content-Type', b.contentType);
      req.send(b.text);
    } else if (b.kind === 'multipart') {
      for (const [k, v] of b.fields) req.field(k, v);
      if (b.file) req.attach(b.file.field, Buffer.from(b.file.bytes), { filename: b.file.name || 'x', contentType: 'application/octet-stream' });
    }
    return req;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    tables = new Set((await t.platform.db.knex.raw("select name from sqlite_master where type = 'table'")).map((r: { name: string }) => r.name));
    ops = operations((await t.agent().get('/api/openapi.json')).body);
    // Real ids too, so the fuzzer gets past "not found" into the services.
    const admin = await agentFor('admin');
    const hash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash as string;
    await admin.post(`/api/packages/${hash}/activate`).expect(200);
    const applicant = await agentFor('applicant');
    const draft = (await applicant.post('/api/applications').send({ packageHash: hash, data: { name: '张伟' } })).body.id as string;
    const attachment = (await applicant.post(`/api/applications/${draft}/attachments`).field('kind', 'idCardScan').attach('file', PDF, 'id.pdf')).body.id as string;
    const schema = (await admin.get(`/api/packages/${hash}`)).body;
    uploadKinds = ((schema?.forms?.application?.schema?.['x-attachments'] as Array<{ kind: string }> | undefined) ?? [{ kind: 'idCardScan' }, { kind: 'photo' }]).map((s) => s.kind);
    Object.assign(known, { id: [draft], attachmentId: [attachment], hash: [hash], key: ['1'], idNumber: [DEMO_ACCOUNTS[0]!.idNumber!], date: ['2026-10-01'], year: ['2026'], actionId: ['leave-request'] });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Runs the properties on the given operations; returns a list of failures (empty when all hold). */
  async function fuzz(selected: OpenApiOperation[], numRuns: number): Promise<string[]> {
    const failures: string[] = [];
    for (const role of Object.keys(ROLE_ACCOUNTS)) await agentFor(role);
    baseline = await counts();
    for (const [i, op] of selected.entries()) {
      const roles = [...(op['x-roles'] ?? (op.security?.length === 0 ? [] : ['applicant', 'admin', 'city_reviewer'])), ANONYMOUS];
      const params = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, paramArbitrary(p.schema, known[p.name] ?? [])]));
      const arb: fc.Arbitrary<FuzzRequest> = fc.record({
        agent: fc.constantFrom(...roles),
        params: fc.record(params),
        query: queryArbitrary(op),
        body: bodyArbitrary(op, uploadKinds),
        gzipLie: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, fc.constant(true)),
      });
      const result = await fc.check(
        fc.asyncProperty(arb, async (r) => {
          const agent = await agentFor(r.agent);
          const res = await send(agent, op, r);
          const label = `${op.method.toUpperCase()} ${op.path} → ${res.status}`;
          if (res.status >= 500) throw new Error(`${label}: ${res.text.slice(0, 300)}`);
          if (res.status >= 400) {
            if (!/application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`${label}: content-type ${res.headers['content-type']}`);
            const title = (res.body as { title?: unknown }).title;
            if (typeof title !== 'string' || !/[\u4e00-\u9fa5]/.test(title)) throw new Error(`${label}: no Chinese title (${res.text.slice(0, 200)})`);
            const after = await counts();
            const changed = Object.keys(after).filter((k) => after[k] !== baseline[k]);
            if (changed.length) {
              baseline = after;
              throw new Error(`${label}: refused but rows changed in ${changed.join(', ')}`);
            }
          } else {
            // Allowed to write: the new counts are the baseline. (A successful sign-out leaves that role's agent
            // signed out; it goes on as one more anonymous caller rather than sign in again against the throttle.)
            baseline = await counts();
          }
        }),
        { seed: SEED + i, numRuns, endOnFailure: true },
      );
      if (result.failed) failures.push(`${op.method.toUpperCase()} ${op.path} (seed ${SEED + i}): ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance)}\n  counterexample: ${fc.stringify(result.counterexample)}`);
    }
    return failures;
  }

  // Reads first, and sign-in and sign-out last: a sign-out or throttled failed sign-ins must not lock the other properties out.
  const sessionLast = (a: OpenApiOperation, b: OpenApiOperation) => Number(a.path.startsWith('/api/session')) - Number(b.path.startsWith('/api/session'));

  it('never answers a read with a 5xx, whatever its parameters and query', async () => {
    // given
    const reads = ops.filter((op) => !WRITE_METHODS.includes(op.method)).sort(sessionLast);
    // when
    const failures = await fuzz(reads, READ_RUNS);
    // then
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 120_000);

  it('never answers a write with a 5xx; errors are problem+json; a refused write stores nothing', async () => {
    // given
    const writes = ops.filter((op) => WRITE_METHODS.includes(op.method)).sort(sessionLast);
    expect(writes.length).toBeGreaterThan(15);
    // when
    const failures = await fuzz(writes, WRITE_RUNS);
    // then
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 120_000);
});
