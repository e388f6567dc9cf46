import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadConfig, type Config } from '../../engine/config.ts';
import { createPlatform, type Platform } from '../../engine/createPlatform.ts';
import { OffsetClock } from '../../engine/services/time/clock.ts';

export interface TestPlatform {
  platform: Platform;
  clock: OffsetClock;
  config: Config;
  agent(): request.Agent;
  login(username: string, password?: string): Promise<request.Agent>;
  /** Stops the platform and starts a new one on the same database and files (a server restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real platform (store, embedded engine, workers, HTTP app) on a temp SQLite file or a MySQL URL. */
export async function startTestPlatform(
  opts: { databaseUrl?: string; engine?: 'embedded' | 'zeebe' | 'operaton'; config?: Partial<Config>; /** An existing data folder (e.g. a restored backup); removed on close. */ dataDir?: string } = {},
): Promise<TestPlatform> {
  const dir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'platform-test-'));
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: opts.databaseUrl ?? `sqlite:${path.join(dir, 'platform.sqlite')}`,
    dataDir: dir,
    attachmentsDir: path.join(dir, 'attachments'),
    uploadTmpDir: path.join(dir, 'upload-tmp'),
    deploymentsDir: path.resolve('deployments'),
    timerPollMs: 50,
    scheduledJobPollMs: 50,
    jobPollMs: 20,
    loadDemoData: true,
    maxUploadBytes: 1024 * 1024,
    engineKind: opts.engine ?? 'embedded',
    // MySQL needs a configured key; a SQLite file generates its own into the data directory.
    dataKeys: opts.databaseUrl?.startsWith('mysql:') ? { current: randomBytes(32).toString('base64'), previous: [] } : { previous: [] },
    ...opts.config,
  };
  const clock = new OffsetClock();
  const quiet = (msg: string, err?: unknown) => {
    if (process.env.TEST_LOG) console.error('[platform]', msg, err ?? '');
  };
  let platform = await createPlatform(config, { clock, log: quiet });
  await platform.start();
  const t: TestPlatform = {
    get platform() {
      return platform;
    },
    clock,
    config,
    agent: () => request.agent(platform.app),
    async login(username: string, password = 'Demo@2026') {
      const agent = request.agent(platform.app);
      const res = await agent.post('/api/session').send({ username, password });
      if (res.status !== 201) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      // As the browser does: the session cookie rides along by itself, the CSRF token is sent on every request.
      agent.set('X-CSRF-Token', res.body.csrfToken);
      return agent;
    },
    async restart() {
      await platform.stop();
      platform = await createPlatform(config, { clock, log: quiet });
      await platform.start();
    },
    async close() {
      await platform.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}
