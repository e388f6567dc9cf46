// Builds the browser app (designer/ → designer/dist) when it is missing or its sources changed, so
// `npm start` on a fresh clone serves the pages with nothing else done. The build is stamped with a
// hash of every input (sources, Vite config, lockfile); an unchanged hash skips the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(self), '..');
const paths = (root) => {
  const designer = path.join(root, 'designer');
  const dist = path.join(designer, 'dist');
  return { designer, dist, stamp: path.join(dist, '.source-hash') };
};

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? (e.name === 'dist' || e.name === 'node_modules' ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)]));
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * The files outside designer/ the app's sources import by relative path, and what those import in
 * turn (the platform BPMN rules and their lists under engine/, bundled into the browser app).
 */
function importedFromOutside(root, sources) {
  const designer = paths(root).designer;
  const found = new Set();
  const queue = sources.filter((f) => /\.(ts|tsx|mts|js|mjs)$/.test(f));
  while (queue.length) {
    const file = queue.pop();
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), m[1]);
      if (target.startsWith(designer + path.sep) || found.has(target) || !existsSync(target)) continue;
      found.add(target);
      if (/\.(ts|tsx|mts|js|mjs)$/.test(target)) queue.push(target);
    }
  }
  return [...found].sort();
}

/** Hash over every input of the build: the app's sources and config, what they import from outside designer/, the lockfile, this script. */
export function sourceHash(root = repoRoot) {
  const h = createHash('sha256');
  // forms/ is imported by the app (the same formats and Chinese messages as the server).
  const forms = path.join(root, 'forms');
  const sources = [...files(paths(root).designer), ...(existsSync(forms) ? files(forms) : [])];
  const outside = importedFromOutside(root, sources).filter((f) => !sources.includes(f));
  for (const f of [...sources, ...outside, path.join(root, 'package-lock.json'), path.join(root, 'scripts/ensure-app.mjs')].filter(existsSync)) {
    h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

/** The stamped hash of the current build, or null when there is no build. */
export function builtHash(root = repoRoot) {
  const { dist, stamp } = paths(root);
  return existsSync(path.join(dist, 'index.html')) && existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
}

export function ensureApp({ quiet = false, root = repoRoot } = {}) {
  const { designer, stamp } = paths(root);
  const hash = sourceHash(root);
  const built = builtHash(root);
  if (built === hash) {
    if (!quiet) console.log('[setup] 前端页面已是最新,跳过构建');
    return false;
  }
  console.log(`[setup] ${built ? '前端源码已变更' : '前端页面尚未构建'},正在构建 (vite build)…`);
  const started = Date.now();
  // Always the production build: a NODE_ENV inherited from a test runner would bundle React's dev build.
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(designer, 'vite.config.ts')], { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'production' } });
  writeFileSync(stamp, hash + '\n');
  console.log(`[setup] 前端构建完成,用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  try {
    ensureApp();
  } catch (err) {
    console.error('[setup] 前端构建失败', err?.message ?? err);
    process.exit(1);
  }
}

