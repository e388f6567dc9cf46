import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { callerOf, ROLES, type MatrixRole } from './callers.ts';
import { given, Sessions, type Given } from './given.ts';
import { KNOWN_DIFFERENCES, matchesKnown } from './knownDifferences.ts';
import { MATRIX, type Block, type Expect, type Row } from './matrix.ts';
import { SAMPLE_PDF } from './sampleFiles.ts';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform.ts';

interface Outcome {
  order: number;
  endpoint: string;
  about: string;
  role: MatrixRole;
  scope: string;
  caller: string;
  expected: Expect;
  /** the status, or listed / unlisted for a 200 from a list */
  got: Expect;
  detail: string;
}

const isSuccess = (e: Expect) => typeof e === 'string' || e < 300;
const strict = process.env.MATRIX_STRICT === 'true';

describe('access matrix: every endpoint × role × scope against a running platform', () => {
  let t: TestPlatform;
  let sessions: Sessions;
  let fx: Given;

  beforeAll(async () => {
    t = await startTestPlatform();
    sessions = new Sessions(t);
    const started = Date.now();
    fx = await given(t, sessions);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** Sends one row's request as its caller; null when the answer is the expected one. */
  async function walkRow(block: Block, row: Row, order: number): Promise<Outcome | null> {
    const [role, scope, expected] = row;
    const username = callerOf(block.family, role, scope);
    const req = block.request(fx[block.family], username);
    const method = block.endpoint.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    const agent: request.Agent = !username || block.session === 'none' ? t.agent() : block.session === 'fresh' ? await t.login(username) : await sessions.as(username);
    let pending = agent[method](req.path);
    if (req.query) pending = pending.query(req.query);
    if (req.upload) pending = pending.field('kind', req.upload.kind).attach('file', SAMPLE_PDF, { filename: 'matrix.pdf', contentType: 'application/pdf' });
    else if (req.file) {
      for (const [k, v] of Object.entries(req.file.fields)) pending = pending.field(k, v);
      pending = pending.attach('file', req.file.content, { filename: req.file.filename, contentType: req.file.contentType });
    }
    else if (req.body !== undefined) pending = pending.send(req.body as object);
    const res = await pending;

    const got: Expect = res.status === 200 && typeof expected === 'string' && block.listed ? (block.listed(res.body, fx[block.family]) ? 'listed' : 'unlisted') : res.status;
    // Every refusal is a problem document, whatever its status.
    const problemJson = /application\/problem\+json/.test(String(res.headers['content-type'] ?? ''));
    const detail = res.status >= 400 ? `${typeof res.body?.title === 'string' ? res.body.title : ''}${problemJson ? '' : ' (not application/problem+json)'}` : '';
    if (got === expected && (res.status < 400 || problemJson)) return null;
    return { order, endpoint: block.endpoint, about: block.about, role, scope, caller: username ?? '(none)', expected, got, detail };
  }

  it('answers each row as the table says', async () => {
    // given: the rows, refusals of each block before its allowed rows, so a refused write that
    // changed anything breaks the allowed row after it
    const work = MATRIX.map((block, b) => ({ block, rows: [...block.rows.filter((r) => !isSuccess(r[2])), ...block.rows.filter((r) => isSuccess(r[2]))].map((row, i) => ({ row, order: b * 1000 + i })) }));
    const outcomes: Outcome[] = [];
    let walked = 0;
    // when: blocks are about distinct resources or only read, so a few run side by side (those
    // marked with the same `serial` key one after another)
    const units = new Map<string, typeof work>();
    work.forEach((w, i) => units.set(w.block.serial ?? `#${i}`, [...(units.get(w.block.serial ?? `#${i}`) ?? []), w]));
    const queue = [...units.values()];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let unit = queue.shift(); unit; unit = queue.shift()) {
          for (const w of unit) {
            for (const { row, order } of w.rows) {
              walked++;
              const o = await walkRow(w.block, row, order).catch((err: Error): Outcome => ({ order, endpoint: w.block.endpoint, about: w.block.about, role: row[0], scope: row[1], caller: '?', expected: row[2], got: -1, detail: `error: ${err.message}` }));
              if (o) outcomes.push(o);
            }
          }
        }
      }),
    );
    // grouped by endpoint, in the table's order
    const rank = new Map<string, number>();
    MATRIX.forEach((b, i) => rank.has(b.endpoint) || rank.set(b.endpoint, i));
    outcomes.sort((a, b) => rank.get(a.endpoint)! - rank.get(b.endpoint)! || a.order - b.order);

    // then: every row answers as the table says, apart from the differences still known (and only those)
    const known = strict ? [] : KNOWN_DIFFERENCES;
    const unexplained = outcomes.filter((o) => !known.some((k) => matchesKnown(k, o)));
    const stale = known.filter((k) => !outcomes.some((o) => matchesKnown(k, o)));
    expect(walked).toBe(MATRIX.reduce((n, b) => n + b.rows.length, 0));
    expect(unexplained.length, `${unexplained.length} of ${walked} rows differ from the access matrix${strict ? '' : ' (besides those in knownDifferences.ts)'}:\n${formatOutcomes(unexplained)}`).toBe(0);
    expect(stale.map((k) => `${k.endpoint} expected ${k.expected} got ${k.got} [${k.fixedBy}]`), 'known differences that no row shows any more: the fix has landed, delete them from knownDifferences.ts').toEqual([]);
  }, 120_000);

  it('has rows for every endpoint of the OpenAPI document, for every role and for anonymous callers', async () => {
    // given
    const doc = (await t.agent().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const inTable = new Set(MATRIX.filter((b) => !b.undocumented).map((b) => b.endpoint));
    // then: no endpoint without a decision on who may call it, and no rows for an endpoint that is gone
    expect(documented.filter((e) => !inTable.has(e)), 'endpoints in the OpenAPI document without rows in test/security/access-matrix/matrix.ts').toEqual([]);
    expect([...inTable].filter((e) => !documented.includes(e)), 'rows for endpoints the OpenAPI document does not have').toEqual([]);
    // then: each endpoint decides for each role and for anonymous callers
    const holes: string[] = [];
    for (const endpoint of new Set(MATRIX.map((b) => b.endpoint))) {
      const rows = MATRIX.filter((b) => b.endpoint === endpoint).flatMap((b) => b.rows);
      for (const role of [...ROLES, 'anonymous'] as const) if (!rows.some((r) => r[0] === role)) holes.push(`${endpoint}: ${role}`);
    }
    expect(holes, 'endpoints whose rows leave out a role').toEqual([]);
  });
});

/** Grouped by endpoint: role, scope, caller, expected, got, and what the rows are about. */
function formatOutcomes(outcomes: Outcome[]): string {
  const lines: string[] = [];
  let last = '';
  for (const o of outcomes) {
    if (o.endpoint !== last) lines.push('', o.endpoint);
    last = o.endpoint;
    lines.push(`  ${o.role.padEnd(17)} ${o.scope.padEnd(14)} ${o.caller.padEnd(22)} expected ${String(o.expected).padEnd(8)} got ${String(o.got).padEnd(8)} ${o.detail}   [${o.about}]`);
  }
  return lines.join('\n');
}
