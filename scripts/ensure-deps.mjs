// Installs npm packages on a fresh clone so that `npm start` / `npm test` are the only commands needed.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const stamp = 'node_modules/.package-lock.json';
const stale = !existsSync(stamp) || statSync('package-lock.json').mtimeMs > statSync(stamp).mtimeMs;
if (stale) {
  console.log('[setup] 正在安装依赖 (npm ci)…');
  execSync('npm ci', { stdio: 'inherit' });
}
