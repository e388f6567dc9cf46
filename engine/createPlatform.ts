import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import type { Config } from './config.ts';
import { createDb, type Db } from './store/createDb.ts';
import { loadKeyring, maskInText } from './services/privacy/index.ts';
import { EmbeddedEngine } from './adapters/embedded/EmbeddedEngine.ts';
import { ZeebeEngine } from './adapters/zeebe/ZeebeEngine.ts';
import { OperatonEngine } from './adapters/operaton/OperatonEngine.ts';
import type { ProcessEngine } from './port/ProcessEngine.ts';
import { buildRouter } from './http/buildRouter.ts';
import { buildOpenApi } from './http/openapi.ts';
import { serveApp } from './http/serveApp.ts';
import { problemHandler, sendProblem, toProblem } from './http/problem.ts';
import type { RouteDef } from './http/route.ts';
import { authRoutes, SESSION_COOKIE, sessionToken } from './http/routes/authRoutes.ts';
import { csrfGuard } from './http/csrf.ts';
import { admissionControl } from './http/admissionControl.ts';
import { packageRoutes } from './http/routes/packageRoutes.ts';
import { draftRoutes } from './http/routes/draftRoutes.ts';
import { draftRuleRoutes } from './http/routes/draftRuleRoutes.ts';
import { draftTaskTemplateRoutes } from './http/routes/draftTaskTemplateRoutes.ts';
import { tryoutRoutes } from './http/routes/tryoutRoutes.ts';
import { applicationRoutes } from './http/routes/applicationRoutes.ts';
import { inboxRoutes } from './http/routes/inboxRoutes.ts';
import { adminRoutes } from './http/routes/adminRoutes.ts';
import { instanceRoutes } from './http/routes/instanceRoutes.ts';
import { InstanceQueries } from './services/instances/InstanceQueries.ts';
import { InstanceMigrationService } from './services/instances/InstanceMigrationService.ts';
import { registryRoutes } from './http/routes/registryRoutes.ts';
import { organisationAdminRoutes } from './http/routes/organisationAdminRoutes.ts';
import { NotFoundError } from './errors.ts';
import { AccountService, csrfTokenMatches } from './services/accounts/AccountService.ts';
import { RegistryService } from './services/registry/RegistryService.ts';
import { AuditLog } from './services/audit/AuditLog.ts';
import { AuditReadService } from './services/audit/AuditReadService.ts';
import { AttachmentStorage } from './services/attachments/AttachmentStorage.ts';
import { inspectUpload } from './services/attachments/inspectUpload.ts';
import { seedDemoData } from './services/demo/demoData.ts';
import { InboxService } from './services/inbox/InboxService.ts';
import { TaskQueries } from './services/inbox/TaskQueries.ts';
import { ReviewerTaskService } from './services/inbox/ReviewerTaskService.ts';
import { PackageService } from './services/packages/PackageService.ts';
import { DraftService } from './services/drafts/DraftService.ts';
import { DraftRuleTrialService } from './services/drafts/DraftRuleTrialService.ts';
import { DraftTaskTemplateService } from './services/drafts/DraftTaskTemplateService.ts';
import { ApplicationService } from './services/applications/ApplicationService.ts';
import { ProcessStartDispatcher } from './services/applications/ProcessStartDispatcher.ts';
import { OperationsService } from './services/operations/OperationsService.ts';
import { IncidentRegions } from './services/operations/IncidentRegions.ts';
import { AuditActors } from './services/audit/AuditActors.ts';
import { AccountAdminService } from './services/accounts/AccountAdminService.ts';
import { accountAdminRoutes } from './http/routes/accountAdminRoutes.ts';
import { AuditChainVerifier } from './services/audit/AuditChainVerifier.ts';
import { ReplayService } from './services/replay/ReplayService.ts';
import { PersonRegistryService } from './services/registry/PersonRegistryService.ts';
import { CalendarService } from './services/calendar/CalendarService.ts';
import { calendarRoutes } from './http/routes/calendarRoutes.ts';
import { planAndPenaltyRoutes } from './http/routes/planAndPenaltyRoutes.ts';
import { PlanPublicationService } from './services/schedules/PlanPublicationService.ts';
import { UnitPenaltyService } from './services/registry/UnitPenaltyService.ts';
import { PublicNoticeService } from './services/registry/PublicNoticeService.ts';
import { reviewRoutes } from './http/routes/reviewRoutes.ts';
import { ReviewApplicationService } from './services/review/ReviewApplicationService.ts';
import { ScheduleService } from './services/schedules/ScheduleService.ts';
import { systemClock, type Clock } from './services/time/clock.ts';
import { TryoutService } from './services/tryout/TryoutService.ts';
import { ScheduledJobService } from './services/scheduledJobs/ScheduledJobService.ts';
import { NotificationService } from './services/notifications/NotificationService.ts';
import { OrganisationAdminService } from './services/registry/OrganisationAdminService.ts';
import { CaseRequestService } from './services/cases/CaseRequestService.ts';
import { caseRoutes } from './http/routes/caseRoutes.ts';
import { OrganisationImportService } from './services/registry/OrganisationImportService.ts';
import { notificationRoutes } from './http/routes/notificationRoutes.ts';
import { validateScenario } from './services/tryout/validateScenario.ts';
import { registerWorkers } from './workers/registerWorkers.ts';
import { formRuntime } from './wiring/formRuntime.ts';
import { packageLoader } from './wiring/packageLoader.ts';
import { rulesWiring } from './wiring/rulesWiring.ts';
import { armCrashPoints } from './reliability/crashPoint.ts';

