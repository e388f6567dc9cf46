// Builds the browser app (designer/ → designer/dist) when it is missing or its sources changed, so
// `npm start` on a fresh clone serves the pages with nothing else done. The build is stamped with a
// hash of every input (sources, Vite config, lockfile); an unchanged hash skips the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const designer = path.join(root, 'designer');
const dist = path.join(designer, 'dist');
const stamp = path.join(dist, '.source-hash');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? (e.name === 'dist' || e.name === 'node_modules' ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)]));
}

export function sourceHash() {
  const h = createHash('sha256');
  for (const f of [...files(designer), path.join(root, 'package-lock.json')]) {
    h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

export function ensureApp({ quiet = false } = {}) {
  const hash = sourceHash();
  const built = existsSync(path.join(dist, 'index.html')) && existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  if (built === hash) {
    if (!quiet) console.log('[setup] 前端页面已是最新,跳过构建');
    return false;
  }
  console.log(`[setup] ${built ? '前端源码已变更' : '前端页面尚未构建'},正在构建 (vite build)…`);
  const started = Date.now();
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(designer, 'vite.config.ts')], { stdio: 'inherit', cwd: root });
  writeFileSync(stamp, hash + '\n');
  console.log(`[setup] 前端构建完成,用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureApp();
  } catch (err) {
    console.error('[setup] 前端构建失败', err?.message ?? err);
    process.exit(1);
  }
}

