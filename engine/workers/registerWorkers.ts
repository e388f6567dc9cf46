import { isSanctionKind, sanctionKindList } from '../packages/sanctionKinds.ts';
import { gatherFacts, parameterValues } from '../services/eligibility/gatherFacts.ts';
import type { JobHandler, ProcessEngine } from '../port/ProcessEngine.ts';
import { USER_TASK_JOB_TYPE } from '../port/ProcessEngine.ts';
import type { ApplicationService } from '../services/applications/ApplicationService.ts';
import type { InboxService } from '../services/inbox/InboxService.ts';
import type { PackageService } from '../services/packages/PackageService.ts';
import type { ScheduleService } from '../services/schedules/ScheduleService.ts';
import { shanghaiDate } from '../services/time/clock.ts';
import { parameter, readPath, requireHeader, requireVariable } from './jobVariables.ts';
import type { DeadlineCalculator, RegistryWriter, RuleEvaluator } from './ports.ts';

export interface WorkerDeps {
  /** false: only the engine-event listener (a split platform's HTTP process runs no job). */
  jobs?: boolean;
  packages: PackageService;
  schedules: Pick<ScheduleService, 'windows'>;
  applications: ApplicationService;
  inbox: InboxService;
  registry: RegistryWriter;
  evaluateRules: RuleEvaluator;
  deadline: DeadlineCalculator;
  deadlineInstant: (date: string) => string;
  /** Starts a process instance once per start key (ProcessEngine.createInstance). */
  startCase: ProcessEngine['createInstance'];
  now: () => number;
}

/**
 * The generic job handlers. Each is configured by task headers, so a new notice needs a new
 * package, not a new handler. Every effect is idempotent per job, because a job may run twice
 * (worker crash, timeout, retry).
 */
