#!/usr/bin/env node
// Builds and runs the Operaton engine application (engine/adapters/operaton/engine-app) as one or two
// nodes on loopback, sharing one database of their own, without Docker:
//   node scripts/operaton.mjs start [--nodes 1|2] [--db mariadb|postgres] [--fresh]
//   node scripts/operaton.mjs stop [--node N]      (without --node: every node)
//   node scripts/operaton.mjs env                  (shell exports the tests read: OPERATON_URL, …)
// OPERATON_BASE_PORT, OPERATON_DB_NAME and OPERATON_STATE_DIR run a second cluster beside the first (the failover test).
// The jar is built once with Maven (its cache in ~/.m2) and rebuilt only when pom.xml or src/ change.
// The REST API of every node needs basic auth; the password is generated at the first start and kept
// in .cache/operaton/state.json. With CI=true a node that does not come up fails the run.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const APP = path.resolve('engine/adapters/operaton/engine-app');
const JAR = path.join(APP, 'target', 'operaton-engine-app.jar');
const ROOT = path.resolve(process.env.OPERATON_STATE_DIR ?? '.cache/operaton');
const STATE = path.join(ROOT, 'state.json');
const BASE_PORT = Number(process.env.OPERATON_BASE_PORT ?? 18080);
const DB_NAME = process.env.OPERATON_DB_NAME ?? 'operaton_test';
const CI = process.env.CI === 'true';

const log = (msg) => console.log(`[operaton] ${msg}`);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE, 'utf8'));
  } catch {
    return { nodes: [] };
  }
}
function writeState(state) {
  fs.mkdirSync(ROOT, { recursive: true });
  fs.writeFileSync(STATE, JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** Hash of what the jar is built from, so an unchanged application is not rebuilt. */
function sourceHash() {
  const h = createHash('sha256');
  const walk = (p) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) walk(f);
      else h.update(path.relative(APP, f)).update(fs.readFileSync(f));
    }
  };
  h.update(fs.readFileSync(path.join(APP, 'pom.xml')));
  walk(path.join(APP, 'src'));
  return h.digest('hex');
}

