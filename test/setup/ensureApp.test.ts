import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtHash, ensureApp, sourceHash } from '../../scripts/ensure-app.mjs';

describe('npm start builds the browser app only when missing or stale (scripts/ensure-app.mjs)', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const fresh = () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-app-'));
    write('designer/src/main.tsx', 'export const a = 1;\n');
    write('designer/index.html', '<div id="root"></div>\n');
    write('package-lock.json', '{}\n');
  };
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('changes the source hash when a source or the lockfile changes, and ignores the build output', () => {
    // given a checkout and its hash
    fresh();
    const before = sourceHash(root);
    // when only the build output changes, then the hash stays
    write('designer/dist/assets/x.js', 'built');
    expect(sourceHash(root)).toBe(before);
    // when a source changes, then the hash changes
    write('designer/src/main.tsx', 'export const a = 2;\n');
    const afterSource = sourceHash(root);
    expect(afterSource).not.toBe(before);
    // when the lockfile changes (other package versions), then it changes again
    write('package-lock.json', '{"lockfileVersion":3}\n');
    expect(sourceHash(root)).not.toBe(afterSource);
  });

  it('changes the source hash when a file outside designer/ that the app imports changes (the shared lint rules)', () => {
    // given an app source importing a rule file of engine/, which imports a list of its own
    fresh();
    write('designer/src/main.tsx', "import { rules } from '../../engine/lint/rules.ts';\nexport const a = rules;\n");
    write('engine/lint/rules.ts', "import { list } from './list.ts';\nexport const rules = list;\n");
    write('engine/lint/list.ts', 'export const list = [1];\n');
    write('engine/server.ts', 'export const notBundled = 1;\n');
    const before = sourceHash(root);
    // when a file the app does not import changes, then the hash stays
    write('engine/server.ts', 'export const notBundled = 2;\n');
    expect(sourceHash(root)).toBe(before);
    // when the imported list changes, then the hash changes
    write('engine/lint/list.ts', 'export const list = [1, 2];\n');
    expect(sourceHash(root)).not.toBe(before);
  });

  it('skips the build when the stamped build matches the sources, and sees a missing build', () => {
    // given no build at all
    fresh();
    expect(builtHash(root)).toBeNull();
    // when a build stamped with the current hash exists
    write('designer/dist/index.html', '<!doctype html>');
    write('designer/dist/.source-hash', sourceHash(root) + '\n');
    // then nothing is built
    expect(ensureApp({ root, quiet: true })).toBe(false);
    // and a build whose page is gone counts as missing
    fs.rmSync(path.join(root, 'designer/dist/index.html'));
    expect(builtHash(root)).toBeNull();
  });
});
