import { describe, expect, it } from 'vitest';
import { auditRef } from './ScheduledJobService.ts';

describe('auditRef', () => {
  it('keeps a short job key and shortens a long one to fit the audit log, distinctly', () => {
    // given a key as short as most, and two long ones of the 2026 package's plan jobs
    const short = 'sichuan-2024-renewal:void-2024-03';
    const long1 = 'sichuan-2026-examiner-training:check-exam-notice-2026-11-examiner';
    const long2 = 'sichuan-2026-examiner-training:check-exam-notice-2026-10-examiner';
    // then
    expect(auditRef(short)).toBe(short);
    for (const k of [long1, long2]) expect(auditRef(k).length).toBeLessThanOrEqual(64);
    expect(auditRef(long1)).not.toBe(auditRef(long2));
    expect(auditRef(long1).startsWith('sichuan-2026-examiner-training:check-exa')).toBe(true);
  });
});
