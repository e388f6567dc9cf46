import path from 'node:path';

/** Runtime configuration. The only module that reads process.env (see DESIGN.md). */
export interface Config {
  host: string;
  port: number;
  databaseUrl: string; // 'sqlite:./data/platform.sqlite' or 'mysql://user:pass@host:3306/db'
  dataDir: string;
  attachmentsDir: string;
  deploymentsDir: string;
  engineKind: 'embedded' | 'zeebe' | 'operaton';
  /** ENGINE=operaton: the nodes of an Operaton cluster (one database), each URL without /engine-rest; any node serves any call. */
  operaton: {
    urls: string[];
    user: string;
    password: string;
    /** Tests and try-outs: the nodes' clocks follow the platform's (the engine app's test clock). */
    syncNodeClock?: boolean;
    /** OPERATON_HOLD_LEASE_MS: a user-task job's first lock, after which another platform process gets it if this one died (30 s). */
    holdLeaseMs?: number;
  };
  zeebe: {
    address: string;
    /** Plain-text gRPC for a local broker; a cluster with TLS sets ZEEBE_INSECURE=false (or OAuth). */
    usePlaintext: boolean;
    oAuth?: { url: string; audience: string; clientId: string; clientSecret: string };
  };
  loadDemoData: boolean;
  sessionTtlHours: number;
  /** A session unused this long ends before its absolute expiry. */
  sessionIdleMinutes: number;
  /** `Secure` session cookies: on whenever the platform is reached over TLS. */
  cookieSecure: boolean;
  /** Express `trust proxy`: behind a reverse proxy the client address (throttled per address) comes from X-Forwarded-For. */
  trustProxy: boolean | number | string;
  maxUploadBytes: number;
  /** Where an upload waits while it is checked; nothing stays there after the request. */
  uploadTmpDir: string;
  quotas: Quotas;
  timerPollMs: number;
  /** How often the registry's scheduled jobs are looked at (a job is due on a date, so a minute is plenty). */
  scheduledJobPollMs: number;
  jobPollMs: number;
  /**
   * Process starts, job workers, timers and scheduled jobs run in this many worker processes of their
   * own (engine/wiring/workerProcesses.ts), so the HTTP event loop only admits and answers. 0 runs them
   * in the HTTP process (what the test platforms do).
   */
  workerProcesses: number;
  /** Admission control: requests under way beyond this many, or an event loop this late (ms), are answered 503 with Retry-After. */
  admission: { maxInFlight: number; maxLagMs: number };
  logLevel: 'silent' | 'info' | 'debug';
  /** Kill-test hook: crash points (engine/reliability/crashPoint.ts) at which the process kills itself. */
  crashPoints: string[];
  /** Keys of personal data at rest (base64, 32 bytes): DATA_KEY seals, DATA_KEYS_PREVIOUS (comma-separated, oldest last) still read, DATA_HASH_KEY keys the look-up hash. */
  dataKeys: { current?: string; previous: string[]; hashKey?: string };
}

/** Limits per applicant and application, so one account cannot fill the database or the disk. */
export interface Quotas {
  /** Size of a draft's form data as stored (JSON, bytes). */
  maxDraftDataBytes: number;
  /** Drafts (not yet submitted) one applicant may hold at once. */
  maxDraftsPerApplicant: number;
  /** Files of one attachment kind on one application. */
  maxAttachmentsPerKind: number;
  /** Files in total on one application. */
  maxAttachmentsPerApplication: number;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
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
    engineKind: engineKind(env.ENGINE),
    operaton: {
      urls: (env.OPERATON_URL ?? '').split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean),
      user: env.OPERATON_USER ?? 'platform',
      password: env.OPERATON_PASSWORD ?? '',
      ...(env.OPERATON_HOLD_LEASE_MS ? { holdLeaseMs: Number(env.OPERATON_HOLD_LEASE_MS) } : {}),
    },
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
    // Demo accounts have a published password: only on the embedded default store, or when asked for explicitly.
    loadDemoData: env.DEMO_DATA !== undefined ? env.DEMO_DATA === 'true' : (env.DATABASE_URL ?? 'sqlite:').startsWith('sqlite:'),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    uploadTmpDir: path.resolve(env.UPLOAD_TMP_DIR ?? path.join(dataDir, 'upload-tmp')),
    quotas: {
      maxDraftDataBytes: positiveInt(env.MAX_DRAFT_DATA_BYTES, 256 * 1024, 'MAX_DRAFT_DATA_BYTES'),
      maxDraftsPerApplicant: positiveInt(env.MAX_DRAFTS_PER_APPLICANT, 20, 'MAX_DRAFTS_PER_APPLICANT'),
      maxAttachmentsPerKind: positiveInt(env.MAX_ATTACHMENTS_PER_KIND, 10, 'MAX_ATTACHMENTS_PER_KIND'),
      maxAttachmentsPerApplication: positiveInt(env.MAX_ATTACHMENTS_PER_APPLICATION, 50, 'MAX_ATTACHMENTS_PER_APPLICATION'),
    },
    timerPollMs: Number(env.TIMER_POLL_MS ?? 1000),
    scheduledJobPollMs: Number(env.SCHEDULED_JOB_POLL_MS ?? 60_000),
    jobPollMs: Number(env.JOB_POLL_MS ?? 200),
    workerProcesses: env.WORKER_PROCESSES === '0' ? 0 : positiveInt(env.WORKER_PROCESSES, 1, 'WORKER_PROCESSES'),
    admission: {
      maxInFlight: positiveInt(env.MAX_IN_FLIGHT_REQUESTS, 256, 'MAX_IN_FLIGHT_REQUESTS'),
      maxLagMs: positiveInt(env.MAX_EVENT_LOOP_LAG_MS, 2000, 'MAX_EVENT_LOOP_LAG_MS'),
    },
    logLevel: (env.LOG_LEVEL as Config['logLevel']) ?? 'info',
    crashPoints: (env.CRASH_POINT ?? '').split(',').map((x) => x.trim()).filter(Boolean),
    dataKeys: {
      current: env.DATA_KEY || undefined,
      previous: (env.DATA_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
      hashKey: env.DATA_HASH_KEY || undefined,
    },
  };
}

function engineKind(v: string | undefined): Config['engineKind'] {
  if (v === 'zeebe' || v === 'operaton') return v;
  return 'embedded';
}

function parseTrustProxy(v: string | undefined): boolean | number | string {
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v; // a hop count, or addresses/subnets as Express takes them
}
