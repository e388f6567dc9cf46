import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** A platform server as a real child process (`node --import tsx engine/main.ts`), to be killed and started again on one data directory. */
export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  log(): string;
  /** Resolves with the exit signal (or code) once the process is gone. */
  exited: Promise<string>;
  kill(): Promise<string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function spawnServer(opts: { dataDir: string; deploymentsDir: string; crashPoint?: string; /** Default: SQLite in dataDir. */ databaseUrl?: string; dataKey?: string; /** Overrides (ENGINE=operaton, OPERATON_URL, …). */ env?: Record<string, string> }): Promise<ServerProcess> {
  const port = await freePort();
  // `node --import tsx` keeps one process (the tsx CLI would put a wrapper in front), so SIGKILL hits the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: opts.dataDir,
      DEPLOYMENTS_DIR: opts.deploymentsDir,
      DATABASE_URL: opts.databaseUrl ?? `sqlite:${path.join(opts.dataDir, 'platform.sqlite')}`,
      ...(opts.dataKey ? { DATA_KEY: opts.dataKey } : {}),
      ENGINE: 'embedded',
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'true',
      JOB_POLL_MS: '20',
      TIMER_POLL_MS: '200',
      CRASH_POINT: opts.crashPoint ?? '',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    log: () => out,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Waits until the server answers its health check, or fails when it exits first. */
export async function waitUp(s: ServerProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let gone = false;
  void s.exited.then(() => (gone = true));
  while (Date.now() < until) {
    if (gone) throw new Error(`server exited before it was up:\n${s.log().slice(-3000)}`);
    try {
      if ((await fetch(`${s.baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not up after ${timeoutMs} ms:\n${s.log().slice(-3000)}`);
}

/** A signed-in HTTP client: Bearer token if the login returns one, else the session cookie with its CSRF token. */
export interface Client {
  json(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
  upload(url: string, kind: string, file: Buffer, name: string, type: string): Promise<{ status: number; body: any }>;
}

export async function signIn(s: ServerProcess, username: string, password = 'Demo@2026'): Promise<Client> {
  const res = await fetch(`${s.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await res.json()) as { token?: string; csrfToken?: string };
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const auth: Record<string, string> = body.token ? { authorization: `Bearer ${body.token}` } : { cookie, ...(body.csrfToken ? { 'x-csrf-token': body.csrfToken } : {}) };
  const parse = async (r: Response) => {
    const text = await r.text();
    try {
      return { status: r.status, body: text ? JSON.parse(text) : null };
    } catch {
      return { status: r.status, body: text };
    }
  };
  return {
    async json(method, url, payload) {
      const r = await fetch(`${s.baseUrl}${url}`, { method, headers: { ...auth, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, body: payload !== undefined ? JSON.stringify(payload) : undefined });
      return parse(r);
    },
    async upload(url, kind, file, name, type) {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', new Blob([new Uint8Array(file)], { type }), name);
      return parse(await fetch(`${s.baseUrl}${url}`, { method: 'POST', headers: auth, body: form }));
    },
  };
}

/** A real (decodable) 1×1 PNG, accepted for every attachment kind of the examiner form. */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))), chunk('IEND', Buffer.alloc(0))]);
}
