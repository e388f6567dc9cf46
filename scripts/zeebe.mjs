#!/usr/bin/env node
// Starts and stops a Zeebe broker that the operator has installed, without Docker:
//   ZEEBE_HOME=/opt/camunda-zeebe-8.6.0 node scripts/zeebe.mjs start | stop | status
// The project does not download the broker: its distribution is under the vendor's own licence
// (Camunda License 1.0), not an open-source one, and this workplace marks it not-to-use. Whoever has
// accepted that licence unpacks a release and points ZEEBE_HOME at it; the script runs it as a
// standalone broker with its embedded gateway on 127.0.0.1 with a JDK 21+ found under /usr/lib/jvm,
// with a controllable clock (ZEEBE_CLOCK_CONTROLLED) for timer tests.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = process.env.ZEEBE_VERSION ?? '8.6.0';
const ROOT = path.resolve('.cache/zeebe');
const HOME = process.env.ZEEBE_HOME ? path.resolve(process.env.ZEEBE_HOME) : path.join(ROOT, `camunda-zeebe-${VERSION}`);
const DATA = path.join(ROOT, 'data');
const PIDFILE = path.join(ROOT, 'broker.pid');
const LOG = path.join(ROOT, 'broker.log');
const GATEWAY_PORT = Number(process.env.ZEEBE_GATEWAY_PORT ?? 26500);
const MONITOR_PORT = 9600; // the broker's management port (actuator: health, clock)

function log(msg) {
  console.log(`[zeebe] ${msg}`);
}

function findJdk() {
  const candidates = [process.env.ZEEBE_JAVA_HOME, ...(fs.existsSync('/usr/lib/jvm') ? fs.readdirSync('/usr/lib/jvm').map((d) => path.join('/usr/lib/jvm', d)) : [])].filter(Boolean);
  for (const home of candidates) {
    const bin = path.join(home, 'bin', 'java');
    if (!fs.existsSync(bin)) continue;
    let major = 0;
    try {
      major = javaVersion(bin);
    } catch {
      continue;
    }
    if (major >= 21) return { home, major };
  }
  return null;
}

/** `java -version` prints on stderr; read it through the shell. */
function javaVersion(bin) {
  const out = execFileSync('sh', ['-c', `"${bin}" -version 2>&1`], { encoding: 'utf8' });
  return Number(/version "(\d+)/.exec(out)?.[1] ?? 0);
}

function ensureDistribution() {
  if (fs.existsSync(path.join(HOME, 'bin', 'broker'))) return;
  log(`no Zeebe distribution at ${HOME}: set ZEEBE_HOME to an unpacked release you are licensed to run (the project does not download it)`);
  process.exit(2);
}

async function ready(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${MONITOR_PORT}/actuator/health/readiness`);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

function runningPid() {
  if (!fs.existsSync(PIDFILE)) return null;
  const pid = Number(fs.readFileSync(PIDFILE, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function start() {
  if (runningPid() && (await ready(2000))) {
    log('broker already running');
    return;
  }
  ensureDistribution();
  const jdk = findJdk();
  if (!jdk) throw new Error('no JDK 21 or later found under /usr/lib/jvm (Zeebe 8.6 needs Java 21+); set ZEEBE_JAVA_HOME');
  if (process.env.ZEEBE_CLEAN !== 'false') fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  log(`starting Zeebe ${VERSION} with Java ${jdk.major} (${jdk.home}) on 127.0.0.1:${GATEWAY_PORT}`);
  const out = fs.openSync(LOG, 'a');
  const child = spawn(path.join(HOME, 'bin', 'broker'), [], {
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      JAVA_HOME: jdk.home,
      // Only the broker's own defaults: the distribution's application.yaml configures Elasticsearch.
      SPRING_CONFIG_LOCATION: 'classpath:/',
      ZEEBE_BROKER_NETWORK_HOST: '127.0.0.1',
      ZEEBE_BROKER_GATEWAY_ENABLE: 'true',
      ZEEBE_BROKER_GATEWAY_NETWORK_PORT: String(GATEWAY_PORT),
      ZEEBE_BROKER_DATA_DIRECTORY: DATA,
      ZEEBE_BROKER_THREADS_CPUTHREADCOUNT: '1',
      ZEEBE_BROKER_THREADS_IOTHREADCOUNT: '1',
      ZEEBE_CLOCK_CONTROLLED: 'true',
      JAVA_OPTS: process.env.ZEEBE_JAVA_OPTS ?? '-Xmx768m',
    },
  });
  child.unref();
  fs.writeFileSync(PIDFILE, String(child.pid));
  if (!(await ready(Number(process.env.ZEEBE_START_TIMEOUT_MS ?? 180_000)))) {
    throw new Error(`Zeebe broker did not become ready; see ${LOG}`);
  }
  log('broker ready');
}

async function stop() {
  const pid = runningPid();
  if (!pid) {
    log('broker not running');
    return;
  }
  process.kill(-pid, 'SIGTERM');
  for (let i = 0; i < 60 && runningPid(); i++) await new Promise((r) => setTimeout(r, 500));
  if (runningPid()) process.kill(-pid, 'SIGKILL');
  fs.rmSync(PIDFILE, { force: true });
  log('broker stopped');
}

const cmd = process.argv[2];
try {
  if (cmd === 'start') await start();
  else if (cmd === 'stop') await stop();
  else if (cmd === 'status') log((await ready(1000)) ? 'ready' : 'not ready');
  else {
    console.log('usage: node scripts/zeebe.mjs start|stop|status');
    process.exit(2);
  }
} catch (err) {
  console.error(`[zeebe] ${err.message}`);
  process.exit(1);
}
