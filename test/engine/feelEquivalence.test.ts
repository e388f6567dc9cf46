import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFeel } from '../../engine/bpmn/feel.ts';
import { OPERATON_URLS, operatonAuth } from './operatonTarget.ts';

// Every FEEL expression of every package, on sample inputs taken from the package's scenarios, gives the
// same result under feelin (embedded engine, deploy validation) and feel-scala (Operaton, through a node's
// test-only /platform-test/feel endpoint). Runs where the Operaton runs do; skipped loudly otherwise.
const ROOT = 'deployments';
const packages = readdirSync(ROOT).flatMap((region) => readdirSync(path.join(ROOT, region)).map((p) => path.join(ROOT, region, p)));

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** FEEL text in attributes (="=…") and element bodies (>=…<) of a BPMN file. */
function expressionsOf(xml: string): string[] {
  const found = new Set<string>();
  for (const m of xml.matchAll(/="(=[^"]*)"/g)) found.add(unescape(m[1]!));
  for (const m of xml.matchAll(/>\s*(=[^<]+)</g)) found.add(unescape(m[1]!.trim()));
  return [...found];
}

type Scenario = { given?: { application?: Record<string, unknown> }; when?: Array<{ data?: Record<string, unknown>; decision?: string }> };
/** What an instance of the package sees: the application's fields, the data its steps added, a decision. */
function samplesOf(dir: string): Array<Record<string, unknown>> {
  const scenarios = existsSync(path.join(dir, 'scenarios')) ? readdirSync(path.join(dir, 'scenarios')).filter((f) => f.endsWith('.json')) : [];
  const out: Array<Record<string, unknown>> = [{}];
  for (const f of scenarios) {
    const s = JSON.parse(readFileSync(path.join(dir, 'scenarios', f), 'utf8')) as Scenario;
    const app = s.given?.application ?? {};
    let vars: Record<string, unknown> = { ...app, application: app };
    for (const step of s.when ?? []) {
      vars = { ...vars, ...(step.data ?? {}), ...(step.decision ? { decision: step.decision } : {}) };
      out.push(vars);
    }
  }
  return out.slice(0, 40);
}

const normal = (v: unknown): unknown => {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { toISO?: () => string }).toISO === 'function') return (v as { toISO: () => string }).toISO();
  const plain = JSON.parse(JSON.stringify(v ?? null)) as unknown;
  // Contexts compare by their entries: feel-scala's keep no key order.
  const sorted = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sorted) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])])) : x;
  return sorted(plain);
};

/** feel-scala's results on a node, one request for many (the endpoint takes an array), each a result or an error. */
async function feelScala(items: Array<{ expression: string; context: Record<string, unknown> }>): Promise<Array<{ result?: unknown; error?: string }>> {
  const res = await fetch(`${OPERATON_URLS[0]}/platform-test/feel`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${operatonAuth.user}:${operatonAuth.password}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  if (!res.ok) throw new Error(`feel endpoint: ${res.status} ${await res.text()}`);
  return (await res.json()) as Array<{ result?: unknown; error?: string }>;
}

// vitest.config.ts runs this file only when OPERATON_URL is set; run by hand without nodes, it says so.
if (!OPERATON_URLS.length) throw new Error('OPERATON_URL is not set: start the nodes (node scripts/operaton.mjs start --nodes 2) and eval "$(node scripts/operaton.mjs env)"');

describe('FEEL: feelin and feel-scala agree on every package expression', () => {
  it.each(packages)('%s', async (dir) => {
    // given every expression of the package's BPMN files and sample inputs from its scenarios
    const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn'));
    const expressions = files.flatMap((f) => expressionsOf(readFileSync(path.join(dir, f), 'utf8')));
    const samples = samplesOf(dir);
    // when each is evaluated under both
    const differences: string[] = [];
    const pairs = expressions.flatMap((expression) => samples.map((context) => ({ expression, context })));
    const scala = await feelScala(pairs);
    for (const [i, { expression: expr, context: ctx }] of pairs.entries()) {
      let a: unknown;
      try {
        a = normal(evaluateFeel(expr, ctx));
      } catch {
        a = null;
      }
      // feel-scala answering with an error (not a null) is a difference in itself.
      if (scala[i]!.error) {
        differences.push(`${expr} on ${JSON.stringify(ctx).slice(0, 120)}: feel-scala error ${scala[i]!.error}`);
        continue;
      }
      const b = normal(scala[i]!.result ?? null);
      const same = JSON.stringify(a) === JSON.stringify(b) || (typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b) && !Number.isNaN(Date.parse(a)));
      if (!same) differences.push(`${expr} on ${JSON.stringify(ctx).slice(0, 120)}: feelin ${JSON.stringify(a)}, feel-scala ${JSON.stringify(b)}`);
    }
    // then they agree
    expect(expressions.length).toBeGreaterThan(0);
    expect(differences.slice(0, 20)).toEqual([]);
  }, 120_000);
});
