import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import type { Actor } from '../actor.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { CalendarService } from './CalendarService.ts';

const actor = (role: Actor['role'], regionCode = '510000'): Actor => ({ id: `${role}-${regionCode}`, username: role, displayName: role, role, orgId: null, regionCode, idNumber: null });
const ADMIN = actor('admin');

describe.each(storeTargets())('CalendarService on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let calendar: CalendarService;
  let audit: AuditLog;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    audit = new AuditLog(db);
    calendar = new CalendarService(db, audit);
    await calendar.reload();
  });
  afterAll(async () => close?.());

  it('counts working days across the National Day holiday and its make-up Saturday', () => {
    // given / when: 2026-09-30 + 3 working days (C1): 10-01…07 off, 10-10 (Saturday) a make-up working day
    const r = calendar.deadline({ anchor: '2026-09-30', amount: 3, unit: 'WD', counting: 'C1' });
    // then
    expect(r).toMatchObject({ date: '2026-10-10', provisional: false });
  });

  it('applies a province administrator\'s override in the province and its cities only, and audits it', async () => {
    // given: a holiday on Monday 2026-10-12 entered for Sichuan
    const req = { anchor: '2026-10-09', amount: 2, unit: 'WD' as const, counting: 'C1' as const };
    expect(calendar.deadline(req, '510700').date).toBe('2026-10-12');
    // when
    await calendar.setOverride(ADMIN, { date: '2026-10-12', working: false, note: '地方调整' });
    // then: Sichuan and Mianyang count it; Gansu and the national calendar do not
    expect(calendar.deadline(req, '510000').date).toBe('2026-10-13');
    expect(calendar.deadline(req, '510700').date).toBe('2026-10-13');
    expect(calendar.deadline(req, '620000').date).toBe('2026-10-12');
    expect(calendar.deadline(req).date).toBe('2026-10-12');
    expect(calendar.days('2026-10-12', '2026-10-12', '510700')[0]).toMatchObject({ working: false, source: 'override', name: '地方调整' });
    expect((await audit.list({ entityType: 'calendar', limit: 10 })).map((e) => e.action)).toContain('calendar.override.set');
    // when the override is removed, the library's answer is back
    await calendar.removeOverride(ADMIN, '2026-10-12');
    expect(calendar.deadline(req, '510700').date).toBe('2026-10-12');
  });

  it('applies a prefecture\'s own holiday there only (民族自治地方, AMB-81)', async () => {
    // given: 阿坝州 (513200) keeps a local holiday on Monday 2026-11-23
    await calendar.setOverride(ADMIN, { date: '2026-11-23', working: false, note: '州庆', regionCode: '513200' });
    const req = { anchor: '2026-11-20', amount: 1, unit: 'WD' as const, counting: 'C1' as const };
    // then
    expect(calendar.deadline(req, '513200').date).toBe('2026-11-24');
    expect(calendar.deadline(req, '510700').date).toBe('2026-11-23');
    expect(calendar.deadline(req, '510000').date).toBe('2026-11-23');
    // and another province's administrator may not touch it
    await expect(calendar.setOverride(actor('admin', '620000'), { date: '2026-11-24', working: false, regionCode: '513200' })).rejects.toThrow(ForbiddenError);
    expect((await calendar.listOverrides(actor('admin', '620000'))).overrides).toEqual([]);
    await calendar.removeOverride(ADMIN, '2026-11-23', '513200');
  });

  it('marks a result in a year without a published arrangement provisional until the region declares the year complete', async () => {
    // given: 2027 is not in the holiday library
    const req = { anchor: '2027-03-01', amount: 5, unit: 'WD' as const, counting: 'C1' as const };
    expect(calendar.deadline(req, '510700').provisional).toBe(true);
    // when
    await calendar.setPublishedYear(ADMIN, 2027, true, '国办发明电〔2026〕X号 已全部录入');
    // then
    expect(calendar.deadline(req, '510700').provisional).toBe(false);
    expect(calendar.deadline(req, '620000').provisional).toBe(true);
    expect((await calendar.listOverrides(ADMIN)).publishedYears).toEqual([{ regionCode: '510000', year: 2027 }]);
    await calendar.setPublishedYear(ADMIN, 2027, false);
    expect(calendar.deadline(req, '510700').provisional).toBe(true);
  });

  it('refuses overrides from non-administrators and bad input, writing nothing', async () => {
    // given
    const before = (await calendar.listOverrides(ADMIN)).overrides;
    // when / then
    await expect(calendar.setOverride(actor('policy_editor'), { date: '2026-10-12', working: false })).rejects.toThrow(ForbiddenError);
    await expect(calendar.setOverride(ADMIN, { date: '2026-13-01', working: false })).rejects.toThrow(ValidationError);
    await expect(calendar.setOverride(ADMIN, { date: '2026-10-12', working: 'no' as never })).rejects.toThrow(ValidationError);
    await expect(calendar.setPublishedYear(ADMIN, 1900, true)).rejects.toThrow(ValidationError);
    expect(() => calendar.deadline({ anchor: '2026-10-09', amount: 2, unit: 'WD', counting: 'C4' })).toThrow(ValidationError);
    await expect(calendar.setOverride(ADMIN, { date: '2026-10-12', working: false, regionCode: '51' })).rejects.toThrow(ValidationError);
    expect(() => calendar.days('2026-01-01', '2027-06-01')).toThrow(/366/);
    expect((await calendar.listOverrides(ADMIN)).overrides).toEqual(before);
  });
});