export interface Platform {
  app: Express;
  db: Db;
  engine: ProcessEngine;
  config: Config;
  clock: Clock;
  services: {
    accounts: AccountService;
    registry: RegistryService;
    audit: AuditLog;
    packages: PackageService;
    drafts: DraftService;
    applications: ApplicationService;
    inbox: InboxService;
    dispatcher: ProcessStartDispatcher;
    replay: ReplayService;
    calendar: CalendarService;
    schedules: ScheduleService;
    persons: PersonRegistryService;
    tryouts: TryoutService;
    scheduledJobs: ScheduledJobService;
    instanceQueries: InstanceQueries;
    instanceMigrations: InstanceMigrationService;
    cases: CaseRequestService;
  };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformOverrides {
  clock?: Clock;
  log?: (msg: string, err?: unknown) => void;
  /**
   * 'all' (default, the test platforms): HTTP, process starts, job workers, timers and scheduled jobs
   * in this process. 'http': admits and answers only; the rest runs in worker processes
   * (wiring/workerProcesses.ts), which `kickStarts` wakes after a submission. A worker: the rest,
   * its share of the start queue being the rows whose id is `worker` modulo `of`.
   */
  mode?: 'all' | 'http' | { worker: number; of: number };
  kickStarts?: () => void;
}

const VERSION = '0.1.0';

/** The composition root: the one place that builds and wires every component. */
export async function createPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const clock = overrides.clock ?? systemClock;
  const mode = overrides.mode ?? 'all';
  const worker = typeof mode === 'object' ? mode : null;
  armCrashPoints(config.crashPoints ?? []);
  // Log lines never carry an ID or mobile number in clear.
  const log = overrides.log ?? ((msg: string, err?: unknown) => console.error(`[platform] ${maskInText(msg)}`, err instanceof Error ? maskInText(err.stack ?? err.message) : (err ?? '')));
  const db = await createDb(config.databaseUrl, { keyring: loadKeyring(config, (m) => log(m)) });
  const now = () => clock.now();