function build() {
  const hash = sourceHash();
  const stamp = path.join(APP, 'target', '.source-hash');
  if (fs.existsSync(JAR) && fs.existsSync(path.join(APP, 'target', 'db-create')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) {
    log('engine application unchanged, not rebuilding');
    return;
  }
  const started = Date.now();
  log('building the engine application with Maven (first build downloads about 100 MB into ~/.m2)');
  execFileSync('mvn', ['-B', '-q', '-DskipTests', 'package'], { cwd: APP, stdio: 'inherit' });
  fs.writeFileSync(stamp, hash);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The engine's create scripts in the order its own schema creation runs them (DbSqlSession.dbSchemaCreate). */
const SCHEMA_PARTS = ['engine', 'history', 'identity', 'case.engine', 'case.history', 'decision.engine', 'decision.history'];

function createDatabase(db, fresh) {
  if (db === 'mariadb') {
    const mariadb = (sql, database) => execFileSync('mariadb', ['-uroot', '-h127.0.0.1', '-P3306', '-N', ...(database ? [database] : []), ...(sql ? ['-e', sql] : [])], { encoding: 'utf8' }).trim();
    mariadb(`${fresh ? `DROP DATABASE IF EXISTS ${DB_NAME}; ` : ''}CREATE DATABASE IF NOT EXISTS ${DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    const present = mariadb(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '${DB_NAME}' AND table_name = 'ACT_RU_EXECUTION'`) === '1';
    if (!present) createSchema('mariadb', (file) => execFileSync('mariadb', ['-uroot', '-h127.0.0.1', '-P3306', DB_NAME], { input: fs.readFileSync(file) }));
    // Without nullDatabaseMeansCurrent the schema check sees the tables of another database on the server and creates none.
    return { url: `jdbc:mariadb://127.0.0.1:3306/${DB_NAME}?nullDatabaseMeansCurrent=true`, user: 'root', password: '' };
  }
  const psql = (sql, database) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', ...(database ? ['-d', database] : []), '-tAc', sql], { encoding: 'utf8' }).trim();
  if (fresh) psql(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  if (psql(`SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'`) !== '1') psql(`CREATE DATABASE ${DB_NAME}`);
  if (psql(`SELECT to_regclass('act_ru_execution') IS NOT NULL`, DB_NAME) !== 't') {
    createSchema('postgres', (file) => execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', DB_NAME, '-q', '-v', 'ON_ERROR_STOP=1', '-f', file]));
  }
  return { url: `jdbc:postgresql://127.0.0.1:5432/${DB_NAME}`, user: 'postgres', password: process.env.PGPASSWORD ?? '' };
}

/**
 * A database without the engine's tables gets them from the engine's own create scripts (unpacked beside the jar
 * by the Maven build) before any node starts, so all nodes start at once; left to the nodes (schema-update), the
 * first would have to create it alone before the next may start — each node start costs 7-10 s on a small machine.
 */
function createSchema(db, run) {
  const started = Date.now();
  for (const part of SCHEMA_PARTS) run(path.join(APP, 'target', 'db-create', `activiti.${db}.create.${part}.sql`));
  log(`engine schema created in ${DB_NAME} (${Date.now() - started} ms)`);
}

async function isReady(node, password) {
  try {
    const res = await fetch(`${node.url}/engine-rest/engine`, { headers: { authorization: `Basic ${Buffer.from(`platform:${password}`).toString('base64')}` }, signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function start() {
  const nodes = Number(arg('nodes', '1'));
  const db = arg('db', 'mariadb');
  if (![1, 2].includes(nodes) || !['mariadb', 'postgres'].includes(db)) {
    console.error('usage: node scripts/operaton.mjs start [--nodes 1|2] [--db mariadb|postgres] [--fresh]');
    process.exit(2);
  }
  const state = readState();
  const running = state.nodes.filter((n) => alive(n.pid));
  if (running.length) await stop();
  build();
  const password = state.password ?? randomBytes(18).toString('base64url');
  const conn = createDatabase(db, flag('fresh'));
  fs.mkdirSync(ROOT, { recursive: true });
  const started = Date.now();
  const list = [];
  for (let i = 1; i <= nodes; i++) {
    const port = BASE_PORT + i - 1;
    const logFile = path.join(ROOT, `node${i}.log`);
    const out = fs.openSync(logFile, 'w');
    const child = spawn('java', ['-Xms128m', '-Xmx384m', '-XX:TieredStopAtLevel=1', '-jar', JAR], {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        OPERATON_DB_URL: conn.url,
        OPERATON_DB_USER: conn.user,
        OPERATON_DB_PASSWORD: conn.password,
        OPERATON_PORT: String(port),
        OPERATON_BIND: '127.0.0.1',
        OPERATON_REST_USER: 'platform',
        OPERATON_REST_PASSWORD: password,
        OPERATON_TEST_CLOCK: process.env.OPERATON_TEST_CLOCK ?? 'true',
        // The job executor's lock owner (ACT_RU_JOB.LOCK_OWNER_): which node holds a job.
        OPERATON_NODE_NAME: `node${i}@127.0.0.1:${port}`,
      },
    });
    child.unref();
    list.push({ node: i, pid: child.pid, port, url: `http://127.0.0.1:${port}`, log: logFile });
  }
  writeState({ password, db, nodes: list });
  await waitReady(list, password, started);
  log(`${list.length} node(s) ready in ${Math.round((Date.now() - started) / 1000)} s: ${list.map((n) => n.url).join(', ')}`);
}

async function waitReady(list, password, started) {
  const timeoutMs = Number(process.env.OPERATON_START_TIMEOUT_MS ?? 240_000);
  let lastReport = 0;
  for (;;) {
    const states = await Promise.all(list.map((n) => isReady(n, password)));
    if (states.every(Boolean)) return;
    const dead = list.filter((n) => !alive(n.pid));
    const elapsed = Date.now() - started;
    if (dead.length || elapsed > timeoutMs) {
      for (const n of dead.length ? dead : list.filter((_, i) => !states[i])) {
        log(`node ${n.node} did not come up (${dead.includes(n) ? 'exited' : 'timed out'}); last lines of ${n.log}:`);
        console.log(fs.readFileSync(n.log, 'utf8').split('\n').slice(-30).join('\n'));
      }
      if (CI) process.exit(1);
      log('not in CI: leaving it there (the Operaton runs of the tests will be skipped)');
      process.exit(0);
    }
    if (elapsed - lastReport >= 10_000) {
      lastReport = elapsed;
      log(`waiting for ${list.filter((_, i) => !states[i]).map((n) => `node ${n.node}`).join(', ')} (${Math.round(elapsed / 1000)} s)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop() {
  const state = readState();
  const only = arg('node', undefined);
  const targets = state.nodes.filter((n) => !only || String(n.node) === only);
  // All at once: each node's shutdown waits for its job executor and connections, not for the others.
  await Promise.all(
    targets.map(async (n) => {
      if (!alive(n.pid)) return;
      process.kill(n.pid, 'SIGTERM');
      for (let i = 0; i < 150 && alive(n.pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
      log(`node ${n.node} (pid ${n.pid}) stopped`);
    }),
  );
}

function env() {
  const state = readState();
  if (!state.nodes.length) process.exit(1);
  console.log(`export OPERATON_URL='${state.nodes.map((n) => n.url).join(',')}'`);
  console.log(`export OPERATON_USER='platform'`);
  console.log(`export OPERATON_PASSWORD='${state.password}'`);
}

const cmd = process.argv[2];
if (cmd === 'start') await start();
else if (cmd === 'stop') await stop();
else if (cmd === 'env') env();
else {
  console.error('usage: node scripts/operaton.mjs start [--nodes 1|2] [--db mariadb|postgres] [--fresh] | stop [--node N] | env');
  process.exit(2);
}