export function workerHandlers(d: WorkerDeps): Record<string, JobHandler> {
  const today = () => shanghaiDate(d.now());
  return {
    /** Evaluate a package rule set against the application and registry facts. */
    'rules.evaluate': async (job) => {
      const ruleSetId = requireHeader(job, 'ruleSet');
      const target = job.customHeaders.resultVariable ?? 'eligibility';
      const pkg = await d.packages.version(requireVariable<string>(job, 'packageHash'));
      const ruleSet = pkg.ruleSets[ruleSetId];
      if (!ruleSet) throw new Error(`政策包中没有规则集 ${ruleSetId}`);
      // A case about a recommending unit (its yearly penalties) has the unit and no application.
      const unitId = readPath(job.variables, 'recommender.id');
      const application = job.variables.application === undefined && typeof unitId === 'string' ? { recommenderOrgId: unitId } : requireVariable<Record<string, unknown>>(job, 'application');
      const asOf = today();
      const facts = await gatherFacts(d.registry, application, parameterValues(pkg.manifest.parameters), asOf);
      const { recommender, organisation } = facts;
      // The unit's tally of the package's year, where the rule set reads it (the penalties rules).
      const declared = (ruleSet as { facts?: Record<string, unknown> }).facts ?? {};
      const orgId = application.recommenderOrgId ?? unitId;
      const unitYear = 'unitYear' in declared && typeof orgId === 'string' ? { unitYear: await d.registry.unitYears.facts(orgId, pkg.manifest.year, pkg.manifest.region.code) } : {};
      // Header facts: process variables the rules also read, by their last path segment (e.g. a schedule window the process looked up).
      const extra = Object.fromEntries(
        (job.customHeaders.facts ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map((path) => [path.split('.').pop()!, readPath(job.variables, path) ?? null]),
      );
      const result = await d.evaluateRules(ruleSet, { ...extra, ...facts, ...unitYear }, { asOf });
      const applicationId = readPath(job.variables, 'applicationId');
      if (typeof applicationId === 'string') await d.applications.recordEligibility(applicationId, { ...result, ruleSet: ruleSetId }, job.key, { primary: target === 'eligibility' });
      const findings = result.checks.filter((c) => c.outcome !== 'PASS').map((c) => ({ clause: c.clause, outcome: c.outcome, rule: c.rule }));
      // The full explanation lives on the application; the process keeps what gateways and reviewers need.
      const summary = {
        decision: result.decision,
        asOf: result.asOf,
        ambiguities: result.ambiguities,
        findings,
        // One word for the set of findings: a case started per set (process.start's startKey) is started once.
        findingKey: findings.length ? findings.map((f) => f.rule).sort().join('+') : 'none',
        // Without an application the reviewer's task shows the checks from here.
        ...(typeof applicationId === 'string' ? {} : { ruleSet: ruleSetId, checks: result.checks }),
      };
      // Routing and candidate groups read the unit or organisation, so they travel with the process.
      return { kind: 'complete', variables: { [target]: summary, recommender: recommender ?? job.variables.recommender, organisation: organisation ?? job.variables.organisation, ...unitYear } };
    },

    /**
     * Starts a case of its own (a process of the package with role `case`, e.g. the province's decision on a
     * unit's penalties), once per start key: header `startKey` with {variable.path} placeholders, header
     * `variables` the paths copied into the case (by their last segment). A retried job finds the case started.
     */
    'process.start': async (job) => {
      const packageHash = requireVariable<string>(job, 'packageHash');
      const pkg = await d.packages.version(packageHash);
      const bpmnProcessId = requireHeader(job, 'process');
      const declared = pkg.manifest.processes.find((p) => p.bpmnProcessId === bpmnProcessId);
      if (!declared || declared.role !== 'case') throw new Error(`政策包中没有可由流程启动的案件流程(role 为 case)「${bpmnProcessId}」`);
      const definitionKey = pkg.processKeys[bpmnProcessId];
      if (!definitionKey) throw new Error(`流程「${bpmnProcessId}」未部署`);
      const key = requireHeader(job, 'startKey').replace(/\{([^}]+)\}/g, (_, path: string) => {
        const v = readPath(job.variables, path.trim());
        if (v === undefined || v === null || v === '') throw new Error(`任务 ${job.elementId} 的启动键缺少流程变量 ${path.trim()}`);
        return String(v);
      });
      const copied = Object.fromEntries(
        (job.customHeaders.variables ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .map((path) => [path.split('.').pop()!, readPath(job.variables, path) ?? null]),
      );
      const started = await d.startCase({ bpmnProcessId, definitionKey, startKey: `case:${pkg.manifest.id}:${key}`, variables: { ...copied, packageHash, parameters: job.variables.parameters ?? {} } });
      return { kind: 'complete', variables: { [job.customHeaders.target ?? 'startedCase']: { bpmnProcessId, processInstanceKey: started.processInstanceKey, startKey: key } } };
    },

    /**
     * The province's decision on a unit's penalty findings (SC26-46/50/51): quota cuts for the unit and its city,
     * 通报, recorded once per job; the findings decided are not referred again that year. Header `decision` names
     * the variable the decision task wrote, header `findings` the rule result it decided.
     */
    'quota.record': async (job) => {
      const decision = requireVariable<Record<string, unknown>>(job, requireHeader(job, 'decision'));
      const findings = requireVariable<{ findings?: Array<{ rule: string; clause: string }> }>(job, requireHeader(job, 'findings')).findings ?? [];
      const recommender = requireVariable<{ id: string; cityCode?: string | null }>(job, 'recommender');
      const pkg = await d.packages.version(requireVariable<string>(job, 'packageHash'));
      const refused = decision.decision !== 'approve';
      const cut = (name: string) => (refused ? 0 : Number(decision[name] ?? 0));
      const adjustment = await d.registry.unitYears.record({
        orgId: recommender.id,
        cityCode: recommender.cityCode ?? null,
        year: pkg.manifest.year,
        unitCut: cut('unitQuotaCut'),
        cityCut: cut('cityQuotaCut'),
        publicNotice: !refused && decision.publicNotice === true,
        findings: findings.map((f) => f.rule),
        clauses: findings.map((f) => f.clause),
        opinion: typeof decision.opinion === 'string' ? decision.opinion : null,
        decidedBy: typeof decision.reviewer === 'string' ? decision.reviewer : null,
        packageHash: pkg.contentHash,
        idempotencyKey: `job:${job.key}`,
      });
      return { kind: 'complete', variables: { [job.customHeaders.target ?? 'quotaAdjustment']: adjustment } };
    },

    /**
     * The province's 通报 of a person (SC26-54): header `decision` names the variable the decision task wrote
     * ({scope, reason, opinion, reviewer}); the person is the case's `application`, the unit `recommender`.
     * Recorded once per job.
     */
    'notice.record': async (job) => {
      const decision = requireVariable<Record<string, unknown>>(job, requireHeader(job, 'decision'));
      const application = requireVariable<{ idNumber?: string; name?: string }>(job, 'application');
      if (typeof application.idNumber !== 'string' || !application.idNumber) throw new Error('申报信息中没有身份证号码,无法登记通报');
      const recommender = readPath(job.variables, 'recommender') as { id?: string; cityCode?: string | null } | undefined;
      const pkg = await d.packages.version(requireVariable<string>(job, 'packageHash'));
      const notice = await d.registry.publicNotices.record({
        idNumber: application.idNumber,
        name: String(application.name ?? ''),
        orgId: recommender?.id ?? null,
        cityCode: recommender?.cityCode ?? null,
        provinceCode: pkg.manifest.region.code,
        year: pkg.manifest.year,
        reason: String(decision.reason ?? ''),
        scope: String(decision.scope ?? ''),
        clause: requireHeader(job, 'clause'),
        opinion: typeof decision.opinion === 'string' ? decision.opinion : null,
        decidedBy: typeof decision.reviewer === 'string' ? decision.reviewer : null,
        packageHash: pkg.contentHash,
        idempotencyKey: `job:${job.key}`,
      });
      return { kind: 'complete', variables: { [job.customHeaders.target ?? 'publicNotice']: { id: notice.id, scope: notice.scope, reason: notice.reason } } };
    },

    /**
     * The province lets a city join its classes of the package's year (SC26-08): the requester is the city
     * centre that started the case; header `decision` names the variable the decision task wrote. Once per job.
     */
    'provincialClass.record': async (job) => {
      const requester = requireVariable<{ regionCode?: string | null }>(job, 'requester');
      const decision = requireVariable<Record<string, unknown>>(job, requireHeader(job, 'decision'));
      const pkg = await d.packages.version(requireVariable<string>(job, 'packageHash'));
      await d.registry.provincialClasses.record({
        cityCode: String(requester.regionCode ?? ''),
        year: pkg.manifest.year,
        packageId: pkg.manifest.id,
        opinion: typeof decision.opinion === 'string' ? decision.opinion : null,
        decidedBy: typeof decision.reviewer === 'string' ? decision.reviewer : null,
        idempotencyKey: `job:${job.key}`,
      });
      return { kind: 'complete', variables: { provincialClass: { cityCode: requester.regionCode, year: pkg.manifest.year } } };
    },

    /** A deadline by the package's counting convention and the working-day calendar. */
    'deadline.compute': async (job) => {
      const anchorRef = requireHeader(job, 'anchor');
      const anchor = anchorRef === 'today' ? today() : String(requireVariable(job, anchorRef)).slice(0, 10);
      const amount = job.customHeaders.amount !== undefined ? Number(job.customHeaders.amount) : Number(parameter(job, requireHeader(job, 'amountParameter')));
      const unit = requireHeader(job, 'unit') as 'WD' | 'MONTH' | 'YEAR' | 'DAY';
      // The counting convention (conventions.md C1–C4) is a header or a package parameter, so a package can change it as data.
      const counting = job.customHeaders.counting ?? String(parameter(job, requireHeader(job, 'countingParameter')));
      const manifest = (await d.packages.version(requireVariable<string>(job, 'packageHash'))).manifest;
      // Counted with the calendar where the application is handled: the unit's or organisation's city, else the package region.
      const region = (readPath(job.variables, 'recommender.cityCode') ?? readPath(job.variables, 'organisation.cityCode') ?? manifest.region.code) as string;
      // 《民法典》第203条: a period whose last day is a rest day ends on the next working day, where the package says so
      // (header, or the package parameter extendIfLastDayIsRestDay).
      const extendHeader = job.customHeaders.extendIfLastDayIsRestDay;
      const extendIfLastDayIsRestDay = extendHeader !== undefined ? extendHeader === 'true' : manifest.parameters?.extendIfLastDayIsRestDay?.value === true;
      const r = d.deadline({ anchor, amount, unit, counting, ...(extendIfLastDayIsRestDay ? { extendIfLastDayIsRestDay } : {}) } as Parameters<typeof d.deadline>[0], region);
      // A period the notice does not state (an assumed parameter) is flagged on the date it produces.
      const ambiguities = [job.customHeaders.amountParameter, job.customHeaders.countingParameter]
        .map((name) => (name ? manifest.parameters?.[name]?.ambiguity : undefined))
        .filter((x): x is string => !!x);
      return {
        kind: 'complete',
        variables: { [requireHeader(job, 'target')]: { date: r.date, at: d.deadlineInstant(r.date), provisional: r.provisional, convention: r.convention, calendarVersion: r.calendarVersion, anchor, amount, unit, ambiguities, ...(extendIfLastDayIsRestDay ? { extendedForRestDay: true } : {}) } },
      };
    },

    /**
     * A window of the package's schedule, dated through the calendar in force: header `window` is its id,
     * with {variable.path} placeholders (e.g. {application.planMonth}-theory). A missing window fails the job.
     */
    'schedule.window': async (job) => {
      const id = requireHeader(job, 'window').replace(/\{([^}]+)\}/g, (_, path: string) => String(readPath(job.variables, path.trim()) ?? ''));
      const { windows } = await d.schedules.windows(requireVariable<string>(job, 'packageHash'), today());
      const w = windows.find((x) => x.id === id);
      if (!w) throw new Error(`政策包日程中没有时间窗口「${id}」`);
      return { kind: 'complete', variables: { [requireHeader(job, 'target')]: { ...w, at: w.closes ? d.deadlineInstant(w.closes) : null } } };
    },

    /** The issuing centre generates the card number; validity from the package parameter. */
    'card.issue': async (job) => {
      const applicationId = requireVariable<string>(job, 'applicationId');
      const application = requireVariable<Record<string, any>>(job, 'application');
      const issuer = requireVariable<string>(job, 'issuerRegionCode');
      const validFrom = today();
      const years = Number(parameter(job, requireHeader(job, 'validityParameter')));
      const validTo = years > 0 ? d.deadline({ anchor: validFrom, amount: years, unit: 'YEAR', counting: 'C4' }).date : null;
      const card = await d.registry.issueCard({
        applicationId,
        idNumber: String(application.idNumber),
        kind: String(application.applicantType),
        occupationCode: application.targetOccupation?.code ?? null,
        occupationName: application.targetOccupation?.name ?? null,
        issuerRegionCode: issuer,
        validRegionCode: issuer, // SC26-42: valid only where issued (AMB-28: province-issued → whole province)
        validFrom,
        validTo,
        packageHash: requireVariable<string>(job, 'packageHash'),
      });
      await d.applications.setStatusFromProcess(applicationId, 'CARD_ISSUED', { outcome: { card } }, `${job.key}:card`);
      return { kind: 'complete', variables: { [job.customHeaders.target ?? 'card']: card } };
    },

    'card.collect': async (job) => {
      const card = requireVariable<{ number: string }>(job, requireHeader(job, 'card'));
      await d.registry.markCardCollected(card.number);
      return { kind: 'complete', variables: {} };
    },

    /**
     * Cancels (注销) or voids (作废, header status=VOID) a card: the one the process issued (header card,
     * a variable holding { number }) or one the applicant holds (header cardNumberVariable, e.g. application.cardNumber).
     */
    'card.cancel': async (job) => {
      const number = job.customHeaders.cardNumberVariable
        ? String(requireVariable(job, job.customHeaders.cardNumberVariable))
        : requireVariable<{ number: string }>(job, requireHeader(job, 'card')).number;
      const status = job.customHeaders.status === 'VOID' ? 'VOID' : 'CANCELLED';
      // Only the applicant's own card: a number typed into a form must not void someone else's card.
      const holder = (await d.registry.getCard(number)).idNumber;
      const applicant = readPath(job.variables, 'application.idNumber');
      if (holder !== applicant) throw new Error(`证卡 ${number} 不属于本申报人,不能注销或作废`);
      await d.registry.cancelCard(number, `${job.customHeaders.clause ?? ''} ${job.customHeaders.reason ?? '逾期未领取'}`.trim(), status);
      return { kind: 'complete', variables: {} };
    },

    /** A sanction in the registry (e.g. a one-year training ban), idempotent per job. */
    'sanction.record': async (job) => {
      const subject = requireHeader(job, 'subject');
      const kind = requireHeader(job, 'kind');
      // A kind the rules never read would be recorded and never applied (checked at load too).
      if (!isSanctionKind(kind)) throw new Error(`处罚种类「${kind}」不在登记库的处罚种类中(${sanctionKindList()})`);
      // An organisation sanction falls on the recommending unit by default, or on the variable the header names (e.g. organisation.id).
      const subjectId = subject === 'person' ? String(requireVariable(job, 'application.idNumber')) : String(requireVariable(job, job.customHeaders.subjectVariable ?? 'recommender.id'));
      const anchorRef = job.customHeaders.anchor;
      const startsOn = anchorRef ? String(requireVariable(job, anchorRef)).slice(0, 10) : today();
      const years = job.customHeaders.durationYears ? Number(job.customHeaders.durationYears) : 0;
      const permanent = job.customHeaders.permanent === 'true';
      const until = !permanent && years > 0 ? d.deadline({ anchor: startsOn, amount: years, unit: 'YEAR', counting: 'C4' }).date : null;
      const applicationId = readPath(job.variables, 'applicationId');
      await d.registry.recordSanction({
        subjectType: subject === 'person' ? 'person' : 'org',
        subjectId,
        kind,
        clause: requireHeader(job, 'clause'),
        startsOn,
        until,
        permanent,
        reason: requireHeader(job, 'reason'),
        applicationId: typeof applicationId === 'string' ? applicationId : undefined,
        idempotencyKey: `job:${job.key}`,
      });
      return { kind: 'complete', variables: { sanction: { kind: job.customHeaders.kind, startsOn, until, permanent } } };
    },

    /** What happened, written to the registry so later packages read it (SC26 make-ups, SC24 renewal); once per job. */
    'registry.record': async (job) => {
      const application = requireVariable<Record<string, any>>(job, 'application');
      if (typeof application.idNumber !== 'string' || !application.idNumber) throw new Error('申报信息中没有身份证号码,无法登记');
      const idNumber = application.idNumber;
      const record = requireHeader(job, 'record');
      // The job key: a retried or re-activated job keeps it; a loop through the same element is a new job.
      const key = `job:${job.key}`;
      const from = (path: string) => readPath(job.variables, path);
      const applicationId = readPath(job.variables, 'applicationId');
      if (record === 'examSitting') {
        const standing = await d.registry.records.recordExamSitting(
          idNumber,
          {
            date: String(from(job.customHeaders.dateVariable ?? 'exam.examDate') ?? '').slice(0, 10),
            occupationCode: application.targetOccupation?.code ?? null,
            kind: (job.customHeaders.kind ?? 'exam') as 'exam' | 'makeup',
            result: (job.customHeaders.result ?? String(from(job.customHeaders.resultVariable ?? 'exam.result') ?? '')) as 'PASS' | 'FAIL' | 'ABSENT' | 'EXCUSED',
            applicationId: typeof applicationId === 'string' ? applicationId : null,
          },
          key,
        );
        // Header `target`: where the result that stands goes (an absence with approved leave is EXCUSED, not a no-show).
        if (job.customHeaders.target) return { kind: 'complete', variables: { [job.customHeaders.target]: { result: standing } } };
      } else if (record === 'evaluationRecord') {
        await d.registry.records.recordEvaluation(
          idNumber,
          { date: String(from(job.customHeaders.dateVariable ?? 'evaluation.date') ?? today()).slice(0, 10), occupationCode: application.targetOccupation?.code ?? null, role: (job.customHeaders.role ?? 'examiner') as 'examiner' | 'supervisor', orgId: (from('organisation.id') as string) ?? null },
          key,
        );
      } else {
        throw new Error(`未知的登记记录类型 ${record},应为 examSitting 或 evaluationRecord`);
      }
      return { kind: 'complete', variables: {} };
    },

    'application.status': async (job) => {
      const applicationId = requireVariable<string>(job, 'applicationId');
      await d.applications.setStatusFromProcess(applicationId, requireHeader(job, 'status'), { reason: job.customHeaders.reason, reasonText: job.customHeaders.reasonText, clause: job.customHeaders.clause }, job.key);
      return { kind: 'complete', variables: {} };
    },
  };
}

export function registerWorkers(engine: ProcessEngine, d: WorkerDeps): void {
  engine.onEvent(async (e) => {
    if (e.type === 'job.cancelled') await d.inbox.onJobCancelled(e.jobKey);
  });
  if (d.jobs === false) return;
  for (const [type, handler] of Object.entries(workerHandlers(d))) engine.registerWorker(type, handler, { timeoutMs: 30_000 });
  engine.registerWorker(
    USER_TASK_JOB_TYPE,
    async (job) => {
      await d.inbox.onUserTaskJob(job);
      return { kind: 'complete' };
    },
    { hold: true, maxJobsActive: 32 },
  );
}
