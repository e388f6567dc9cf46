import path from 'node:path';

/** Runtime configuration. The only module that reads process.env (see DESIGN.md). */
export interface Config {
  host: string;
  port: number;
  databaseUrl: string; // 'sqlite:./data/platform.sqlite' or 'mysql://user:pass@host:3306/db'
  dataDir: string;
  attachmentsDir: string;
  deploymentsDir: string;
  engineKind: 'embedded' | 'zeebe';
  loadDemoData: boolean;
  sessionTtlHours: number;
  maxUploadBytes: number;
  timerPollMs: number;
  jobPollMs: number;
  logLevel: 'silent' | 'info' | 'debug';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'platform.sqlite')}`,
    dataDir,
    attachmentsDir: path.resolve(env.ATTACHMENTS_DIR ?? path.join(dataDir, 'attachments')),
    deploymentsDir: path.resolve(env.DEPLOYMENTS_DIR ?? './deployments'),
    engineKind: (env.ENGINE ?? 'embedded') === 'zeebe' ? 'zeebe' : 'embedded',
    loadDemoData: (env.DEMO_DATA ?? 'true') !== 'false',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    timerPollMs: Number(env.TIMER_POLL_MS ?? 1000),
    jobPollMs: Number(env.JOB_POLL_MS ?? 200),
    logLevel: (env.LOG_LEVEL as Config['logLevel']) ?? 'info',
  };
}
