import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineDeployError, USER_TASK_JOB_TYPE, type Job, type ProcessEngine } from '../../engine/port/ProcessEngine.ts';
import { waitFor } from '../support/waitFor.ts';
import { engineTargets } from './engineTargets.ts';

const bpmn = (name: string) => ({ name: `${name}.bpmn`, xml: readFileSync(`test/fixtures/bpmn/${name}.bpmn`, 'utf8') });

// One suite, every adapter: the same observable behaviour is required of embedded and Zeebe.
describe.each(engineTargets())('engine conformance: $name', (target) => {
  let t: Awaited<ReturnType<typeof target.create>>;
  let engine: ProcessEngine;
  const userTasks: Job[] = [];

  const finished = async (key: string) =>
    waitFor(async () => {
      const i = await engine.getInstance(key);
      return i && i.status !== 'ACTIVE' ? i : null;
    }, 10_000, `instance ${key} to finish`);

  beforeEach(async () => {
    t = await target.create();
    engine = t.engine;
    userTasks.length = 0;
    engine.registerWorker(USER_TASK_JOB_TYPE, async (job) => {
      userTasks.push(job);
      return { kind: 'complete' };
    }, { hold: true });
    await engine.start();
  });
  afterEach(async () => {
    await t.close();
  });

  it('starts with variables and takes the FEEL-conditioned flow or the default flow', async () => {
    // given
    await engine.deploy([bpmn('gateway')]);
    // when
    const high = await engine.createInstance({ bpmnProcessId: 'gateway', variables: { score: 75, region: '510700' } });
    const low = await engine.createInstance({ bpmnProcessId: 'gateway', variables: { score: 59, region: '510700' } });
    // then
    expect((await finished(high.processInstanceKey)).completedElements).toEqual(['start', 'gw', 'endHigh']);
    expect((await finished(low.processInstanceKey)).completedElements).toEqual(['start', 'gw', 'endDefault']);
  });

  it('completes a service job with input and output mappings and task headers', async () => {
    // given
    await engine.deploy([bpmn('jobs')]);
    const seen: Job[] = [];
    engine.registerWorker('test.work', async (job) => {
      seen.push(job);
      return { kind: 'complete', variables: { outcome: `ok:${job.variables.who}` } };
    });
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '张三' }, items: [1, 2, 3] } });
    const done = await finished(processInstanceKey);
    // then
    expect(seen[0].customHeaders.mode).toBe('strict');
    expect(seen[0].variables.who).toBe('张三');
    expect(seen[0].variables.itemCount).toBe(3);
    expect(done.variables.result).toEqual({ outcome: 'ok:张三', points: 30 });
    expect(done.variables.who).toBeUndefined(); // input mappings are local to the task
    expect(done.completedElements).toEqual(['start', 'work', 'endOk']);
  });

  it('retries a failing job, raises an incident when retries run out, and continues after resolution', async () => {
    // given
    await engine.deploy([bpmn('jobs')]);
    let calls = 0;
    let healthy = false;
    engine.registerWorker('test.work', async (job) => {
      calls++;
      if (!healthy) return { kind: 'fail', errorMessage: '注册表暂不可用', retries: job.retries - 1 };
      return { kind: 'complete', variables: { outcome: 'late' } };
    });
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: 'x' }, items: [] } });
    const [incident] = await waitFor(async () => {
      const list = await engine.listIncidents({ processInstanceKey, state: 'OPEN' });
      return list.length ? list : null;
    }, 10_000, 'incident');
    // then
    expect(calls).toBe(2); // retries="2"
    expect(incident.errorType).toBe('JOB_NO_RETRIES');
    expect(incident.message).toContain('注册表暂不可用');
    expect(incident.elementId).toBe('work');
    // when
    healthy = true;
    await engine.resolveIncident(incident.key, 1);
    const done = await finished(processInstanceKey);
    // then
    expect(done.variables.result).toMatchObject({ outcome: 'late' });
    expect(await engine.listIncidents({ processInstanceKey, state: 'OPEN' })).toEqual([]);
  });

  it('starts once per start key: a repeated or concurrent start returns the instance already started', async () => {
    // given
    await engine.deploy([bpmn('timers')]);
    const vars = { city: '510700', reviewTimeout: 'P10D', reviewDue: '2026-03-20T23:59:59+08:00', notBefore: '2020-01-01T00:00:00+08:00' };
    // when: three starts with one key at once, then one more later (a retry after a crash)
    const starts = await Promise.all([1, 2, 3].map(() => engine.createInstance({ bpmnProcessId: 'timers', variables: vars, startKey: 'application:A-1' })));
    const again = await engine.createInstance({ bpmnProcessId: 'timers', variables: vars, startKey: 'application:A-1' });
    const other = await engine.createInstance({ bpmnProcessId: 'timers', variables: vars, startKey: 'application:A-2' });
    // then
    const key = starts[0].processInstanceKey;
    expect(starts.map((s) => s.processInstanceKey)).toEqual([key, key, key]);
    expect(again.processInstanceKey).toBe(key);
    expect(other.processInstanceKey).not.toBe(key);
    // Both review tasks, in whichever order the engine creates them (Operaton creates them in an async step).
    await waitFor(() => [key, other.processInstanceKey].every((k) => userTasks.some((j) => j.processInstanceKey === k)));
    await new Promise((r) => setTimeout(r, 300));
    expect(userTasks.filter((j) => j.processInstanceKey === key)).toHaveLength(1);
    expect(userTasks.filter((j) => j.processInstanceKey === other.processInstanceKey)).toHaveLength(1);
    expect(await t.db.knex('engine_instances').where({ start_key: 'application:A-1' })).toHaveLength(1);
  });

  it('reports where a job stands, and lets an admin correct the variables a failed job needs before retrying it', async () => {
    // given: the job fails for want of a variable until it is set, and stops at an incident
    await engine.deploy([bpmn('jobs')]);
    const seen: string[] = [];
    engine.registerWorker('test.work', async (job) => {
      seen.push(String(job.variables.who));
      if (!job.variables.examDate) return { kind: 'fail', errorMessage: '缺少考试日期', retries: 0 };
      return { kind: 'complete', variables: { outcome: `ok:${job.variables.who}:${job.variables.examDate}` } };
    });
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '张三' }, items: [] } });
    const [incident] = await waitFor(async () => {
      const list = await engine.listIncidents({ processInstanceKey, state: 'OPEN' });
      return list.length ? list : null;
    }, 10_000, 'incident');
    expect(await engine.jobState(incident.jobKey!)).toBe('INCIDENT');
    // when: the variables are corrected (also one an input mapping reads) and the incident resolved
    await engine.setVariables(processInstanceKey, { examDate: '2026-03-28', applicant: { name: '李四' } });
    await engine.resolveIncident(incident.key, 1);
    const done = await finished(processInstanceKey);
    // then
    expect(done.variables.result).toMatchObject({ outcome: 'ok:李四:2026-03-28' });
    expect(seen).toEqual(['张三', '李四']);
    expect(await engine.jobState(incident.jobKey!)).toBe('COMPLETED');
    expect(await engine.jobState('0')).toBeNull();
  });

  it('re-activates the job of a worker that died mid-job after its timeout, under the same key', async () => {
    // given: the first activation never answers (the worker process died)
    await engine.deploy([bpmn('jobs')]);
    const activations: string[] = [];
    engine.registerWorker(
      'test.work',
      async (job) => {
        activations.push(job.key);
        if (activations.length === 1) return new Promise<never>(() => undefined);
        return { kind: 'complete', variables: { outcome: 'second try' } };
      },
      { timeoutMs: 1000 },
    );
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: 'x' }, items: [] } });
    const done = await finished(processInstanceKey);
    // then: one job, activated twice; an effect keyed by the job key happens once
    expect(activations).toHaveLength(2);
    expect(activations[0]).toBe(activations[1]);
    expect(done.variables.result).toMatchObject({ outcome: 'second try' });
  });

  it('routes a BPMN error to the boundary event that catches its code', async () => {
    // given
    await engine.deploy([bpmn('jobs')]);
    engine.registerWorker('test.work', async () => ({ kind: 'error', errorCode: 'INELIGIBLE', errorMessage: '不符合条件', variables: { reason: 'SC26-01' } }));
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: 'x' }, items: [] } });
    const done = await finished(processInstanceKey);
    // then
    expect(done.completedElements).toEqual(['start', 'caught', 'endRejected']);
    expect(done.variables.reason).toBe('SC26-01');
  });

  it('turns an uncaught BPMN error into an incident', async () => {
    // given
    await engine.deploy([bpmn('jobs')]);
    engine.registerWorker('test.work', async () => ({ kind: 'error', errorCode: 'UNKNOWN_CODE' }));
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: 'x' }, items: [] } });
    const [incident] = await waitFor(async () => {
      const list = await engine.listIncidents({ processInstanceKey, state: 'OPEN' });
      return list.length ? list : null;
    });
    // then
    expect(incident.errorType).toBe('UNHANDLED_ERROR_EVENT');
    expect((await engine.getInstance(processInstanceKey))!.status).toBe('ACTIVE');
  });

  it('holds a user task with its candidate groups and due date until it is completed', async () => {
    // given
    await engine.deploy([bpmn('timers')]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'timers',
      variables: { city: '510700', reviewTimeout: 'P10D', reviewDue: '2026-03-20T23:59:59+08:00', notBefore: '2020-01-01T00:00:00+08:00' },
    });
    // when
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // then
    expect(JSON.parse(task.customHeaders['io.camunda.zeebe:candidateGroups'])).toEqual(['city:510700']);
    expect(task.customHeaders['io.camunda.zeebe:dueDate']).toBe('2026-03-20T23:59:59+08:00');
    // when
    await engine.completeJob(task.key, { decision: 'approve' });
    const done = await finished(processInstanceKey);
    // then: the past date timer fires at once
    expect(done.completedElements).toEqual(['start', 'review', 'waitUntil', 'endDone']);
    expect(done.variables.decision).toBe('approve');
  });

  it('stops at an incident, not at an invisible task, when the candidate groups expression has no usable result', async () => {
    // given: the expression "city:" + city, without a city variable
    await engine.deploy([bpmn('timers')]);
    // when
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'timers',
      variables: { reviewTimeout: 'P10D', reviewDue: '2026-03-20T23:59:59+08:00', notBefore: '2020-01-01T00:00:00+08:00' },
    });
    // then
    const incident = await waitFor(async () => (await engine.listIncidents({ processInstanceKey, state: 'OPEN' }))[0]);
    expect(incident).toMatchObject({ elementId: 'review', errorType: 'EXTRACT_VALUE_ERROR' });
    expect(userTasks.find((j) => j.processInstanceKey === processInstanceKey)).toBeUndefined();
    // and resolving it without changing anything leaves an open incident there, never a task (the embedded
    // engine refuses and says why; Zeebe raises the incident again)
    await engine.resolveIncident(incident.key).catch(() => undefined);
    expect(await waitFor(async () => (await engine.listIncidents({ processInstanceKey, state: 'OPEN' })).find((i) => i.elementId === 'review'))).toBeDefined();
    expect(userTasks.find((j) => j.processInstanceKey === processInstanceKey)).toBeUndefined();
  });

  it('stops at an incident when the assignee or candidate users expression gives nothing, and goes on once the variables are set', async () => {
    // given: assignee =boss and candidate users =deputies, neither variable set
    await engine.deploy([bpmn('assignee')]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'assignee', variables: {} });
    // then: an incident, no task anyone could complete
    const incident = await waitFor(async () => (await engine.listIncidents({ processInstanceKey, state: 'OPEN' }))[0]);
    expect(incident).toMatchObject({ elementId: 'approve', errorType: 'EXTRACT_VALUE_ERROR' });
    expect(userTasks.find((j) => j.processInstanceKey === processInstanceKey)).toBeUndefined();
    // when the variables are corrected and the incident resolved
    await engine.setVariables(processInstanceKey, { boss: 'wang', deputies: ['li', 'zhao'] });
    await engine.resolveIncident(incident.key);
    // then the task is assigned as the expressions say
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    expect(task.customHeaders['io.camunda.zeebe:assignee']).toBe('wang');
    expect(JSON.parse(task.customHeaders['io.camunda.zeebe:candidateUsers'])).toEqual(['li', 'zhao']);
  });

  it('creates a job of the type a FEEL expression gives, and an incident until the expression has a value', async () => {
    // given: type = "test." + kind
    await engine.deploy([bpmn('feelJobType')]);
    const seen: string[] = [];
    engine.registerWorker('test.work', async (job) => {
      seen.push(job.type);
      return { kind: 'complete' };
    });
    // when: kind is set
    const ok = await engine.createInstance({ bpmnProcessId: 'feelJobType', variables: { kind: 'work' } });
    // then the worker of that type completes it
    expect((await finished(ok.processInstanceKey)).status).toBe('COMPLETED');
    expect(seen).toEqual(['test.work']);
    // when: kind is missing, an incident; once set, resolving it lets the job run
    const missing = await engine.createInstance({ bpmnProcessId: 'feelJobType', variables: {} });
    const incident = await waitFor(async () => (await engine.listIncidents({ processInstanceKey: missing.processInstanceKey, state: 'OPEN' }))[0]);
    expect(incident).toMatchObject({ elementId: 'work', errorType: 'EXTRACT_VALUE_ERROR' });
    await engine.setVariables(missing.processInstanceKey, { kind: 'work' });
    await engine.resolveIncident(incident.key);
    expect((await finished(missing.processInstanceKey)).status).toBe('COMPLETED');
  });

  it('fires a boundary timer and cancels the user task it interrupts', async () => {
    // given
    await engine.deploy([bpmn('timers')]);
    // when
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'timers',
      variables: { city: '510700', reviewTimeout: 'PT0.3S', reviewDue: null, notBefore: '2020-01-01T00:00:00+08:00' },
    });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    const done = await finished(processInstanceKey);
    // then
    expect(done.completedElements).toEqual(['start', 'reviewTimeout', 'endTimedOut']);
    await expect(engine.completeJob(task.key, {})).rejects.toThrow();
  });

  it('keeps timers and waiting tasks across an engine restart', async () => {
    // given
    await engine.deploy([bpmn('timers')]);
    const notBefore = new Date(Date.now() + 1200).toISOString();
    const a = await engine.createInstance({ bpmnProcessId: 'timers', variables: { city: '510700', reviewTimeout: 'PT1S', reviewDue: null, notBefore } });
    const b = await engine.createInstance({ bpmnProcessId: 'timers', variables: { city: '510600', reviewTimeout: 'P30D', reviewDue: null, notBefore } });
    const taskB = await waitFor(() => userTasks.find((j) => j.processInstanceKey === b.processInstanceKey));
    // when: the engine goes away while one instance waits at a timer, the other at a user task
    engine = await t.restart();
    engine.registerWorker(USER_TASK_JOB_TYPE, async (job) => {
      userTasks.push(job);
      return { kind: 'complete' };
    }, { hold: true });
    await engine.start();
    await engine.completeJob(taskB.key, { decision: 'approve' });
    // then
    expect((await finished(a.processInstanceKey)).completedElements).toEqual(['start', 'reviewTimeout', 'endTimedOut']);
    expect((await finished(b.processInstanceKey)).completedElements).toEqual(['start', 'review', 'waitUntil', 'endDone']);
  });

  it('fires a 30-day timer when the engine clock reaches its due time, also after a restart', async () => {
    // given
    await engine.deploy([bpmn('timers')]);
    const { processInstanceKey } = await engine.createInstance({
      bpmnProcessId: 'timers',
      variables: { city: '510700', reviewTimeout: 'P30D', reviewDue: null, notBefore: '2020-01-01T00:00:00+08:00' },
    });
    await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    engine = await t.restart();
    await engine.start();
    // when: 29 days pass, then two more
    await t.advanceClock(29 * 24 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 200));
    // then
    expect((await engine.getInstance(processInstanceKey))!.status).toBe('ACTIVE');
    // when
    await t.advanceClock(2 * 24 * 3600 * 1000);
    // then
    expect((await finished(processInstanceKey)).completedElements).toEqual(['start', 'reviewTimeout', 'endTimedOut']);
  });

  it('reminds on a cycle while a task waits (non-interrupting R2/P1D boundary timer), twice across a restart, and the task stays open', async () => {
    // given
    await engine.deploy([bpmn('reminder')]);
    const reminders: string[] = [];
    const remind = async (job: Job) => {
      reminders.push(job.key);
      return { kind: 'complete' as const };
    };
    engine.registerWorker('test.remind', remind);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'reminder', variables: {} });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // when a day passes, then another, then a third
    await t.advanceClock(24 * 3600 * 1000 + 1000);
    await waitFor(() => (reminders.length === 1 ? true : null), 10_000, 'the first reminder');
    // and the engine restarts in between: the cycle goes on from the store
    engine = await t.restart();
    engine.registerWorker('test.remind', remind);
    await engine.start();
    await t.advanceClock(24 * 3600 * 1000 + 1000);
    await waitFor(() => (reminders.length === 2 ? true : null), 10_000, 'the second reminder');
    await t.advanceClock(24 * 3600 * 1000 + 1000);
    await new Promise((r) => setTimeout(r, 500));
    // then two reminders (R2), and the task is still there to decide
    expect(reminders).toHaveLength(2);
    expect((await engine.getInstance(processInstanceKey))!.status).toBe('ACTIVE');
    await engine.completeJob(task.key, { decision: 'approve' });
    expect((await finished(processInstanceKey)).completedElements.at(-1)).toBe('end');
  });

  it('starts instances from timer start events: a dated cycle catches up once per due date, a cycle from the deploy fires on time, and neither more often than it repeats', async () => {
    // given: workers counting the instances each process starts
    const plans: string[] = [];
    const checks: string[] = [];
    engine.registerWorker('test.plan', async (job) => (plans.push(job.processInstanceKey), { kind: 'complete' as const }));
    engine.registerWorker('test.check', async (job) => (checks.push(job.processInstanceKey), { kind: 'complete' as const }));
    // when deployed: the monthly plan's three dates (2026-01…03) are past, the hourly check is an hour away
    await engine.deploy([bpmn('timerStart'), bpmn('timerStartHourly')]);
    // then: three plan instances, each its own, and no check yet
    await waitFor(() => (plans.length === 3 ? true : null), 10_000, 'three monthly plans');
    expect(new Set(plans).size).toBe(3);
    expect(checks).toHaveLength(0);
    for (const p of plans) await finished(p);
    // when an hour passes, then another, then a third (across a restart)
    await t.advanceClock(3600 * 1000 + 1000);
    await waitFor(() => (checks.length === 1 ? true : null), 10_000, 'the first hourly check');
    await finished(checks[0]!);
    engine = await t.restart();
    engine.registerWorker('test.plan', async (job) => (plans.push(job.processInstanceKey), { kind: 'complete' as const }));
    engine.registerWorker('test.check', async (job) => (checks.push(job.processInstanceKey), { kind: 'complete' as const }));
    await engine.start();
    await t.advanceClock(3600 * 1000 + 1000);
    await waitFor(() => (checks.length === 2 ? true : null), 10_000, 'the second hourly check');
    await finished(checks[1]!);
    await t.advanceClock(3600 * 1000 + 1000);
    await new Promise((r) => setTimeout(r, 500));
    // then: R2 is twice, R3 three times
    expect(checks).toHaveLength(2);
    expect(plans).toHaveLength(3);
    const done = await finished(checks[1]!);
    expect(done.completedElements).toEqual(['hourly', 'check', 'hEnd']);
  });

  it('replaces the timer start of an earlier version when a new version is deployed', async () => {
    // given: the hourly check deployed, then a version that checks once, two hours after its deploy
    const checks: string[] = [];
    engine.registerWorker('test.check', async (job) => (checks.push(job.processInstanceKey), { kind: 'complete' as const }));
    await engine.deploy([bpmn('timerStartHourly')]);
    const v2 = bpmn('timerStartHourly');
    await engine.deploy([{ ...v2, xml: v2.xml.replace('="R2/PT1H"', '="R1/PT2H"') }]);
    // when an hour passes: the first version would have fired
    await t.advanceClock(3600 * 1000 + 1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(checks).toHaveLength(0);
    // then: the new version fires at two hours, once
    await t.advanceClock(3600 * 1000);
    await waitFor(() => (checks.length === 1 ? true : null), 10_000, 'the new version’s check');
    // Its job done before the clock jumps on: a jump past a job's lock would hand it out again (on any engine with job locks).
    await finished(checks[0]!);
    await t.advanceClock(4 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(checks).toHaveLength(1);
  });

  it('refuses a timer start event it cannot schedule, in Chinese: a cron cycle, a duration, one beside another start', async () => {
    // given
    const wrap = (start: string, extra = '') =>
      `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">${start}${extra}<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
    const cron = wrap('<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 9 1 * ?</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>');
    const duration = wrap('<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>');
    const beside = wrap('<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeDate>2026-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>', '<bpmn:startEvent id="s2"/>');
    // when / then
    const problems = async (xml: string) => (await engine.validate([{ name: 'p.bpmn', xml }])).filter((p) => p.severity !== 'warning').map((p) => p.message);
    expect((await problems(cron)).join()).toMatch(/暂不支持 cron 表达式/);
    expect((await problems(duration)).join()).toMatch(/不能为时长/);
    expect((await problems(beside)).join()).toMatch(/须为流程唯一的开始事件/);
  });

  it('runs a script task: its FEEL expression into the result variable, read by the next gateway (null where FEEL gives null)', async () => {
    // given
    await engine.deploy([bpmn('script')]);
    // when
    const pass = await engine.createInstance({ bpmnProcessId: 'script', variables: { scores: [30, 25], bonus: 5 } });
    // then
    const done = await finished(pass.processInstanceKey);
    expect(done.variables.total).toBe(60);
    expect(done.completedElements).toEqual(['start', 'total', 'gw', 'endPass']);
    // when a variable the expression needs is not a list of numbers: FEEL gives null, as in Zeebe, and the default branch is taken
    const odd = await engine.createInstance({ bpmnProcessId: 'script', variables: { scores: 'x', bonus: 5 } });
    const oddDone = await finished(odd.processInstanceKey);
    expect(oddDone.variables.total).toBeNull();
    expect(oddDone.completedElements.at(-1)).toBe('endFail');
  });

  it('follows a link, catches an escalation from a sub-process on its boundary, and waits at an event-based gateway for a message or a timer, whichever comes first', async () => {
    // given
    await engine.deploy([bpmn('events')]);
    const run = Date.now().toString(36);
    // when: escalated inside the sub-process
    const escalated = await engine.createInstance({ bpmnProcessId: 'events', variables: { late: true, caseNo: `${run}-1` } });
    // then: the link jumps, the boundary catches the escalation
    expect((await finished(escalated.processInstanceKey)).completedElements).toEqual(expect.arrayContaining(['jump', 'landing', 'caught', 'endEscalated']));
    // when: not escalated, the gateway waits; the message comes first
    const answered = await engine.createInstance({ bpmnProcessId: 'events', variables: { late: false, caseNo: `${run}-2` } });
    await waitFor(async () => ((await engine.getInstance(answered.processInstanceKey))!.completedElements.includes('sub') ? true : null), 10_000, 'the gateway to be reached');
    await engine.publishMessage({ name: 'answer', correlationKey: `${run}-2`, variables: { reply: '已补正' } });
    const a = await finished(answered.processInstanceKey);
    expect(a.completedElements.at(-1)).toBe('endAnswered');
    expect(a.variables.reply).toBe('已补正');
    // when: no message, the timer wins
    const silent = await engine.createInstance({ bpmnProcessId: 'events', variables: { late: false, caseNo: `${run}-3` } });
    await waitFor(async () => ((await engine.getInstance(silent.processInstanceKey))!.completedElements.includes('sub') ? true : null), 10_000, 'the gateway to be reached');
    await t.advanceClock(3600 * 1000 + 1000);
    expect((await finished(silent.processInstanceKey)).completedElements.at(-1)).toBe('endTimedOut');
  });

  it('takes a non-interrupting escalation boundary (上报) and lets the sub-process that escalated go on', async () => {
    // given the escalation boundary of events.bpmn made non-interrupting
    const xml = bpmn('events').xml.replace('<bpmn:boundaryEvent id="caught" attachedToRef="sub">', '<bpmn:boundaryEvent id="caught" attachedToRef="sub" cancelActivity="false">');
    await engine.deploy([{ name: 'events.bpmn', xml }]);
    const caseNo = `ne-${Date.now().toString(36)}`;
    // when the sub-process escalates
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'events', variables: { late: true, caseNo } });
    // then the boundary's path ran, and the sub-process completed and led on to the gateway, which waits
    await waitFor(async () => ((await engine.getInstance(processInstanceKey))!.completedElements.includes('sub') ? true : null), 10_000, 'the sub-process to complete');
    const i = (await engine.getInstance(processInstanceKey))!;
    expect(i.completedElements).toEqual(expect.arrayContaining(['caught', 'endEscalated', 'raise', 'sub']));
    expect(i.status).toBe('ACTIVE');
    await engine.publishMessage({ name: 'answer', correlationKey: caseNo });
    expect((await finished(processInstanceKey)).completedElements.at(-1)).toBe('endAnswered');
  });

  it('waits at an event-based gateway for a signal or a timer, and takes the signal when it is broadcast first', async () => {
    // given the gateway of events.bpmn with a signal catch in place of its message catch
    const signalName = `answers-open-${Date.now().toString(36)}`;
    const xml = bpmn('events')
      .xml.replace('<bpmn:intermediateCatchEvent id="answered"><bpmn:messageEventDefinition messageRef="MsgAnswer"/>', '<bpmn:intermediateCatchEvent id="answered"><bpmn:signalEventDefinition signalRef="SigAnswers"/>')
      .replace('<bpmn:process id="events"', `<bpmn:signal id="SigAnswers" name="${signalName}"/><bpmn:process id="events"`);
    await engine.deploy([{ name: 'events.bpmn', xml }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'events', variables: { late: false, caseNo: 'x' } });
    await waitFor(async () => ((await engine.getInstance(processInstanceKey))!.completedElements.includes('sub') ? true : null), 10_000, 'the gateway to be reached');
    await new Promise((r) => setTimeout(r, 200));
    // when
    await engine.broadcastSignal({ name: signalName });
    // then
    expect((await finished(processInstanceKey)).completedElements.at(-1)).toBe('endAnswered');
  });

  it('runs a message event sub-process (撤回): it cancels the step the instance is at and ends the instance', async () => {
    // given
    await engine.deploy([bpmn('eventSub')]);
    const seen: string[] = [];
    engine.registerWorker('test.cleanup', async (job) => {
      seen.push(job.elementId);
      return { kind: 'complete' };
    });
    const caseNo = `ws-${Date.now().toString(36)}`;
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'eventSub', variables: { caseNo } });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // when the applicant withdraws
    await engine.publishMessage({ name: 'withdraw', correlationKey: caseNo, variables: { withdrawReason: '个人原因' } });
    // then the withdrawal runs, the review step is cancelled and the instance ends
    const done = await finished(processInstanceKey);
    expect(seen).toEqual(['cleanup']);
    expect(done.completedElements).toContain('withdrawEnd');
    expect(done.variables.withdrawReason).toBe('个人原因');
    expect(await engine.jobState(task.key)).toBe('CANCELLED');
  });

  it('runs a non-interrupting message event sub-process each time its message comes, while the step stays open', async () => {
    // given the same diagram with a non-interrupting start (e.g. 补充材料 while the review goes on)
    const xml = readFileSync('test/fixtures/bpmn/eventSub.bpmn', 'utf8').replace('isInterrupting="true"', 'isInterrupting="false"');
    await engine.deploy([{ name: 'eventSub.bpmn', xml }]);
    let runs = 0;
    engine.registerWorker('test.cleanup', async () => {
      runs++;
      return { kind: 'complete' };
    });
    const caseNo = `ni-${Date.now().toString(36)}`;
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'eventSub', variables: { caseNo } });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // when the message comes twice
    await engine.publishMessage({ name: 'withdraw', correlationKey: caseNo });
    await waitFor(() => (runs === 1 ? true : null), 10_000, 'the first run');
    await engine.publishMessage({ name: 'withdraw', correlationKey: caseNo });
    await waitFor(() => (runs === 2 ? true : null), 10_000, 'the second run');
    // then the step is still open, and deciding it ends the instance
    expect((await engine.getInstance(processInstanceKey))!.status).toBe('ACTIVE');
    await engine.completeJob(task.key, { decision: 'approve' });
    expect((await finished(processInstanceKey)).completedElements).toContain('end');
  });

  it('broadcasts a signal (政策调整) to every instance waiting for it and starts the processes with its signal start, each once', async () => {
    // given two instances at a signal catch, one at a review with a non-interrupting signal boundary
    await engine.deploy([bpmn('signal')]);
    const replans: Job[] = [];
    const notices: string[] = [];
    engine.registerWorker('test.replan', async (job) => (replans.push(job), { kind: 'complete' as const }));
    engine.registerWorker('test.notify', async (job) => (notices.push(job.processInstanceKey), { kind: 'complete' as const }));
    const a = await engine.createInstance({ bpmnProcessId: 'signalWait', variables: {} });
    const b = await engine.createInstance({ bpmnProcessId: 'signalWait', variables: {} });
    const review = await engine.createInstance({ bpmnProcessId: 'signalReview', variables: {} });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === review.processInstanceKey));
    // and the engine restarts: the subscriptions are in the store
    engine = await t.restart();
    engine.registerWorker('test.replan', async (job) => (replans.push(job), { kind: 'complete' as const }));
    engine.registerWorker('test.notify', async (job) => (notices.push(job.processInstanceKey), { kind: 'complete' as const }));
    await engine.start();
    // when the signal is broadcast
    await engine.broadcastSignal({ name: 'policy-changed', variables: { policyVersion: 2 } });
    // then both waiting instances go on with its variables, the review is notified and stays open, one instance is started
    for (const k of [a, b]) {
      const done = await finished(k.processInstanceKey);
      expect(done.completedElements).toEqual(['start', 'waitPolicy', 'end']);
      expect(done.variables.policyVersion).toBe(2);
    }
    await waitFor(() => (replans.length === 1 && notices.length === 1 ? true : null), 10_000, 'the signal start and the boundary');
    expect(replans[0]!.variables.policyVersion).toBe(2);
    expect((await finished(replans[0]!.processInstanceKey)).completedElements).toEqual(['onPolicy', 'replan', 'sEnd']);
    expect(notices).toEqual([review.processInstanceKey]);
    expect(await engine.jobState(task.key)).toBe('OPEN');
    // when it is broadcast again: the boundary listens again, the finished instances do not wake
    await engine.broadcastSignal({ name: 'policy-changed' });
    await waitFor(() => (replans.length === 2 && notices.length === 2 ? true : null), 10_000, 'the second broadcast');
    expect((await engine.getInstance(a.processInstanceKey))!.completedElements).toEqual(['start', 'waitPolicy', 'end']);
    // when 本轮取消 is broadcast: the interrupting boundary ends the review
    await engine.broadcastSignal({ name: 'round-cancelled' });
    expect((await finished(review.processInstanceKey)).completedElements).toContain('rCancelled');
    expect(await engine.jobState(task.key)).toBe('CANCELLED');
    // then a signal is not buffered, as on Zeebe: an instance started after a broadcast does not receive it
    const late = await engine.createInstance({ bpmnProcessId: 'signalWait', variables: {} });
    await new Promise((r) => setTimeout(r, 300));
    expect((await engine.getInstance(late.processInstanceKey))!.status).toBe('ACTIVE');
  });

  it('throws signals from intermediate throw and end events to the other instances: catches, interrupting boundaries and signal starts take them', async () => {
    // given an instance at a signal catch and one at a review that 本轮取消 interrupts
    await engine.deploy([bpmn('signal')]);
    const replans: string[] = [];
    engine.registerWorker('test.replan', async (job) => (replans.push(job.processInstanceKey), { kind: 'complete' as const }));
    engine.registerWorker('test.notify', async () => ({ kind: 'complete' as const }));
    const waiting = await engine.createInstance({ bpmnProcessId: 'signalWait', variables: {} });
    const review = await engine.createInstance({ bpmnProcessId: 'signalReview', variables: {} });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === review.processInstanceKey));
    // when an instance throws policy-changed and ends with round-cancelled
    const thrower = await engine.createInstance({ bpmnProcessId: 'signalThrow', variables: {} });
    // then
    expect((await finished(thrower.processInstanceKey)).completedElements).toEqual(['tStart', 'announce', 'closeRound']);
    const woken = await finished(waiting.processInstanceKey);
    expect(woken.completedElements).toEqual(['start', 'waitPolicy', 'end']);
    // with the throw event's input mappings as the signal's variables, as on Zeebe
    expect(woken.variables.announcedBy).toBe('省中心');
    const cancelled = await finished(review.processInstanceKey);
    expect(cancelled.completedElements).toContain('rCancelled');
    expect(await engine.jobState(task.key)).toBe('CANCELLED');
    await waitFor(() => (replans.length === 1 ? true : null), 10_000, 'the signal start');
  });

  it('starts an interrupting signal event sub-process (本轮取消) in an instance, which ends the step it was at', async () => {
    // given
    await engine.deploy([bpmn('signal')]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'signalEventSub', variables: {} });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // when
    await engine.broadcastSignal({ name: 'round-cancelled', variables: { cancelledBy: '省中心' } });
    // then
    const done = await finished(processInstanceKey);
    expect(done.completedElements).toContain('cancelEnd');
    expect(done.completedElements).not.toContain('eEnd');
    expect(done.variables.cancelledBy).toBe('省中心');
    expect(await engine.jobState(task.key)).toBe('CANCELLED');
  });

  it('runs a non-interrupting signal event sub-process each time the signal is broadcast, while the step stays open', async () => {
    // given the same sub-process made non-interrupting (a notice instead of a cancellation)
    await engine.deploy([{ name: 'signal.bpmn', xml: bpmn('signal').xml.replace('id="cancelStart" isInterrupting="true"', 'id="cancelStart" isInterrupting="false"') }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'signalEventSub', variables: {} });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    const runs = async () => (await engine.getInstance(processInstanceKey))!.completedElements.filter((e) => e === 'cancelEnd').length;
    // when it is broadcast twice
    await engine.broadcastSignal({ name: 'round-cancelled' });
    await waitFor(async () => ((await runs()) === 1 ? true : null), 10_000, 'the first run');
    await engine.broadcastSignal({ name: 'round-cancelled' });
    await waitFor(async () => ((await runs()) === 2 ? true : null), 10_000, 'the second run');
    // then the step is still open, and deciding it ends the instance
    expect(await engine.jobState(task.key)).toBe('OPEN');
    await engine.completeJob(task.key, {});
    expect((await finished(processInstanceKey)).completedElements).toContain('eEnd');
  });

  it('runs timer event sub-processes: a non-interrupting daily reminder (催办) twice across a restart, then the interrupting deadline (逾期) ends the open step', async () => {
    // given
    await engine.deploy([bpmn('eventSubTimer')]);
    const reminders: string[] = [];
    const remind = async (job: Job) => (reminders.push(job.key), { kind: 'complete' as const });
    engine.registerWorker('test.remind', remind);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'eventSubTimer', variables: { reviewPeriod: 'P5D' } });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // when a day passes
    await t.advanceClock(24 * 3600 * 1000 + 1000);
    await waitFor(() => (reminders.length === 1 ? true : null), 10_000, 'the first reminder');
    // and the engine restarts before the next day
    engine = await t.restart();
    engine.registerWorker('test.remind', remind);
    engine.registerWorker(USER_TASK_JOB_TYPE, async (job) => (userTasks.push(job), { kind: 'complete' as const }), { hold: true });
    await engine.start();
    await t.advanceClock(24 * 3600 * 1000 + 1000);
    await waitFor(() => (reminders.length === 2 ? true : null), 10_000, 'the second reminder');
    await t.advanceClock(24 * 3600 * 1000 + 1000);
    await new Promise((r) => setTimeout(r, 300));
    // then two reminders (R2), and the review is still open
    expect(reminders).toHaveLength(2);
    expect(await engine.jobState(task.key)).toBe('OPEN');
    // when the review period (5 days from the start) is over
    await t.advanceClock(2 * 24 * 3600 * 1000);
    // then the deadline ends the instance there, and the review is withdrawn
    const done = await finished(processInstanceKey);
    expect(done.completedElements).toContain('expired');
    expect(done.completedElements).not.toContain('end');
    expect(await engine.jobState(task.key)).toBe('CANCELLED');
    // when the deadline's expression has no value: an incident of the instance names the timer, and the review still opens
    const unset = await engine.createInstance({ bpmnProcessId: 'eventSubTimer', variables: {} });
    const incident = await waitFor(async () => (await engine.listIncidents({ processInstanceKey: unset.processInstanceKey, state: 'OPEN' }))[0]);
    expect(incident).toMatchObject({ elementId: 'deadline', errorType: 'EXTRACT_VALUE_ERROR' });
    await waitFor(() => userTasks.find((j) => j.processInstanceKey === unset.processInstanceKey));
  });

  it('runs error and escalation event sub-processes: an escalation (逾期上报) runs beside the case, an error (弄虚作假) from an end event or from a job ends it there', async () => {
    // given
    await engine.deploy([bpmn('eventSubThrown')]);
    const notified: string[] = [];
    let checkOutcome: 'ok' | 'error' = 'ok';
    engine.registerWorker('test.notify', async (job) => (notified.push(job.processInstanceKey), { kind: 'complete' as const }));
    engine.registerWorker('test.check', async () => (checkOutcome === 'ok' ? { kind: 'complete' as const } : { kind: 'error' as const, errorCode: 'FRAUD', errorMessage: '材料造假' }));
    // when late, not fraud: the escalation's sub-process runs and the case goes on to its end
    const late = await engine.createInstance({ bpmnProcessId: 'eventSubThrown', variables: { late: true, fraud: false } });
    // then
    const lateDone = await finished(late.processInstanceKey);
    expect(lateDone.status).toBe('COMPLETED');
    expect(lateDone.completedElements).toEqual(expect.arrayContaining(['escalate', 'notify', 'lateEnd', 'end']));
    expect(notified).toEqual([late.processInstanceKey]);
    // when the error end event throws FRAUD
    const fraud = await engine.createInstance({ bpmnProcessId: 'eventSubThrown', variables: { late: false, fraud: true } });
    // then the error sub-process catches it, and nothing stays open
    const fraudDone = await finished(fraud.processInstanceKey);
    expect(fraudDone.status).toBe('COMPLETED');
    expect(fraudDone.completedElements).toContain('fraudEnd');
    expect(await engine.listIncidents({ processInstanceKey: fraud.processInstanceKey })).toEqual([]);
    // when the check's worker throws FRAUD (no boundary on the task): the event sub-process catches it, not an incident
    checkOutcome = 'error';
    const thrown = await engine.createInstance({ bpmnProcessId: 'eventSubThrown', variables: { late: false, fraud: false } });
    const thrownDone = await finished(thrown.processInstanceKey);
    expect(thrownDone.completedElements).toContain('fraudEnd');
    expect(thrownDone.completedElements).not.toContain('end');
    expect(await engine.listIncidents({ processInstanceKey: thrown.processInstanceKey })).toEqual([]);
    // when the escalation's sub-process is interrupting (a new version): the case ends there instead
    checkOutcome = 'ok';
    await engine.deploy([{ name: 'eventSubThrown.bpmn', xml: bpmn('eventSubThrown').xml.replace('id="lateStart" isInterrupting="false"', 'id="lateStart" isInterrupting="true"') }]);
    const stopped = await finished((await engine.createInstance({ bpmnProcessId: 'eventSubThrown', variables: { late: true, fraud: false } })).processInstanceKey);
    expect(stopped.completedElements).toContain('lateEnd');
    expect(stopped.completedElements).not.toContain('end');
  });

  it('ends the steps of other branches when an error event sub-process starts (an error end event on one branch, a review waiting on the other)', async () => {
    // given
    await engine.deploy([bpmn('eventSubParallel')]);
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'eventSubParallel', variables: {} });
    // then the instance ends in the error sub-process, and the review is withdrawn (or never offered)
    const done = await finished(processInstanceKey);
    expect(done.status).toBe('COMPLETED');
    expect(done.completedElements).toContain('fraudEnd');
    expect(done.completedElements).not.toContain('end');
    const review = userTasks.find((j) => j.processInstanceKey === processInstanceKey);
    if (review) expect(await engine.jobState(review.key)).toBe('CANCELLED');
  });

  it('takes a non-interrupting message boundary each time its message comes, across a restart, while the task stays open (补充材料 during the review)', async () => {
    // given
    await engine.deploy([bpmn('messageBoundary')]);
    let notified = 0;
    engine.registerWorker('test.notify', async () => {
      notified++;
      return { kind: 'complete' };
    });
    const applicationId = `mb-${Date.now().toString(36)}`;
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'messageBoundary', variables: { applicationId } });
    const task = await waitFor(() => userTasks.find((j) => j.processInstanceKey === processInstanceKey));
    // when the applicant supplements twice
    await engine.publishMessage({ name: 'materials-supplemented', correlationKey: applicationId });
    await waitFor(() => (notified === 1 ? true : null), 10_000, 'the first notice');
    // and the engine restarts in between: the boundary listens again from the store
    engine = await t.restart();
    engine.registerWorker('test.notify', async () => {
      notified++;
      return { kind: 'complete' };
    });
    await engine.start();
    await engine.publishMessage({ name: 'materials-supplemented', correlationKey: applicationId });
    await waitFor(() => (notified === 2 ? true : null), 10_000, 'the second notice');
    // then the review is still open, and deciding it ends the instance
    expect((await engine.getInstance(processInstanceKey))!.status).toBe('ACTIVE');
    expect(await engine.jobState(task.key)).toBe('OPEN');
    await engine.completeJob(task.key, { decision: 'approve' });
    const done = await finished(processInstanceKey);
    expect(done.completedElements.filter((e) => e === 'notify')).toHaveLength(2);
    expect(done.completedElements.at(-1)).toBe('end');
  });

  it('starts an instance from a message start event, once per message id (also after a restart) and once per correlation key while it runs', async () => {
    // given (keys unique per run: a broker may still hold messages of earlier runs)
    await engine.deploy([bpmn('messageStart')]);
    const run = Date.now().toString(36);
    const intakes = () => userTasks.filter((j) => j.bpmnProcessId === 'messageStart');
    const submit = (key: string, id: string) => engine.publishMessage({ name: 'application-submitted', correlationKey: `${run}-${key}`, messageId: `${run}-${id}`, variables: { applicant: '张三', key }, timeToLiveMs: 60_000 });
    // when the message is published
    await submit('A', 'm1');
    // then one instance, started with its variables
    const first = await waitFor(() => (intakes().length === 1 ? intakes()[0] : null), 10_000, 'the first intake');
    expect(first.variables).toMatchObject({ applicant: '张三', key: 'A' });
    expect((await engine.getInstance(first.processInstanceKey))!.completedElements).toEqual(['submitted']);
    // when it is published again (a retry), again after a restart, and with another id but the same key while the first runs
    await submit('A', 'm1');
    engine = await t.restart();
    engine.registerWorker(USER_TASK_JOB_TYPE, async (job) => (userTasks.push(job), { kind: 'complete' as const }), { hold: true });
    await engine.start();
    await submit('A', 'm1');
    await submit('A', 'm2');
    // and once with another key
    await submit('B', 'm3');
    // then only that last one starts a second instance
    await waitFor(() => (intakes().some((j) => j.variables.key === 'B') ? true : null), 10_000, 'the intake of B');
    await new Promise((r) => setTimeout(r, 300));
    expect(new Set(intakes().map((j) => j.processInstanceKey)).size).toBe(2);
    await engine.completeJob(first.key, {});
    expect((await finished(first.processInstanceKey)).completedElements).toEqual(['submitted', 'intake', 'end']);
    // and, as on Zeebe, a process started by its message is not started directly
    await expect(engine.createInstance({ bpmnProcessId: 'messageStart', variables: {} })).rejects.toThrow();
  });

  it('runs message intermediate throw and end events as jobs of their type, as Zeebe does (the worker sends the message), and refuses one without a type', async () => {
    // given
    await engine.deploy([bpmn('messageThrow')]);
    const sent: Job[] = [];
    engine.registerWorker('test.send', async (job) => (sent.push(job), { kind: 'complete' as const, variables: { [`${job.elementId}SentAt`]: '2026-04-01' } }));
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'messageThrow', variables: { applicant: '张三' } });
    // then each event waited for its job, in order, and the job's variables reached the instance
    const done = await finished(processInstanceKey);
    expect(sent.map((j) => j.elementId)).toEqual(['sendNotice', 'sendResult']);
    expect(sent[0]!.customHeaders.channel).toBe('sms');
    expect(sent[0]!.variables.applicant).toBe('张三');
    expect(done.completedElements).toEqual(['start', 'sendNotice', 'sendResult']);
    expect(done.variables).toMatchObject({ sendNoticeSentAt: '2026-04-01', sendResultSentAt: '2026-04-01' });
    // and without a job type the event is refused at deploy, by name
    const untyped = bpmn('messageThrow').xml.replace('<zeebe:taskDefinition type="test.send"/>', '');
    const problems = await engine.validate([{ name: 'messageThrow.bpmn', xml: untyped }]);
    expect(problems).toEqual([expect.objectContaining({ file: 'messageThrow.bpmn', elementId: 'sendResult', code: 'TASK_TYPE' })]);
    expect(problems[0]!.message).toMatch(/消息结束事件 sendResult 缺少任务类型/);
  });

  it('correlates a message by name and correlation key, also when published before the subscription opens', async () => {
    // given (keys unique per run: a broker may still hold subscriptions of earlier runs)
    const run = Date.now().toString(36);
    const k = (n: number) => `510700-2026-${run}-${n}`;
    await engine.deploy([bpmn('message')]);
    const a = await engine.createInstance({ bpmnProcessId: 'message', variables: { cardNo: k(1) } });
    const b = await engine.createInstance({ bpmnProcessId: 'message', variables: { cardNo: k(2) } });
    // when
    // (a time to live, because on a broker the subscription opens asynchronously after the start)
    await engine.publishMessage({ name: 'card-collected', correlationKey: k(1), variables: { collectedOn: '2026-04-01' }, timeToLiveMs: 30_000 });
    // then
    const doneA = await finished(a.processInstanceKey).catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify(await engine.getInstance(a.processInstanceKey))}`);
    });
    expect(doneA.variables.collectedOn).toBe('2026-04-01');
    expect((await engine.getInstance(b.processInstanceKey))!.status).toBe('ACTIVE');
    // when: buffered with a time to live
    await engine.publishMessage({ name: 'card-collected', correlationKey: k(3), timeToLiveMs: 60_000 });
    const c = await engine.createInstance({ bpmnProcessId: 'message', variables: { cardNo: k(3) } });
    // then
    expect((await finished(c.processInstanceKey)).completedElements).toEqual(['start', 'waitCollect', 'endCollected']);
  });

  it('splits and joins parallel branches', async () => {
    // given
    await engine.deploy([bpmn('parallel')]);
    engine.registerWorker('test.a', async () => ({ kind: 'complete', variables: { a: 1 } }));
    engine.registerWorker('test.b', async () => ({ kind: 'complete', variables: { b: 2 } }));
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'parallel', variables: {} });
    const done = await finished(processInstanceKey);
    // then
    expect(done.variables).toMatchObject({ a: 1, b: 2 });
    expect(done.completedElements.filter((e) => e === 'join').length).toBeGreaterThanOrEqual(1);
    expect(done.completedElements.at(-1)).toBe('end');
  });

  it('runs a multi-instance user task (会签) and collects each output', async () => {
    // given
    await engine.deploy([bpmn('multi')]);
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'multi', variables: { experts: ['e1', 'e2', 'e3'] } });
    const tasks = await waitFor(() => {
      const mine = userTasks.filter((j) => j.processInstanceKey === processInstanceKey);
      return mine.length === 3 ? mine : null;
    });
    // then
    expect(tasks.map((j) => JSON.parse(j.customHeaders['io.camunda.zeebe:candidateGroups'])[0]).sort()).toEqual(['expert:e1', 'expert:e2', 'expert:e3']);
    // when
    for (const j of tasks) await engine.completeJob(j.key, { vote: j.variables.expert === 'e2' ? 'reject' : 'approve' });
    const done = await finished(processInstanceKey);
    // then: outputs land at the index of their input element
    const byExpert = Object.fromEntries(tasks.map((j) => [j.variables.expert, j.variables.loopCounter]));
    const votes = done.variables.votes as string[];
    expect(votes[(byExpert.e2 as number) - 1]).toBe('reject');
    expect(votes.filter((v) => v === 'approve')).toHaveLength(2);
    expect(done.completedElements.at(-1)).toBe('endRejected');
  });

  it('calls a process once per item of a multi-instance collection, each child with its item, and collects their results in order', async () => {
    // given: a call activity over [1,2,3] (inputElement item, outputCollection results, outputElement =doubled)
    await engine.deploy([bpmn('multiCall')]);
    const items: unknown[] = [];
    engine.registerWorker('test.double', async (job) => {
      items.push(job.variables.item);
      return { kind: 'complete', variables: { doubled: Number(job.variables.item) * 2 } };
    });
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'multiCallParent', variables: {} });
    const done = await finished(processInstanceKey);
    // then
    expect(done.status).toBe('COMPLETED');
    expect([...items].sort()).toEqual([1, 2, 3]);
    expect(done.variables.results).toEqual([2, 4, 6]);
  });

  it('calls another process and takes back its variables', async () => {
    // given
    await engine.deploy([bpmn('call')]);
    engine.registerWorker('test.child', async (job) => ({ kind: 'complete', variables: { childSaw: job.variables.parentValue, childResult: 'done' } }));
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'parentProc', variables: { parentValue: 42 } });
    const done = await finished(processInstanceKey);
    // then
    expect(done.variables).toMatchObject({ childSaw: 42, childResult: 'done' });
    expect(done.completedElements).toEqual(['start', 'callChild', 'end']);
  });

  it('refuses what it does not run in Chinese, naming file, element and why: transactions, compensation, conditional events, an event sub-process inside a sub-process', async () => {
    // given
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="tx"/>
    <bpmn:transaction id="tx"/>
    <bpmn:sequenceFlow id="f1" sourceRef="tx" targetRef="undo"/>
    <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition/></bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="undo" targetRef="ready"/>
    <bpmn:intermediateCatchEvent id="ready"><bpmn:conditionalEventDefinition><bpmn:condition>=ok</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="ready" targetRef="sub"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="subStart"/>
      <bpmn:subProcess id="inner" triggeredByEvent="true">
        <bpmn:startEvent id="innerStart"><bpmn:escalationEventDefinition/></bpmn:startEvent>
      </bpmn:subProcess>
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f4" sourceRef="sub" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;
    // when
    const error = await engine.deploy([{ name: 'refused.bpmn', xml }]).catch((e) => e);
    // then
    expect(error).toBeInstanceOf(EngineDeployError);
    const byElement = Object.fromEntries((error as EngineDeployError).problems.map((p) => [p.elementId, p]));
    expect(byElement.tx).toMatchObject({ file: 'refused.bpmn', code: 'UNSUPPORTED_ELEMENT' });
    expect(byElement.tx!.message).toBe('不支持的 BPMN 元素「事务子流程」(tx):事务与补偿暂不支持,请改用错误边界事件或事件子流程处理撤销');
    expect(byElement.undo!.message).toBe('不支持补偿中间抛出事件(undo):事务与补偿暂不支持,请改用错误边界事件或事件子流程处理撤销');
    expect(byElement.ready!.message).toBe('不支持条件中间捕获事件(ready):条件事件暂不支持,请改用排他网关或消息事件');
    expect(byElement.inner!.message).toBe('事件子流程 inner 暂只支持放在流程一级,不能放在子流程内');
    for (const p of (error as EngineDeployError).problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
    await expect(engine.createInstance({ bpmnProcessId: 'p', variables: {} })).rejects.toThrow();
  });

  it('refuses a BPMN with unsupported elements or bad expressions, naming file and element, deploying nothing', async () => {
    // when
    const error = await engine.deploy([bpmn('gateway'), bpmn('unsupported')]).catch((e) => e);
    // then
    expect(error).toBeInstanceOf(EngineDeployError);
    const problems = (error as EngineDeployError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'unsupported.bpmn', elementId: 'cx', code: 'UNSUPPORTED_ELEMENT' }),
        expect.objectContaining({ file: 'unsupported.bpmn', elementId: 'svc', code: 'TASK_TYPE' }),
        expect.objectContaining({ file: 'unsupported.bpmn', elementId: 'f2', code: 'FEEL_SYNTAX' }),
      ]),
    );
    await expect(engine.createInstance({ bpmnProcessId: 'unsupported', variables: {} })).rejects.toThrow();
  });
});
