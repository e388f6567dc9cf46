// Open-loop load generator, run as its own process (node bench/loadGen.mjs '<json>'): sends POST
// requests at a constant arrival rate whatever the server's answers, and measures each latency from
// the moment the request was due to be sent, so a server that stalls is charged for the requests
// that queued behind the stall (no coordinated omission). node:http with a keep-alive agent.
import http from 'node:http';

const spec = JSON.parse(process.argv[2]);
const { origin, paths, rate, headers = {}, timeoutMs = 30_000, maxSockets = 512 } = spec;
const agent = new http.Agent({ keepAlive: true, maxSockets });
const url = new URL(origin);
const results = new Array(paths.length);
let finished = 0;

function send(i, due) {
  const req = http.request(
    { host: url.hostname, port: url.port, method: 'POST', path: paths[i], agent, headers: { 'content-type': 'application/json', 'content-length': 2, ...headers }, timeout: timeoutMs },
    (res) => {
      res.resume();
      res.on('end', () => done(i, due, res.statusCode, res.headers['retry-after']));
    },
  );
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => done(i, due, 0));
  req.end('{}');
}

function done(i, due, status, retryAfter) {
  if (results[i]) return;
  results[i] = { status, ms: performance.now() - due, retryAfter: retryAfter ?? null };
  if (++finished === paths.length) report();
}

function report() {
  const byStatus = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const ok = results.map((r, i) => [r, i]).filter(([r]) => r.status >= 200 && r.status < 300);
  const lat = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.max(0, Math.ceil((p / 100) * lat.length) - 1))];
  const span = (performance.now() - start) / 1000;
  process.stdout.write(
    JSON.stringify({ offered: paths.length, rate, seconds: span, byStatus, accepted: ok.map(([, i]) => i), acceptedPerSecond: ok.length / (paths.length / rate), p50: pct(50), p99: pct(99), max: lat[lat.length - 1], retryAfterSeen: results.some((r) => r.retryAfter) }) + '\n',
  );
  agent.destroy();
  process.exit(0);
}

// Constant arrival rate: request i is due at start + i/rate; a 1 ms tick sends everything that is due.
const start = performance.now() + 50;
let next = 0;
const tick = setInterval(() => {
  const now = performance.now();
  while (next < paths.length && start + (next * 1000) / rate <= now) {
    send(next, start + (next * 1000) / rate);
    next++;
  }
  if (next >= paths.length) clearInterval(tick);
}, 1);
