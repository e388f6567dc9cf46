import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { packageSchema, schemaProblems } from './packageSchemas.ts';

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('packageSchema', () => {
  it('compiles the loader schemas strictly, and the rule set schema from rules/', async () => {
    // then
    for (const kind of ['manifest', 'schedule', 'scenario'] as const) expect((await packageSchema(kind)).ok).toBe(true);
    const ruleSet = await packageSchema('ruleSet');
    expect(ruleSet.ok || ruleSet.reason).toBe(true);
  });

  it('loads a schema lazily: missing now, usable once written, recompiled when edited', async () => {
    // given: the rule set schema is written by another team, maybe after we start
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    tmpDirs.push(dir);
    const file = path.join(dir, 'ruleSet.schema.json');
    const url = pathToFileURL(file);
    // when / then
    expect(await packageSchema('ruleSet', url)).toMatchObject({ ok: false, reason: 'missing' });
    fs.writeFileSync(file, JSON.stringify({ type: 'object', required: ['id'] }));
    const first = await packageSchema('ruleSet', url);
    expect(first.ok && first.validate({})).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ type: 'object' }));
    const second = await packageSchema('ruleSet', url);
    expect(second.ok && second.validate({})).toBe(true);
    fs.writeFileSync(file, JSON.stringify({ type: 'object', properties: { id: { type: 'sting' } } }));
    expect(await packageSchema('ruleSet', url)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('schemaProblems', () => {
  it('turns ajv errors into Chinese problems pointing at the value, or at the missing property', async () => {
    // given
    const lookup = await packageSchema('schedule');
    if (!lookup.ok) throw new Error('schedule schema');
    // when
    lookup.validate({ timezone: 'UTC', windows: [{ id: 'w', kind: 'class', title: '培训班', raw: '3月', clause: 'SC2605', provenance: 'verbatim', extra: 1 }] });
    const problems = schemaProblems('schedule.json', lookup.validate.errors);
    // then
    expect(problems.map((p) => `${p.pointer} ${p.code}`)).toEqual([
      '/timezone SCHEMA_CONST',
      '/windows/0/extra SCHEMA_ADDITIONAL_PROPERTIES',
      '/windows/0/clause SCHEMA_PATTERN',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      '/timezone 应为 "Asia/Shanghai"',
      '/windows/0 不允许的属性「extra」',
      '/windows/0/clause 条款编号格式不正确,应形如 SC26-01',
    ]);
    expect(problems.every((p) => p.file === 'schedule.json' && p.severity === 'error')).toBe(true);
  });
});
