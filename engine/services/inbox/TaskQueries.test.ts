import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { EmbeddedEngine } from '../../adapters/embedded/EmbeddedEngine.ts';
import { USER_TASK_JOB_TYPE, type Job } from '../../port/ProcessEngine.ts';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { CalendarService } from '../calendar/CalendarService.ts';
import { InboxService } from './InboxService.ts';
import { projectRuleDecision, TaskQueries } from './TaskQueries.ts';

// Wednesday 2026-09-30, 10:00 in Shanghai: the National Day holiday (10-01…10-07) follows, 10-10 is a make-up working day.
const NOW = Date.parse('2026-09-30T02:00:00Z');
const reviewer = (regionCode: string): Actor => ({ id: `city-${regionCode}`, username: `city-${regionCode}`, displayName: '审核人', role: 'city_reviewer', orgId: null, regionCode, idNumber: null });

let seq = 0;
const job = (o: { city: string; due: string | null; name: string; idNumber: string; element?: string; pkg?: string }): Job => ({
  key: `9${String(++seq).padStart(6, '0')}`,
  type: USER_TASK_JOB_TYPE,
  processInstanceKey: `p${seq}`,
  bpmnProcessId: 'p',
  elementId: o.element ?? 'Task_CityReview',
  customHeaders: { 'io.camunda.zeebe:candidateGroups': JSON.stringify([`city:${o.city}`]), 'io.camunda.zeebe:name': '市(州)资格审核', ...(o.due ? { 'io.camunda.zeebe:dueDate': o.due } : {}) },
  variables: { packageHash: o.pkg ?? 'a'.repeat(64), application: { name: o.name, idNumber: o.idNumber, applicantType: 'EXAMINER' }, recommender: { cityCode: o.city, name: '演示推荐单位' } },
  retries: 1,
  deadline: null,
});

