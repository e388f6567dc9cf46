import { describe, expect, it } from 'vitest';
import { ZEEBE_BLOCKED_REASON, zeebeUp } from '../support/zeebe.ts';

/**
 * Makes the Zeebe runs visible when no broker is available: each suite that needs one is listed as a
 * skipped test with the reason, so the summary line counts them instead of leaving them out silently.
 */
const ZEEBE_SUITES = [
  'engine conformance suite on the zeebe engine (test/engine/conformance.test.ts)',
  'package scenarios on the zeebe engine (test/scenarios/packageScenarios.test.ts)',
  'broker outage, restart and queued process starts (test/http/zeebeOutage.e2e.test.ts)',
];

describe('Zeebe broker availability', () => {
  if (zeebeUp) {
    it('a broker is ready, so the Zeebe suites run', () => {
      expect(zeebeUp).toBe(true);
    });
  } else {
    for (const suite of ZEEBE_SUITES) it.skip(`BLOCKED — ${suite}: ${ZEEBE_BLOCKED_REASON}`, () => undefined);
  }
});