  const engine: ProcessEngine =
    config.engineKind === 'zeebe'
      ? new ZeebeEngine(db, { gatewayAddress: config.zeebe.address, usePlaintext: config.zeebe.usePlaintext, oAuth: config.zeebe.oAuth, log: (m) => log(m) })
      : config.engineKind === 'operaton'
        ? new OperatonEngine(db, { ...config.operaton, now, jobPollMs: config.jobPollMs, log: (m) => log(m) })
        : new EmbeddedEngine(db, { now, timerPollMs: config.timerPollMs, jobPollMs: config.jobPollMs, log: (m) => log(m) });
  const audit = new AuditLog(db, now);
  const accounts = new AccountService(db, { sessionTtlHours: config.sessionTtlHours, sessionIdleMinutes: config.sessionIdleMinutes, audit }, now);
  const registry = new RegistryService(db, now);
  const storage = new AttachmentStorage({ root: config.attachmentsDir });
  const inbox = new InboxService(db, engine, audit, now, {
    formOf: async (hash, formKey) => {
      const form = (await packages.version(hash)).forms[formKey];
      return form ? { schema: form.schema, title: form.title ?? formKey } : null;
    },
    validate: (schema, data) => formRuntime.validate(schema, data),
    defaultCandidateGroups: async (hash) => (await packages.version(hash)).manifest.defaultCandidateGroups ?? [],
  });
  const packages = new PackageService(db, engine, audit, packageLoader, config.deploymentsDir, now);
  const drafts = new DraftService(db, packages, audit, now);
  let dispatcher: ProcessStartDispatcher | undefined;
  const calendar = new CalendarService(db, audit);
  const schedules = new ScheduleService(packages, calendar, now);
  const taskQueries = new TaskQueries(db, calendar, now);
  const applications = new ApplicationService({
    db,
    engine,
    packages,
    inbox,
    audit,
    forms: formRuntime,
    registry,
    storage,
    inspect: inspectUpload,
    maxUploadBytes: config.maxUploadBytes,
    quotas: config.quotas,
    now,
    onSubmitted: () => (mode === 'http' ? overrides.kickStarts?.() : dispatcher?.kick()),
    registrationGate: { assertRegistrationOpen: (hash, on, data) => schedules.assertRegistrationOpen(hash, on, data) },
    openSteps: (applicationId) => taskQueries.openSteps(applicationId),
  });
  dispatcher = new ProcessStartDispatcher(
    db,
    engine,
    audit,
    async (hash, processId) => (await packages.version(hash)).processKeys[processId],
    (applicationId, key, trx) => applications.markStarted(applicationId, key, trx),
    { log: (m) => log(m), now, partition: worker ? { index: worker.worker, count: worker.of } : undefined },
  );
  const operations = new OperationsService(engine, audit, new IncidentRegions(db.knex, engine), db.personal);
  const rules = rulesWiring(calendar);
  registerWorkers(engine, {
    // The HTTP process of a split platform runs no job (a remote engine would stream them to it).
    jobs: mode !== 'http',
    packages,
    schedules,
    applications,
    inbox,
    registry,
    evaluateRules: rules.evaluateRules,
    deadline: (req, regionCode) => rules.deadline(req, regionCode),
    deadlineInstant: rules.deadlineInstant,
    startCase: (req) => engine.createInstance(req),
    now,
  });

  const persons = new PersonRegistryService(db, audit, now);
  const scheduledJobs = new ScheduledJobService(db, { packages, schedules, registry, audit, now, log });
  const replay = new ReplayService({ db, packages, registry, evaluateRules: rules.evaluateRules });

  const reviewerTasks = new ReviewerTaskService(db, { inbox, queries: taskQueries, applications, packages, engine, audit, now });

  const instanceQueries = new InstanceQueries(db, { packages, applications, engine, calendar, personal: db.personal, now });
  const instanceMigrations = new InstanceMigrationService(db, { engine, packages, queries: instanceQueries, audit, now });

