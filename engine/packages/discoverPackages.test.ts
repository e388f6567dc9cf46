import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverPackages } from './discoverPackages.ts';

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tree(files: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deployments-'));
  tmpDirs.push(root);
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '{}');
  }
  return root;
}

describe('discoverPackages', () => {
  it('finds every folder with a manifest.json, without looking inside a package', async () => {
    // given
    const root = tree([
      'sichuan/2026-examiner-training/manifest.json',
      'sichuan/2026-examiner-training/forms/x/manifest.json',
      'gansu/2024-level-plan/manifest.json',
      'gansu/README.md',
      '.trash/old/manifest.json',
      'empty/notes.txt',
    ]);
    // when
    const found = await discoverPackages(root);
    // then
    expect(found.map((d) => path.relative(root, d))).toEqual([path.join('gansu', '2024-level-plan'), path.join('sichuan', '2026-examiner-training')]);
  });

  it('returns nothing for a folder that does not exist', async () => {
    // then
    expect(await discoverPackages(path.join(os.tmpdir(), 'no-such-deployments-dir'))).toEqual([]);
  });

  it('finds the Sichuan package in deployments/', async () => {
    // when
    const found = await discoverPackages('deployments');
    // then
    expect(found).toContain(path.resolve('deployments/sichuan/2026-examiner-training'));
  });
});