describe.each(storeTargets())('TaskQueries on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let queries: TaskQueries;
  let inbox: InboxService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    const audit = new AuditLog(db, () => NOW);
    const calendar = new CalendarService(db, audit);
    await calendar.reload();
    // A real inbox projects the tasks (the engine is built but not started: creating a task does not call it).
    inbox = new InboxService(db, new EmbeddedEngine(db, { now: () => NOW, timerPollMs: 60_000, jobPollMs: 60_000, log: () => undefined }), audit, () => NOW);
    queries = new TaskQueries(db, calendar, () => NOW);
    const tasks: Array<[string, Parameters<typeof job>[0]]> = [
      ['dueToday', { city: '510700', due: '2026-09-30T09:00:00Z', name: '王伟', idNumber: '51070019900101123X' }],
      ['afterHoliday', { city: '510700', due: '2026-10-09T09:00:00Z', name: '王芳', idNumber: '510700199002024321' }],
      ['tooLate', { city: '510700', due: '2026-10-12T09:00:00Z', name: '李娜', idNumber: '510700199103035555', element: 'Task_Other', pkg: 'b'.repeat(64) }],
      ['overdue', { city: '510700', due: '2026-09-29T09:00:00Z', name: '张敏', idNumber: '510700199204046666' }],
      ['noDue', { city: '510700', due: null, name: '张强', idNumber: '510700199305057777' }],
      ['otherCity', { city: '510600', due: '2026-09-30T09:00:00Z', name: '王伟', idNumber: '51060019900101123X' }],
    ];
    for (const [label, o] of tasks) {
      const j = job(o);
      await inbox.onUserTaskJob(j);
      ids[label] = j.key;
    }
  });
  afterAll(async () => close?.());

  const list = (q: Parameters<TaskQueries['list']>[1], who = reviewer('510700')) => queries.list(who, q);
  const idsOf = async (q: Parameters<TaskQueries['list']>[1]) => (await list(q)).items.map((r) => r.id).sort();
  const pick = (...labels: string[]) => labels.map((l) => ids[l]).sort();

  it('counts and lists only the caller’s group, due dates first and tasks without one last', async () => {
    // when
    const page = await list({});
    // then
    expect(page.total).toBe(5);
    expect(page.items.map((r) => r.id)).toEqual([ids.overdue, ids.dueToday, ids.afterHoliday, ids.tooLate, ids.noDue]);
    expect((await list({}, reviewer('510600'))).total).toBe(1);
  });

  it('filters due dates on the working-day calendar: today, within 3 working days across the holiday, overdue', async () => {
    expect(await idsOf({ due: 'today' })).toEqual(pick('dueToday'));
    // 10-09 is nine calendar days away but only two working days: within 3; 10-12 is the fourth
    expect(await idsOf({ due: 'within3' })).toEqual(pick('dueToday', 'afterHoliday'));
    expect(await idsOf({ due: 'overdue' })).toEqual(pick('overdue'));
    const rows = Object.fromEntries((await list({})).items.map((r) => [r.id, r]));
    expect(rows[ids.afterHoliday]).toMatchObject({ workingDaysLeft: 2, overdue: false });
    expect(rows[ids.tooLate].workingDaysLeft).toBe(4);
    expect(rows[ids.overdue]).toMatchObject({ workingDaysLeft: -1, overdue: true });
    expect(rows[ids.dueToday].workingDaysLeft).toBe(0);
    expect(rows[ids.noDue].workingDaysLeft).toBeNull();
  });

  it('searches by name prefix and by the last digits of the ID number (stored as a suffix column)', async () => {
    expect(await idsOf({ q: '王' })).toEqual(pick('dueToday', 'afterHoliday'));
    expect(await idsOf({ q: '4321' })).toEqual(pick('afterHoliday'));
    expect(await idsOf({ q: '123x' })).toEqual(pick('dueToday'));
    expect(await idsOf({ q: '%' })).toEqual([]);
    const row = (await db.knex('tasks').where({ id: ids.dueToday }).first('id_suffix_rev')) as { id_suffix_rev: string };
    expect(row.id_suffix_rev).toBe('X32110');
  });

  it('filters by package, step and rule result, the rule result following a later evaluation', async () => {
    expect(await idsOf({ package: 'b'.repeat(64) })).toEqual(pick('tooLate'));
    expect(await idsOf({ step: 'Task_Other' })).toEqual(pick('tooLate'));
    expect((await list({ step: '市(州)资格审核' })).total).toBe(5);
    expect((await list({ rule: 'REFER' })).total).toBe(0);
    // when: the application's evaluation is recorded after the task exists
    await db.knex('tasks').where({ id: ids.noDue }).update({ application_id: 'app-1' });
    await projectRuleDecision(db.knex, 'app-1', 'REFER');
    // then
    expect(await idsOf({ rule: 'REFER' })).toEqual(pick('noDue'));
    expect((await list({ rule: 'REFER' })).items[0]).toMatchObject({ ruleDecision: 'REFER', ruleDecisionLabel: '需人工' });
  });

  it('lists 「我的」 from the assignee kept on the candidate rows: claimed, released, claimed again', async () => {
    // given
    const me = reviewer('510700');
    expect((await list({ mine: true }, me)).total).toBe(0);
    // when
    await inbox.claim(me, ids.afterHoliday);
    await inbox.claim(me, ids.dueToday);
    // then: in due order, with the total, served by the candidate rows' own column
    const mine = await list({ mine: true }, me);
    expect(mine.items.map((r) => r.id)).toEqual([ids.dueToday, ids.afterHoliday]);
    expect(mine.total).toBe(2);
    expect((await db.knex('task_candidates').where({ task_id: ids.dueToday }).first('assignee')).assignee).toBe(me.id);
    // when released
    await inbox.unclaim(me, ids.dueToday);
    // then
    expect(await idsOf({ mine: true })).toEqual(pick('afterHoliday'));
    expect((await db.knex('task_candidates').where({ task_id: ids.dueToday }).first('assignee')).assignee).toBeNull();
    await inbox.unclaim(me, ids.afterHoliday);
    expect((await list({ mine: true }, me)).total).toBe(0);
  });

  it('pages with a stable total and refuses a procedure without a year and a caller who is not a reviewer', async () => {
    const p2 = await list({ pageSize: 2, page: 3 });
    expect(p2).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(p2.items.map((r) => r.id)).toEqual([ids.noDue]);
    await expect(list({ procedure: 'examiner-training' })).rejects.toBeInstanceOf(ValidationError);
    await expect(queries.list({ ...reviewer('510700'), role: 'applicant' }, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});