  const dbKind = db.kind;
  const review = new ReviewApplicationService(db, packages, audit, now);
  // A try-out runs on a platform of its own (a fresh SQLite store in a temp folder, demo accounts and registry, its own clock).
  const tryouts = new TryoutService(
    packages,
    (dir, scratchClock) =>
      createPlatform(
        {
          ...config,
          databaseUrl: `sqlite:${path.join(dir, 'platform.sqlite')}`,
          dataDir: dir,
          attachmentsDir: path.join(dir, 'attachments'),
          uploadTmpDir: path.join(dir, 'upload-tmp'),
          deploymentsDir: path.join(dir, 'deployments'),
          engineKind: 'embedded',
          loadDemoData: true,
          timerPollMs: 50,
          jobPollMs: 20,
          scheduledJobPollMs: 50,
          dataKeys: { previous: [] },
        },
        { clock: scratchClock, log: () => undefined },
      ),
    validateScenario,
    calendar,
    () => Date.now(),
    drafts,
  );
  const organisationAdmin = new OrganisationAdminService(registry, audit);
  const cases = new CaseRequestService(db, { packages, registry, forms: formRuntime, engine, audit, now });
  const routes: RouteDef[] = [
    ...authRoutes(accounts, { secureCookies: config.cookieSecure }),
    ...accountAdminRoutes(new AccountAdminService(db.knex, accounts, audit, now)),
    ...notificationRoutes(new NotificationService(db)),
    ...packageRoutes(packages, replay, tryouts),
    ...draftRoutes(drafts),
    ...draftTaskTemplateRoutes(new DraftTaskTemplateService({ drafts, registry })),
    ...draftRuleRoutes(new DraftRuleTrialService({ db, drafts, packages, registry, evaluateRules: rules.evaluateRules, now })),
    ...tryoutRoutes(tryouts),
    ...applicationRoutes(applications),
    ...inboxRoutes(inbox, taskQueries, reviewerTasks),
    ...caseRoutes(cases),
    ...reviewRoutes(review),
    ...registryRoutes(registry, persons, organisationAdmin),
    ...organisationAdminRoutes(organisationAdmin, new OrganisationImportService(db, audit, now)),
    ...calendarRoutes(calendar, schedules),
    ...planAndPenaltyRoutes(new PlanPublicationService(db, { packages, schedules, audit, now }), new UnitPenaltyService(db), new PublicNoticeService(db, registry)),
    ...instanceRoutes(instanceQueries, instanceMigrations),
    ...adminRoutes(operations, { engine: engine.kind, database: dbKind, packages: () => packages.loadedVersions() }, new AuditReadService(audit, db.personal, new AuditActors(db.knex), new AuditChainVerifier(db)), scheduledJobs),
  ];
  const openapi = buildOpenApi(routes, { version: VERSION });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // Overload is answered 503 + Retry-After at once, before any work (http/admissionControl.ts).
  // The loop's lag tells overload only where nothing else runs on it (the split platform's HTTP process).
  const admission = admissionControl({ maxInFlight: config.admission.maxInFlight, maxLagMs: mode === 'http' ? config.admission.maxLagMs : Infinity });
  app.use(admission.handler);
  app.use(cookieParser());
  app.use(csrfGuard({ cookieName: SESSION_COOKIE, matches: csrfTokenMatches, exempt: [{ method: 'POST', path: '/api/session' }] }));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(
    buildRouter(routes, {
      maxUploadBytes: config.maxUploadBytes,
      uploadTmpDir: config.uploadTmpDir,
      resolveActor: async (req) => {
        const token = sessionToken(req);
        return token ? accounts.resolveSession(token) : null;
      },
    }),
  );
  app.use(serveApp());
  app.use('/api', (req, res) => sendProblem(res, toProblem(new NotFoundError('接口', `${req.method} ${req.originalUrl}`), req.originalUrl)));
  app.use(problemHandler(log));

  let calendarReload: NodeJS.Timeout | undefined;
  /** A worker process (after the HTTP process recovered what a crash left): engine, its share of the start queue, scheduled jobs in worker 0. */
  const startWorker = async () => {
    await engine.start();
    await dispatcher!.recover();
    dispatcher!.start();
    if (worker!.worker === 0) scheduledJobs.start(config.scheduledJobPollMs);
    // Working-day calendars are edited through the HTTP process: a worker reads them again every half minute.
    calendarReload = setInterval(() => void calendar.reload().catch((err) => log('calendar reload failed', err)), 30_000);
  };

  return {
    app,
    db,
    engine,
    config,
    clock,
    services: { accounts, registry, audit, packages, drafts, applications, inbox, dispatcher, replay, calendar, schedules, persons, tryouts, scheduledJobs, instanceQueries, instanceMigrations, cases },
    async start() {
      await calendar.reload();
      // Every deployed form's personal fields are known before the engine writes its first state.
      for (const v of await packages.loadedVersions()) await packages.version(v.hash);
      if (worker) return startWorker();
      if (config.loadDemoData) await seedDemoData({ accounts, registry });
      await applications.recoverResubmissions(); // corrections a crash interrupted, before anything else moves
      await inbox.recover(); // decisions likewise; then tasks whose job ended or that were never projected
      // A split platform's HTTP process polls nothing: the embedded engine's timers and jobs are the workers'.
      if (mode === 'all' || engine.kind !== 'embedded') await engine.start();
      await instanceMigrations.recover(); // moves to another version a crash interrupted
      if (mode === 'all') {
        await dispatcher!.recover();
        dispatcher!.start();
      }
      await scheduledJobs.recover();
      if (mode === 'all') scheduledJobs.start(config.scheduledJobPollMs);
    },
    async stop() {
      clearInterval(calendarReload);
      admission.close();
      await scheduledJobs.stop();
      await dispatcher!.stop();
      await engine.stop();
      await db.close();
    },
  };
}
