import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPackages, loadPackage } from './loadPackage.ts';
import { EmbeddedEngine } from '../adapters/embedded/EmbeddedEngine.ts';
import { createDb } from '../store/createDb.ts';

const SOURCE = 'deployments/sichuan/2026-examiner-training';
const tmpDirs: string[] = [];
function copyPackage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-'));
  fs.cpSync(SOURCE, dir, { recursive: true });
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('policy package loader', () => {
  it('loads the SC26 package without problems, the engine validating its BPMN', async () => {
    // given
    const db = await createDb('sqlite::memory:');
    const engine = new EmbeddedEngine(db);
    // when
    const r = await loadPackage(SOURCE, {
      bpmnValidator: async (file, xml) => (await engine.validate([{ name: file, xml }])).map((p) => ({ file: p.file, pointer: `#${p.elementId}`, message: p.message, severity: 'error' as const, code: p.code })),
    });
    await db.close();
    // then
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.package!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(r.package!.ruleSets)).toEqual(['eligibility']);
  });

  it('reports every problem at once, each with its file and pointer, and is not ok', async () => {
    // given: bad JSON in the rules, a schema violation and a missing file in the manifest, a bad clause id
    const dir = copyPackage();
    fs.writeFileSync(path.join(dir, 'rules/eligibility.json'), '{ "id": "eligibility", ');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.year = 'twenty';
    manifest.forms[0].ui = 'forms/missing.ui.json';
    manifest.clauses[0].id = 'SC2601';
    manifest.clauses[1].implementedBy = ['process.bpmn#NoSuchElement'];
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    // when
    const r = await loadPackage(dir);
    // then
    expect(r.ok).toBe(false);
    const where = r.problems.map((p) => `${p.file} ${p.pointer ?? ''} ${p.code}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'rules/eligibility.json / JSON_SYNTAX',
        'manifest.json /year SCHEMA_TYPE',
        'manifest.json /forms/0/ui MISSING_FILE',
        'manifest.json /clauses/0/id SCHEMA_PATTERN',
        'manifest.json /clauses/1/implementedBy/0 TRACE_ELEMENT',
      ]),
    );
    for (const p of r.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names a version by its content: same files, same hash; one changed byte, a new hash', async () => {
    // given
    const a = copyPackage();
    const b = copyPackage();
    // when
    const ha = (await loadPackage(a)).package!.contentHash;
    const hb = (await loadPackage(b)).package!.contentHash;
    fs.appendFileSync(path.join(b, 'schedule.json'), ' ');
    const hc = (await loadPackage(b)).package!.contentHash;
    // then
    expect(ha).toBe(hb);
    expect(hc).not.toBe(ha);
  });

  it('discovers package folders under deployments/', async () => {
    // when
    const found = await discoverPackages('deployments');
    // then
    expect(found.map((d) => path.relative(path.resolve('deployments'), d))).toContain(path.join('sichuan', '2026-examiner-training'));
  });
});
