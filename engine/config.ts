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
  zeebe: {
    address: string;
    /** Plain-text gRPC for a local broker; a cluster with TLS sets ZEEBE_INSECURE=false (or OAuth). */
    usePlaintext: boolean;
    oAuth?: { url: string; audience: string; clientId: string; clientSecret: string };
  };
  loadDemoData: boolean;
  sessionTtlHours: number;
  maxUploadBytes: number;
  timerPollMs: number;
  jobPollMs: number;
  logLevel: 'silent' | 'info' | 'debug';
  /** Keys of personal data at rest (base64, 32 bytes): DATA_KEY seals, DATA_KEYS_PREVIOUS (comma-separated, oldest last) still read, DATA_HASH_KEY keys the look-up hash. */
  dataKeys: { current?: string; previous: string[]; hashKey?: string };
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
    zeebe: {
      address: env.ZEEBE_ADDRESS ?? '127.0.0.1:26500',
      usePlaintext: (env.ZEEBE_INSECURE ?? (env.ZEEBE_CLIENT_ID ? 'false' : 'true')) !== 'false',
      oAuth: env.ZEEBE_CLIENT_ID
        ? {
            url: env.ZEEBE_AUTHORIZATION_SERVER_URL ?? 'https://login.cloud.camunda.io/oauth/token',
            audience: env.ZEEBE_TOKEN_AUDIENCE ?? 'zeebe.camunda.io',
            clientId: env.ZEEBE_CLIENT_ID,
            clientSecret: env.ZEEBE_CLIENT_SECRET ?? '',
          }
        : undefined,
    },
    loadDemoData: (env.DEMO_DATA ?? 'true') !== 'false',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    timerPollMs: Number(env.TIMER_POLL_MS ?? 1000),
    jobPollMs: Number(env.JOB_POLL_MS ?? 200),
    logLevel: (env.LOG_LEVEL as Config['logLevel']) ?? 'info',
    dataKeys: {
      current: env.DATA_KEY || undefined,
      previous: (env.DATA_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
      hashKey: env.DATA_HASH_KEY || undefined,
    },
  };
}
